"""A second Stakemap for the two-process tests: a MapDocument in its own process, driven line by line.

Run: ``python -m tests.faults.doc_holder MAP``. Prints ``OPEN <pid>``, then for each stdin line
``role <text>`` edits Dana's role through ``MapDocument.edit`` and answers ``OK <fingerprint>`` or
``REJECTED <fingerprint> <message>`` (the fingerprint of the map on its screen afterwards).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import open_map
from tests.faults.edit_script import fingerprint


def main() -> None:
    app = QCoreApplication([])
    document = MapDocument(open_map(Path(sys.argv[1])))
    print(f"OPEN {os.getpid()}", flush=True)
    for line in sys.stdin:
        command, _, text = line.rstrip("\n").partition(" ")
        if command != "role":
            break
        try:
            document.edit(lambda m, text=text: m.update_stakeholder("s-dana", role=text))
        except EditRejected as exc:
            print(f"REJECTED {fingerprint(document.map)} {exc}", flush=True)
        else:
            print(f"OK {fingerprint(document.map)}", flush=True)
    document.close()
    del app


if __name__ == "__main__":
    main()
