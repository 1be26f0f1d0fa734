"""Where Stakemap keeps its files: bundled resources, the user's data folder, untitled maps (gui layer)."""

from __future__ import annotations

import shutil
from datetime import datetime
from importlib.resources import as_file, files
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from stakemap.core.files import ensure_private_dir, make_private

SAMPLE_NAME = "library-outreach.stakemap"


def resource(*parts: str) -> Path:
    """A bundled resource, found the same way from a source tree, a wheel or a frozen build."""
    with as_file(files("stakemap").joinpath("resources", *parts)) as path:
        return Path(path)


def data_dir() -> Path:
    path = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return ensure_private_dir(path)  # untitled maps and samples live here: nobody else reads them


def new_untitled_path() -> Path:
    """A fresh file for a map that has no name yet: untitled maps are stored from the first edit."""
    folder = ensure_private_dir(data_dir() / "untitled")
    return unique_path(folder / f"Untitled {datetime.now():%Y-%m-%d %H%M%S}.stakemap")


def untitled_left_behind() -> list[Path]:
    """Untitled maps no running Stakemap has open, to offer at start: open, or discard (deletes it).

    Discard with ``stakemap.storage.leftovers.discard``.
    """
    from stakemap.storage.leftovers import left_behind

    return left_behind(data_dir() / "untitled")


def sample_copy() -> Path:
    """A copy of the bundled sample map to work on, so the bundled one stays pristine."""
    folder = ensure_private_dir(data_dir() / "samples")
    target = unique_path(folder / SAMPLE_NAME)
    shutil.copyfile(resource("samples", SAMPLE_NAME), target)
    make_private(target)
    return target


def unique_path(path: Path) -> Path:
    candidate, counter = path, 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem} ({counter}){path.suffix}")
    return candidate


def is_untitled(path: Path | None) -> bool:
    return path is not None and path.parent == data_dir() / "untitled"
