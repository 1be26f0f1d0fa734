#!/bin/sh
# Install the system libraries Qt (PySide6) and the venv need, when any is missing (Debian / Ubuntu).
# As root it installs them; otherwise through sudo; without either it prints the one command to run.
# Other systems: nothing to do here (macOS and Windows wheels bring their own Qt).
# STAKEMAP_APT_DRY=1 only prints what it would do.
set -eu

PACKAGES="python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 \
libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 \
libxcb-xkb1 libxkbcommon-x11-0"

command -v dpkg-query >/dev/null 2>&1 || exit 0

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $package"
    fi
done
# python3-venv is named after the Python version on some releases: what matters is that venv works.
if python3 -c "import ensurepip" 2>/dev/null; then
    missing=$(echo "$missing" | sed 's/ python3-venv//')
fi
[ -z "$missing" ] && exit 0

command="apt-get install -y --no-install-recommends$missing"
echo "Stakemap: installing the system libraries Qt needs:$missing"
if [ "${STAKEMAP_APT_DRY:-}" = "1" ]; then
    echo "(dry run) would run: $command"
    exit 0
fi
if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && $command
elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo $command
else
    echo "Stakemap needs system libraries; run this as root, then try again:  $command" >&2
    exit 1
fi
