"""Server addresses of team maps: parse, show without secrets, and turn into a driver URL (storage layer).

One form, used by the CLI, the GUI and recent files alike::

    postgresql://[user@]host[:port]/database?map=NAME[&sslmode=MODE]

``postgresql+psycopg://`` is accepted as a synonym. ``map`` names one map of that database (see
``server``); without it the address names the database itself (``stakemap server`` commands).
A password may be given in the address for scripts, but is never kept in what is shown: ``str()``,
``repr()`` and ``display()`` leave it out, and ``redact`` scrubs it from any text passed on to the user.
Passwords otherwise come from the OS keyring (if ``keyring`` is installed), then ``PGPASSWORD`` or
``~/.pgpass`` (read by libpq itself), then a prompt (the CLI's or the GUI's).

Any host other than this computer is reached over TLS with the certificate and host name checked
(``sslmode=verify-full``): a weaker mode for a remote host is refused, not quietly used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from stakemap.storage.errors import MapFileError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

SCHEMES = ("postgresql", "postgresql+psycopg", "postgres")
DEFAULT_PORT = 5432
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", ""})
#: Map names become schema and role names: lower-case, so they never need quoting, and short
#: enough that "<name>_viewer" stays within PostgreSQL's 63-byte identifiers.
MAP_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
KEYRING_SERVICE = "stakemap"


class ServerAddressError(MapFileError):
    """An address that is not a server address Stakemap can use; the message says what is wrong."""


def is_server_address(text: str) -> bool:
    """True if ``text`` looks like a server address rather than a file path."""
    scheme, sep, _ = str(text).partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


def check_map_name(name: str) -> str:
    if not MAP_NAME.match(name):
        raise ServerAddressError(
            f"“{name[:60]}” cannot be a map name on a server: use 1 to 40 lower-case letters, digits "
            "or underscores, starting with a letter (for example “outreach_2027”)."
        )
    return name


@dataclass(frozen=True)
class ServerAddress:
    host: str
    database: str
    port: int = DEFAULT_PORT
    user: str | None = None
    map: str | None = None
    sslmode: str | None = None
    #: Never shown: left out of repr and comparisons, and of every text made from the address.
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_local(self) -> bool:
        return self.host in LOCAL_HOSTS or self.host.startswith("/")

    @property
    def effective_sslmode(self) -> str:
        return self.sslmode or ("prefer" if self.is_local else "verify-full")

    def with_map(self, name: str | None) -> ServerAddress:
        return replace(self, map=None if name is None else check_map_name(name))

    def with_password(self, password: str | None) -> ServerAddress:
        return replace(self, password=password)

    def display(self) -> str:
        """The address as shown to users and kept in recent files: never a password."""
        user = f"{self.user}@" if self.user else ""
        socket = self.host.startswith("/")
        host = "" if socket else (f"[{self.host}]" if ":" in self.host else self.host)
        port = "" if self.port == DEFAULT_PORT or socket else f":{self.port}"
        query = [f"host={self.host}"] if socket else []
        if self.map:
            query.append(f"map={self.map}")
        if self.sslmode:
            query.append(f"sslmode={self.sslmode}")
        tail = f"?{'&'.join(query)}" if query else ""
        return f"postgresql://{user}{host}{port}/{self.database}{tail}"

    def __str__(self) -> str:
        return self.display()

    def keyring_user(self) -> str:
        """Who the password belongs to, as the keyring entry's user name."""
        return f"{self.user or ''}@{self.host}:{self.port}/{self.database}"

    def sqlalchemy_url(self) -> URL:
        """The driver URL (SQLAlchemy masks the password in its own str() and repr())."""
        from sqlalchemy.engine import URL

        query = {"sslmode": self.effective_sslmode, "application_name": "Stakemap"}
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=self.password,
            host=self.host or None,
            port=self.port,
            database=self.database,
            query=query,
        )

    def redact(self, text: str) -> str:
        return redact(text, self.password)


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every given secret replaced by asterisks (also URL-quoted forms of it)."""
    from urllib.parse import quote

    for secret in secrets:
        if secret:
            for form in {secret, quote(secret, safe=""), quote(secret)}:
                text = text.replace(form, "***")
    return text


def parse_server_address(text: str) -> ServerAddress:
    """Parse ``postgresql://[user[:password]@]host[:port]/database[?map=NAME&sslmode=MODE]``."""
    raw = str(text).strip()
    if not is_server_address(raw):
        raise ServerAddressError(
            "A server address starts with postgresql://, for example "
            "postgresql://priya@db.example.org/engagement?map=outreach"
        )
    try:
        parts = urlsplit(raw)
        port = parts.port
        password = unquote(parts.password) if parts.password is not None else None
    except ValueError:
        # The message of urllib's error may echo the address, password included: say it ourselves.
        raise ServerAddressError(
            "The server address has an invalid port: use a number such as 5432."
        ) from None
    host = unquote(parts.hostname or "")
    user = unquote(parts.username) if parts.username else None
    database = unquote(parts.path.lstrip("/"))
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(query) - {"map", "sslmode", "host"})
    if unknown:
        raise ServerAddressError(
            f"The server address has options Stakemap does not know: {', '.join(unknown)} "
            "(only map and sslmode)."
        )
    if "host" in query:  # libpq's way to name a unix socket directory
        host = query["host"][-1]
    if not host:
        host = "localhost"
    if not database or "/" in database:
        raise ServerAddressError(
            "The server address must name a database after the host, "
            "for example postgresql://db.example.org/engagement?map=outreach"
        )
    name = query.get("map", [None])[-1] or None
    sslmode = query.get("sslmode", [None])[-1] or None
    address = ServerAddress(
        host=host,
        database=database,
        port=port or DEFAULT_PORT,
        user=user,
        map=None if name is None else check_map_name(name),
        sslmode=sslmode,
        password=password,
    )
    check_tls(address)
    return address


def check_tls(address: ServerAddress) -> None:
    """Refuse to reach a remote server without a checked TLS connection."""
    if address.sslmode is None or address.is_local:
        return
    if address.sslmode != "verify-full":
        raise ServerAddressError(
            f"{address.host} is not this computer, so Stakemap connects to it only over TLS with "
            f"its certificate checked (sslmode=verify-full), not sslmode={address.sslmode}. "
            "Remove the sslmode option, or ask the administrator for the server's certificate."
        )


def keyring_password(address: ServerAddress) -> str | None:
    """The password kept for this address in the OS keyring, if ``keyring`` is installed and has one."""
    try:
        import keyring  # optional: without it libpq's PGPASSWORD and ~/.pgpass still work
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, address.keyring_user())
    except Exception:  # a keyring backend that is locked or missing is just one source fewer
        return None


def store_in_keyring(address: ServerAddress, password: str) -> bool:
    """Keep ``password`` in the OS keyring for next time; False if there is no usable keyring."""
    try:
        import keyring
    except ImportError:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, address.keyring_user(), password)
    except Exception:
        return False
    return True


def with_known_password(address: ServerAddress) -> ServerAddress:
    """The address with a password from the keyring if it has none (libpq then tries its own)."""
    if address.password is not None:
        return address
    return address.with_password(keyring_password(address))


__all__ = [
    "ServerAddress",
    "ServerAddressError",
    "check_map_name",
    "is_server_address",
    "parse_server_address",
    "redact",
]
