"""A real full disk (a tmpfs of our own): the map still opens, read-only, saying why, and no empty lock
file is left to confuse the next opening."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.storage.database import create_map, open_map
from stakemap.storage.lock import lock_path_for
from tests.conftest import small_map


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = (
        shutil.which("mount") is not None
        and (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True
            )
        ).returncode
        == 0
    )
    if not mounted:
        pytest.skip("cannot mount a tmpfs here (needs root); tests/storage/test_lock_failures.py injects it")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_full_disk_opens_the_map_read_only(tiny_disk: Path) -> None:
    path = tiny_disk / "map.stakemap"
    create_map(path, small_map()).close()
    ballast = tiny_disk / "ballast"
    with ballast.open("wb", buffering=0) as out, pytest.raises(OSError, match="No space left"):  # noqa: PT012
        while True:
            out.write(b"\0" * 4096)
    opened = open_map(path)
    assert opened.read_only
    assert "the disk is full" in (opened.read_only_reason or "")
    assert opened.load().stakeholders["s-dana"].name == "Dana"
    opened.close()
    assert not lock_path_for(path).exists()

    ballast.unlink()  # room again: the next opening can edit
    reopened = open_map(path)
    assert not reopened.read_only
    reopened.close()
