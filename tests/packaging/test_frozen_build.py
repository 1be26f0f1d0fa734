"""The PyInstaller build (`make package`) works as a user would run it: GUI and CLI from one program.

Building takes about a minute, so `make test` leaves these out (pytest's addopts deselect the
``packaging`` marker); `make package-test` builds dist/stakemap/ and runs them with
STAKEMAP_FROZEN_APP pointing at it. Without that variable this module builds into a temporary folder.

Every run gets its own data and config folders, and the headless commands run without a display,
so nothing here depends on (or touches) the developer's own Stakemap settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from stakemap.storage.database import head_revision, open_map

pytestmark = [pytest.mark.slow, pytest.mark.packaging]

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "stakemap.spec"
SAMPLE_NAME = "library-outreach.stakemap"
#: Source files a build is made from: a reused build older than any of them would test stale code.
SOURCES = [ROOT / "src" / "stakemap", ROOT / "resources", ROOT / "packaging"]


def _newest_source_mtime() -> float:
    newest = 0.0
    for folder in SOURCES:
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


def _build(tmp: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401 - only checking that it is installed
    except ImportError:
        pytest.fail("PyInstaller is missing: `pip install -e .[package]` (make package-test does it)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={tmp / 'dist'}",
            f"--workpath={tmp / 'build'}",
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
        timeout=1200,
    )
    return tmp / "dist" / "stakemap" / "stakemap"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen executable: the one STAKEMAP_FROZEN_APP names (if fresh), or a new build."""
    given = os.environ.get("STAKEMAP_FROZEN_APP")
    if not given:
        return _build(tmp_path_factory.mktemp("frozen"))
    path = Path(given)
    if path.is_dir():
        path = path / "stakemap"
    assert path.is_file(), f"STAKEMAP_FROZEN_APP={given} is no file"
    assert os.access(path, os.X_OK), f"STAKEMAP_FROZEN_APP={given} is not executable"
    assert path.stat().st_mtime >= _newest_source_mtime(), (
        f"{path} is older than the sources; rebuild it with `make package`"
    )
    return path


@pytest.fixture(scope="module")
def bundled_sample(app: Path) -> Path:
    """The sample map inside the build: where importlib.resources finds it in the frozen program."""
    matches = list((app.parent / "_internal").rglob(f"stakemap/resources/samples/{SAMPLE_NAME}"))
    assert len(matches) == 1, "the sample map is not bundled"
    return matches[0]


@pytest.fixture
def sample(bundled_sample: Path, tmp_path: Path) -> Path:
    """A copy of the bundled sample (headless commands would leave the bundled one alone anyway)."""
    return Path(shutil.copyfile(bundled_sample, tmp_path / SAMPLE_NAME))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: no display, own data and config folders, nothing from the venv."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH", "VIRTUAL_ENV")
    }
    clean["HOME"] = str(tmp_path / "home")
    clean["XDG_DATA_HOME"] = str(tmp_path / "data")
    clean["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    clean["XDG_RUNTIME_DIR"] = str(tmp_path / "runtime")
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"):
        Path(clean[key]).mkdir(mode=0o700, parents=True, exist_ok=True)
    return clean


def _run(app: Path, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # cwd is a scratch folder so that nothing can be found relative to the source tree by accident.
    return subprocess.run(
        [str(app), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_gui_opens_the_sample_offscreen_and_quits_cleanly(
    app: Path, env: dict[str, str], tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "window.png"
    env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    # --screenshot grabs the shown main window once the event loop has run, then quits (gui/smoke.py).
    result = _run(app, "--sample", "--screenshot", str(shot), "--quit-after", "300", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "qt.qpa.plugin" not in result.stderr  # no missing or broken platform plugin

    # The bundled sample was found and copied into the user's data folder, and opened from there.
    copies = list(Path(env["XDG_DATA_HOME"]).rglob(SAMPLE_NAME))
    assert len(copies) == 1
    assert not list(copies[0].parent.glob("*.lock")), "the map was not closed cleanly"
    recent = "".join(p.read_text(errors="replace") for p in Path(env["XDG_CONFIG_HOME"]).rglob("*.conf"))
    assert SAMPLE_NAME in recent, "the sample was not opened (not in the recent files)"

    image = QImage(str(shot))
    assert image.width() >= 640
    assert image.height() >= 400
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50, "the window looks blank"


def test_export_pdf_headless_uses_the_bundled_fonts(app: Path, sample: Path, env: dict[str, str]) -> None:
    out = sample.with_suffix(".pdf")
    result = _run(app, "export-pdf", str(sample), str(out), env=env, cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF-")

    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    opened = open_map(sample, read_only=True)
    try:
        names = [person.name for person in opened.load().stakeholders.values()]
    finally:
        opened.close()
    assert "Tomás Ferreira" in names
    assert "Tomás Ferreira" in text
    missing = [name for name in names if name not in text]
    assert not missing, f"names not in the PDF text: {missing}"

    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
        if "/BaseFont" in font.get_object()
    }
    assert any("DejaVuSans" in font for font in fonts), fonts


def test_info_reads_the_sample(app: Path, sample: Path, env: dict[str, str]) -> None:
    result = _run(app, "info", str(sample), env=env, cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    assert "Title:          Information Centre" in result.stdout
    assert "Stakeholders:   18" in result.stdout
    # The revision list is read from the bundled migration files, as from the source tree.
    assert f"(this Stakemap: {head_revision()})" in result.stdout


def test_new_runs_the_bundled_migrations(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "fresh.stakemap"
    created = _run(app, "new", str(target), "--title", "Frozen", env=env, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    info = _run(app, "info", str(target), env=env, cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    assert f"Schema version: {head_revision()} (this Stakemap: {head_revision()})" in info.stdout


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("STAKEMAP_TEST_PG_SERVER"), reason="set STAKEMAP_TEST_PG_SERVER to test server maps"
)
def test_the_build_reaches_a_server_map(
    app: Path, env: dict[str, str], tmp_path: Path, make_team_map: object
) -> None:
    from tests.conftest import small_map
    from tests.server.conftest import ROLES

    team = make_team_map(small_map())  # type: ignore[operator]
    address = team.address("priya").display()
    env = {**env, "PGPASSWORD": ROLES["priya"]}  # libpq's own variable, read by the bundled driver
    info = _run(app, "info", address, env=env, cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    assert "Stakeholders:   4" in info.stdout


def test_errors_are_one_line_and_the_version_is_known(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    from stakemap import __version__

    version = _run(app, "--version", env=env, cwd=tmp_path)
    assert version.returncode == 0
    assert version.stdout.strip() == f"stakemap {__version__}"
    missing = _run(app, "info", str(tmp_path / "nope.stakemap"), env=env, cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.startswith("stakemap: ")
    assert missing.stderr.count("\n") == 1


def test_install_script_puts_the_app_and_its_desktop_files_in_place(
    app: Path, env: dict[str, str], tmp_path: Path
) -> None:
    prefix = tmp_path / "prefix"
    script = ROOT / "packaging" / "linux" / "install.sh"
    args = ["bash", str(script), "--prefix", str(prefix), "--app", str(app.parent)]
    subprocess.run(args, env=env, check=True, capture_output=True, timeout=120)

    desktop = (prefix / "share" / "applications" / "app.stakemap.Stakemap.desktop").read_text()
    installed = prefix / "lib" / "stakemap" / "stakemap"
    assert f'Exec="{installed}" %f' in desktop
    assert (prefix / "share" / "mime" / "packages" / "app.stakemap.Stakemap.xml").is_file()
    assert (prefix / "share" / "metainfo" / "app.stakemap.Stakemap.metainfo.xml").is_file()
    assert (
        prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / "app.stakemap.Stakemap.svg"
    ).is_file()
    assert (
        prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "app.stakemap.Stakemap.png"
    ).is_file()
    # The installed copy runs from its new place, through the command link as well.
    version = _run(prefix / "bin" / "stakemap", "--version", env=env, cwd=tmp_path)
    assert version.returncode == 0, version.stderr

    subprocess.run([*args, "--uninstall"], env=env, check=True, capture_output=True, timeout=120)
    assert not installed.exists()
    assert not (prefix / "bin" / "stakemap").exists()
    assert not (prefix / "share" / "applications" / "app.stakemap.Stakemap.desktop").exists()
