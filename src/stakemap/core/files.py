"""Small file-system facts shared by every layer that writes files (core layer)."""

from __future__ import annotations

from pathlib import Path


def default_file_mode() -> int:
    """The mode a new file gets from the user's umask (files made by mkstemp are owner-only).

    Read from /proc rather than with ``os.umask``, which would change it for every thread for a moment.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644
