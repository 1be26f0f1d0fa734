#!/usr/bin/env bash
# Install the frozen Stakemap (dist/stakemap from `make package`) for one user, with its desktop entry,
# file type (*.stakemap opens in Stakemap), AppStream metadata and icons. No root needed.
#
#   packaging/linux/install.sh [--prefix DIR] [--app DIST_DIR]     # DIR defaults to ~/.local
#   packaging/linux/install.sh --uninstall [--prefix DIR]
#
# Without a frozen build (e.g. after `pip install stakemap`), only the desktop files are installed
# and the entry runs `stakemap-gui` from PATH.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PREFIX="$HOME/.local"
APP_SRC="$ROOT/dist/stakemap"
UNINSTALL=0
ID=app.stakemap.Stakemap

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --app) APP_SRC="$2"; shift 2 ;;
    --uninstall) UNINSTALL=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

SHARE="$PREFIX/share"
APP_DIR="$PREFIX/lib/stakemap"
BIN_DIR="$PREFIX/bin"
ICON_SIZES=(16 24 32 48 64 128 256 512)

refresh() {
  # Optional tools: a desktop without them picks the files up at next login.
  command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "$UNINSTALL" -eq 1 ]; then
  rm -rf "$APP_DIR"
  # Only remove the commands if they are ours (links into the installed app).
  for cmd in stakemap stakemap-gui; do
    [ -L "$BIN_DIR/$cmd" ] && [[ "$(readlink "$BIN_DIR/$cmd")" == "$APP_DIR/"* ]] && rm -f "$BIN_DIR/$cmd"
  done
  rm -f "$SHARE/applications/$ID.desktop" "$SHARE/metainfo/$ID.metainfo.xml" "$SHARE/mime/packages/$ID.xml"
  rm -f "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
  for size in "${ICON_SIZES[@]}"; do
    rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/$ID.png"
  done
  refresh
  echo "Removed Stakemap from $PREFIX"
  exit 0
fi

EXEC=stakemap-gui
if [ -x "$APP_SRC/stakemap" ]; then
  # Replace, never merge: files left from an older build could shadow the new ones.
  rm -rf "$APP_DIR"
  mkdir -p "$(dirname "$APP_DIR")" "$BIN_DIR"
  cp -a "$APP_SRC" "$APP_DIR"
  # One program serves both: a command runs headless, anything else opens the window.
  ln -sfn "$APP_DIR/stakemap" "$BIN_DIR/stakemap"
  ln -sfn "$APP_DIR/stakemap" "$BIN_DIR/stakemap-gui"
  # Absolute path: desktop launchers often do not have ~/.local/bin on their PATH.
  EXEC="$APP_DIR/stakemap"
else
  echo "No frozen build in $APP_SRC (run 'make package'); installing the desktop files only." >&2
fi

mkdir -p "$SHARE/applications" "$SHARE/metainfo" "$SHARE/mime/packages" "$SHARE/icons/hicolor/scalable/apps"
sed "s|^Exec=.*|Exec=\"$EXEC\" %f|" "$HERE/$ID.desktop" > "$SHARE/applications/$ID.desktop"
cp "$HERE/$ID.metainfo.xml" "$SHARE/metainfo/$ID.metainfo.xml"
cp "$HERE/$ID.mime.xml" "$SHARE/mime/packages/$ID.xml"
cp "$ROOT/resources/icons/stakemap.svg" "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
for size in "${ICON_SIZES[@]}"; do
  mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
  cp "$ROOT/resources/icons/stakemap-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/$ID.png"
done
refresh
echo "Installed Stakemap in $PREFIX: menu entry, *.stakemap file type and icons; the entry runs $EXEC"
