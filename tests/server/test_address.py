"""Server addresses: one form, parsed strictly; a password never shows in any text made from one."""

from __future__ import annotations

import pytest

from stakemap.storage.errors import MapFileError
from stakemap.storage.server_address import (
    ServerAddressError,
    is_server_address,
    parse_server_address,
    redact,
)

SECRET = "s3cr%t:p@ss"
QUOTED = "s3cr%25t%3Ap%40ss"


def test_the_documented_form_parses() -> None:
    a = parse_server_address("postgresql://priya@db.example.org:6543/engagement?map=outreach")
    assert (a.user, a.host, a.port, a.database, a.map) == (
        "priya",
        "db.example.org",
        6543,
        "engagement",
        "outreach",
    )
    assert a.effective_sslmode == "verify-full"
    assert a.display() == "postgresql://priya@db.example.org:6543/engagement?map=outreach"
    assert parse_server_address("postgresql+psycopg://localhost/x").effective_sslmode == "prefer"


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_this_computer_needs_no_tls(host: str) -> None:
    assert parse_server_address(f"postgresql://u@{host}/db?sslmode=disable").is_local


def test_a_remote_host_without_checked_tls_is_refused() -> None:
    with pytest.raises(ServerAddressError, match="verify-full"):
        parse_server_address("postgresql://u@db.example.org/db?sslmode=require")
    url = parse_server_address("postgresql://u@db.example.org/db").sqlalchemy_url()
    assert url.query["sslmode"] == "verify-full"


def test_a_password_never_appears_in_text_made_from_the_address() -> None:
    a = parse_server_address(f"postgresql://priya:{QUOTED}@db.example.org/engagement?map=outreach")
    assert a.password == SECRET
    url = a.sqlalchemy_url()
    for shown in (str(a), repr(a), a.display(), str(url), repr(url), a.keyring_user()):
        assert SECRET not in shown
        assert QUOTED not in shown
    assert redact(f"oops {SECRET} and {QUOTED}", SECRET) == "oops *** and ***"


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://priya:hunter2@db.example.org:notaport/db",
        "postgresql://priya:hunter2@db.example.org/",
        "postgresql://priya:hunter2@db.example.org/db?map=Bad-Name",
        "postgresql://priya:hunter2@db.example.org/db?evil=1",
        "postgresql://priya:hunter2@db.example.org/db?sslmode=allow",
    ],
)
def test_bad_addresses_say_why_without_the_password(text: str) -> None:
    with pytest.raises(MapFileError) as caught:
        parse_server_address(text)
    assert "hunter2" not in str(caught.value)
    assert caught.value.__cause__ is None or "hunter2" not in str(caught.value.__cause__)


def test_file_paths_are_not_addresses() -> None:
    assert is_server_address("postgresql://h/db")
    assert not is_server_address("postgresql:/maps/x.stakemap")
    assert not is_server_address("maps/postgresql.stakemap")


def test_a_unix_socket_address_round_trips() -> None:
    a = parse_server_address("postgresql://priya@/engagement?host=/var/run/postgresql&map=outreach")
    assert a.is_local
    assert a.host == "/var/run/postgresql"
    assert parse_server_address(a.display()) == a
