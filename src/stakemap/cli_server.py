"""`stakemap server …`: prepare a database, upgrade its maps, list them, grant and revoke access."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from stakemap.cli_common import CommandError, with_password
from stakemap.storage.database import head_revision
from stakemap.storage.server_address import ServerAddress, parse_server_address


def _server_address(text: str, *, needs_map: bool = False) -> ServerAddress:
    address = parse_server_address(text)
    if needs_map and address.map is None:
        raise CommandError("Name the map in the address: …?map=NAME")
    return address


def _cmd_server_init(args: argparse.Namespace) -> int:
    from stakemap.storage.server import init_server

    address = _server_address(args.address)
    made = with_password(address, init_server)
    where = address.with_map(None).display()
    print(f"Prepared {where} for Stakemap maps." if made else f"{where} is already a Stakemap database.")
    return 0


def _cmd_server_upgrade(args: argparse.Namespace) -> int:
    from stakemap.storage.server import upgrade_server

    address = _server_address(args.address)
    dump = (
        f"pg_dump -h {address.host} -p {address.port} -U {address.user or '$USER'} -d {address.database} "
        f"-F c -f {address.database}-before-stakemap-{head_revision()}.dump"
    )
    if not args.yes:
        print(f"Upgrading changes every map's tables. Take a dump first, for example:\n  {dump}")
        if not sys.stdin.isatty():
            raise CommandError("Run again with --yes once the dump is taken.")
        if input("Upgrade every map now? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    for name, before, after in with_password(address, upgrade_server):
        print(f"{name}: {before} -> {after}" if before != after else f"{name}: already at {after}")
    return 0


def _cmd_server_list(args: argparse.Namespace) -> int:
    from stakemap.storage.server import list_maps

    maps = with_password(_server_address(args.address), list_maps)
    if not maps:
        print("(no maps)")
    width = max((len(m.name) for m in maps), default=4)
    for m in maps:
        access = m.access or "no access"
        print(f"{m.name:<{width}}  {access:<9}  {m.revision or '-':<6}  {m.title}")
    return 0


def _cmd_server_grant(args: argparse.Namespace) -> int:
    from stakemap.storage.server import grant

    name = _on_server_map(args, lambda a, name: grant(a, name, args.user, args.level))
    if args.level == "confidential":
        print(f"{args.user} may now read the confidential notes of “{name}”.")
    else:
        print(f"{args.user} now has {args.level} access to “{name}”.")
    return 0


def _cmd_server_revoke(args: argparse.Namespace) -> int:
    from stakemap.storage.server import revoke

    only = args.what == "confidential"
    name = _on_server_map(args, lambda a, name: revoke(a, name, args.user, only_confidential=only))
    if only:
        print(f"{args.user} may no longer read others' confidential notes of “{name}”.")
    else:
        print(f"{args.user} no longer has access to “{name}”.")
    return 0


def _on_server_map(args: argparse.Namespace, action: Callable[[ServerAddress, str], object]) -> str:
    """Run ``action`` on the map the address names (asking for a password if needed); its name."""
    address = _server_address(args.address, needs_map=True)
    assert address.map is not None
    name = address.map
    with_password(address, lambda a: action(a, name))
    return name


def add_server_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = sub.add_parser("server", help="team maps on a PostgreSQL server (administrators and owners)")
    commands = server.add_subparsers(dest="server_command", required=True, metavar="ACTION")
    address_help = "postgresql://[user@]host[:port]/database (with ?map=NAME where a map is meant)"
    p = commands.add_parser("init", help="prepare an empty database for Stakemap maps")
    p.add_argument("address", help=address_help)
    p.set_defaults(handler=_cmd_server_init)
    p = commands.add_parser("upgrade", help="migrate every map of the database to this Stakemap")
    p.add_argument("address", help=address_help)
    p.add_argument("--yes", action="store_true", help="do not ask (a dump has been taken)")
    p.set_defaults(handler=_cmd_server_upgrade)
    p = commands.add_parser("list", help="the maps of the database and your access to each")
    p.add_argument("address", help=address_help)
    p.set_defaults(handler=_cmd_server_list)
    p = commands.add_parser(
        "grant",
        help="give a user viewer, editor or owner access to a map, or let them read confidential notes",
    )
    p.add_argument("address", help=address_help)
    p.add_argument("user", help="the user's login name on the server")
    p.add_argument(
        "level",
        choices=("viewer", "editor", "owner", "confidential"),
        help="confidential: may also read others' confidential notes (kept beside the level)",
    )
    p.set_defaults(handler=_cmd_server_grant)
    p = commands.add_parser("revoke", help="take a user's access to a map away")
    p.add_argument("address", help=address_help)
    p.add_argument("user", help="the user's login name on the server")
    p.add_argument(
        "what",
        nargs="?",
        choices=("all", "confidential"),
        default="all",
        help="confidential: only stop them reading others' confidential notes (default: all access)",
    )
    p.set_defaults(handler=_cmd_server_revoke)
