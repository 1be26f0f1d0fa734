"""The frozen program's entry point: the same dispatch as ``python -m stakemap`` (GUI or CLI).

PyInstaller runs its script as ``__main__``; importing ``stakemap.__main__`` from here keeps one
program for both faces without PyInstaller analysing the package's own ``__main__`` as a script.
"""

from __future__ import annotations

import sys

from stakemap.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
