"""What every headless command shares: its one kind of error, and asking for a server password once."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TypeVar

from stakemap.storage.server_address import ServerAddress, with_known_password

T = TypeVar("T")


class CommandError(Exception):
    """A user-facing failure of a command: printed as one line, exit status 1."""


def with_password(address: ServerAddress, action: Callable[[ServerAddress], T]) -> T:
    """Run ``action``; if the server wants a password none of the usual places had, ask for it once."""
    from stakemap.storage.server import PasswordNeededError

    address = with_known_password(address)
    try:
        return action(address)
    except PasswordNeededError:
        if address.password is not None or not sys.stdin.isatty():
            raise
    password = getpass.getpass(f"Password for {address.user or 'you'} on {address.host}: ")
    return action(address.with_password(password))
