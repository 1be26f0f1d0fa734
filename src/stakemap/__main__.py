"""``python -m stakemap``: the GUI with no arguments or a map file; the CLI with a command."""

from __future__ import annotations

import sys

from stakemap.cli import is_command


def main() -> int:
    args = sys.argv[1:]
    if args and is_command(args[0]):
        from stakemap.cli import main as cli_main

        return cli_main(args)
    from stakemap.gui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
