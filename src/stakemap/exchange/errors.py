"""The one error of the exchange layer; its text is fit to show a user as it is."""

from __future__ import annotations


class ExchangeError(Exception):
    """A file could not be read or written; ``str(error)`` says why in plain words."""
