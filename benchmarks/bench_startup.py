"""Cold start to an interactive window on the sample map vs a bare PySide6 window started the same way,
and the peak memory of the app with a 2,000-person map. Run: python -m benchmarks.bench_startup"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1200, 800); w.show()
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
"""

APP = """
import sys, time
from PySide6.QtCore import QTimer
from stakemap.gui.app import create_application
from stakemap.gui.widgets.main_window import MainWindow
app = create_application()
w = MainWindow(); w.show(); w.open_path(__import__("pathlib").Path(sys.argv[1]))
# Runs once the event loop is up: the window, with the map on it, answers input.
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
"""

MEMORY = """
import resource, sys
from PySide6.QtCore import QTimer
from stakemap.gui.app import create_application
from stakemap.gui.widgets.main_window import MainWindow
app = create_application()
w = MainWindow(); w.show(); w.open_path(__import__("pathlib").Path(sys.argv[1]))
QTimer.singleShot(500, app.quit)
app.exec()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def timed(code: str, *args: str, env: dict[str, str]) -> float:
    """From starting the process to the first turn of its event loop (the child prints the wall clock
    then): what the user waits for. Tearing the interpreter down afterwards is not counted."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, env=env, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    from benchmarks.common import generate_map, result
    from stakemap.storage.database import create_map

    folder = Path(tempfile.mkdtemp(prefix="stakemap-start-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config")}  # fmt: skip
    # As installed: bytecode compiled once and kept (an installer or the first run does that). Some
    # shells set PYTHONDONTWRITEBYTECODE, which would compile every module of the app at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "src"), quiet=1)
    sample = Path(__file__).resolve().parents[1] / "resources" / "samples" / "library-outreach.stakemap"
    copy = folder / "sample.stakemap"
    copy.write_bytes(sample.read_bytes())
    timed(APP, str(copy), env=env)  # warm the disk cache for both, as a second start would
    bare = statistics.median(timed(BARE, env=env) for _ in range(7))
    ours = statistics.median(timed(APP, str(copy), env=env) for _ in range(7))
    result(f"cold start to an interactive window on the sample map: {ours:.2f} s vs bare PySide6 window "
           f"{bare:.2f} s = {ours / bare:.2f}x (aim within 2x)")  # fmt: skip
    big = folder / "big.stakemap"
    create_map(big, generate_map(2000, 6000)).close()
    out = subprocess.run(
        [sys.executable, "-c", MEMORY, str(big)], check=True, env=env, capture_output=True, text=True
    )
    peak_mb = int(out.stdout.strip().splitlines()[-1]) / 1024
    bare_out = subprocess.run([sys.executable, "-c", BARE + "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
                              check=True, env=env, capture_output=True, text=True)  # fmt: skip
    bare_mb = int(bare_out.stdout.strip().splitlines()[-1]) / 1024
    result(f"peak memory with the 2,000-person / 6,000-link map open: {peak_mb:.0f} MB "
           f"(a bare PySide6 window: {bare_mb:.0f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
