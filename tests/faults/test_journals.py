"""Nothing beside a map is applied unless it is ours; `stakemap info` never changes a file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from tests.faults.journals import crash_mid_edit, planted_journal


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _info(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stakemap", "info", str(path)], capture_output=True, text=True, check=False
    )


@pytest.fixture
def hostile(map_file: Path, tmp_path: Path) -> Path:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return planted_journal(map_file, scratch, "UPDATE stakeholder SET confidential = 0")


@pytest.mark.parametrize("how", ["other owner", "group writable", "world writable"])
def test_a_journal_that_is_not_ours_is_never_applied(map_file: Path, hostile: Path, how: str) -> None:
    if how == "other owner":
        if os.geteuid() != 0:
            pytest.skip("only root can give a file to another user")
        os.chown(hostile, 12345, 12345)
        os.chmod(hostile, 0o600)
    else:
        os.chmod(hostile, 0o620 if how == "group writable" else 0o602)
    before, journal_before = _digest(map_file), _digest(hostile)
    opened = open_map(map_file)
    m = opened.load()
    opened.close()
    assert opened.read_only
    assert hostile.name in (opened.read_only_reason or "")
    assert m.stakeholders["s-fay"].confidential
    assert _digest(map_file) == before
    assert _digest(hostile) == journal_before


def test_info_never_changes_a_file_with_a_planted_journal(map_file: Path, hostile: Path) -> None:
    os.chmod(hostile, 0o666)
    before = _digest(map_file)
    result = _info(map_file)
    assert result.returncode == 0, result.stderr
    assert "Stakeholders:   4" in result.stdout
    assert _digest(map_file) == before
    assert hostile.exists()


def test_info_never_changes_a_file_even_with_our_own_hot_journal(map_file: Path) -> None:
    journal = crash_mid_edit(map_file, "UPDATE stakeholder SET name = 'Half written'")
    before, journal_before = _digest(map_file), _digest(journal)
    result = _info(map_file)
    assert result.returncode == 0, result.stderr
    assert "Stakeholders:   4" in result.stdout
    assert _digest(map_file) == before
    assert _digest(journal) == journal_before
    # Read-only shows the map as last saved (the half edit rolled back in a private copy).
    viewer = open_map(map_file, read_only=True)
    assert {p.name for p in viewer.load().stakeholders.values()} >= {"Dana", "Eli"}
    viewer.close()
    assert _digest(map_file) == before


def test_our_own_hot_journal_is_rolled_back_when_opened_for_editing(map_file: Path) -> None:
    crash_mid_edit(map_file, "UPDATE stakeholder SET name = 'Half written'")
    opened = open_map(map_file)
    assert not opened.read_only
    assert "Dana" in {p.name for p in opened.load().stakeholders.values()}
    opened.close()
    assert not map_file.with_name(map_file.name + "-journal").exists() or (
        map_file.with_name(map_file.name + "-journal").stat().st_size == 0
    )


def test_a_hot_journal_on_a_read_only_folder_is_not_damage(
    map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stakemap.storage import file_check

    crash_mid_edit(map_file, "UPDATE stakeholder SET name = 'Half written'")
    before = _digest(map_file)
    real_access = os.access
    monkeypatch.setattr(  # root ignores permissions: the check is told the folder is read-only
        file_check.os, "access", lambda p, mode: False if Path(p) == map_file.parent else real_access(p, mode)
    )
    opened = open_map(map_file)
    assert opened.read_only
    assert "read-only" in (opened.read_only_reason or "")
    assert "Dana" in {p.name for p in opened.load().stakeholders.values()}
    opened.close()
    assert _digest(map_file) == before


def test_a_journal_planted_while_the_map_is_open_is_never_applied(map_file: Path, tmp_path: Path) -> None:
    from stakemap.storage.errors import StorageWriteError

    opened = open_map(map_file)
    m = opened.load()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    hostile = planted_journal(map_file, scratch, "UPDATE stakeholder SET confidential = 0")
    os.chmod(hostile, 0o666)
    before = _digest(map_file)
    with pytest.raises(StorageWriteError, match="did not apply it"):
        opened.repository.write(m.update_stakeholder("s-dana", role="Architect"))
    opened.close()
    assert _digest(map_file) == before


def test_a_journal_that_is_a_link_is_never_followed(map_file: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    hostile = planted_journal(map_file, scratch, "UPDATE stakeholder SET confidential = 0")
    elsewhere = scratch / "journal-elsewhere"
    hostile.rename(elsewhere)
    hostile.symlink_to(elsewhere)
    before = _digest(map_file)
    opened = open_map(map_file)
    assert opened.read_only
    assert "link" in (opened.read_only_reason or "")
    assert opened.load().stakeholders["s-fay"].confidential
    opened.close()
    assert _digest(map_file) == before
