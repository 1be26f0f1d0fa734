"""Headless commands: create, inspect and list maps; export, import and analyse them.

Errors print one line on stderr and exit non-zero, never a traceback: the CLI is
for scripts and for people who will not read a stack trace.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stakemap import __version__
from stakemap.cli_common import CommandError, with_password
from stakemap.cli_server import add_server_commands
from stakemap.core.entities import MapInfo, RelationshipKind
from stakemap.core.grid import quadrant_of
from stakemap.core.model import Map
from stakemap.storage.database import OpenedMap, create_map, head_revision, open_map
from stakemap.storage.errors import MapFileError, MapLockedError
from stakemap.storage.server_address import (
    is_server_address,
    parse_server_address,
)

if TYPE_CHECKING:
    from stakemap.exchange.importing import ImportPlan


def _open(target: str, *, read_only: bool = True, take_over: bool = False) -> OpenedMap:
    """A map file, or a map on a server (``postgresql://…?map=NAME``)."""
    if is_server_address(target):
        from stakemap.storage.database import open_url

        return with_password(
            parse_server_address(target), lambda address: open_url(address, read_only=read_only)
        )
    return open_map(Path(target), read_only=read_only, take_over=take_over)


def _load(path: str) -> Map:
    """The map, opened read-only: headless commands never take the lock or write."""
    opened = _open(path)
    try:
        return opened.load()
    finally:
        opened.close()


def _person_named(m: Map, name: str | None) -> str | None:
    """The id of the person a command names (``--source``, ``--person``), matched regardless of case
    (the first such person); None when none is named, an error when nobody has that name."""
    if not name:
        return None
    matches = [p.id for p in m.stakeholders.values() if p.name.casefold() == name.casefold()]
    if not matches:
        raise CommandError(f"No stakeholder named “{name}” on the map")
    return matches[0]


def _cmd_new(args: argparse.Namespace) -> int:
    if is_server_address(args.file):
        # Never a local folder named "postgresql:": a server address makes a map on the server.
        from stakemap.storage.server import create_server_map

        address = parse_server_address(args.file)
        if address.map is None:
            raise CommandError("Name the new map in the address: …?map=NAME")
        name = address.map
        title = args.title or name
        with_password(address, lambda a: create_server_map(a, name, Map(info=MapInfo(title=title))))
        print(f"Created the map “{name}” on {address.with_map(None).display()}")
        return 0
    path = Path(args.file)
    create_map(path, Map(info=MapInfo(title=args.title or path.stem))).close()
    print(f"Created {path}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    opened = _open(args.file)
    try:
        m = opened.load()
    finally:
        opened.close()
    revision = opened.revision
    info = m.info
    lines = [
        f"Title:          {info.title}",
        f"Organisation:   {info.organisation}",
        f"Author:         {info.author}",
        f"Modified:       {info.modified_at:%Y-%m-%d %H:%M} UTC",
        f"Stakeholders:   {len(m.stakeholders)}",
        f"Relationships:  {len(m.relationships)}",
        f"Notes:          {len(m.notes)}",
        f"Engagements:    {len(m.engagements)}",
        f"Snapshots:      {len(m.snapshots)}",
        f"Schema version: {revision} (this Stakemap: {head_revision()})",
    ]
    if opened.read_only_reason and opened.address is not None:
        lines.append(f"Access:         read-only: {opened.read_only_reason}")
    print("\n".join(lines))
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    m = _load(args.file)
    people = sorted(m.stakeholders.values(), key=lambda s: (-s.influence, s.name.casefold()))
    if not people:
        print("(no stakeholders)")
    width = max((len(p.name) for p in people), default=4)
    for p in people:
        quadrant = quadrant_of(p.influence, p.interest).label(m.info.quadrant_labels)
        role = f"  {p.role}" if p.role else ""
        print(
            f"{p.name:<{width}}  {quadrant:<15} influence {p.influence:5.1f}  interest {p.interest:5.1f}{role}"
        )
    return 0


def _cmd_analyse(args: argparse.Namespace) -> int:
    from stakemap.core.analysis import analyse
    from stakemap.core.audience import AUDIENCE, for_audience

    m = _load(args.file)
    if args.audience:
        # The audience's map, analysed as it is: counts, groups and paths cannot see hidden people.
        m = for_audience(m, AUDIENCE)
    report = analyse(m, source_id=_person_named(m, args.source))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.as_text(), end="")
    return 0


def _read_mapping(path: str | None) -> dict[str, dict[str, str | int | None]] | None:
    """--mapping FILE: JSON {"people": {"name": "Full name", ...}, "relationships": {"source": "Von"}}."""
    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"the mapping file “{path}” cannot be read: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CommandError(
            f"the mapping file “{path}” must hold an object like "
            '{"people": {"name": "Full name"}, "relationships": {"source": "From"}}'
        )
    return data


def _kind_arg(text: str | None) -> RelationshipKind | None:
    """--kind as one of our kinds, or a message naming them."""
    from stakemap.exchange.fields import parse_kind

    if text is None:
        return None
    try:
        return parse_kind(text)
    except ValueError:
        names = ", ".join(k.label for k in RelationshipKind)
        raise CommandError(f"--kind “{text}” is not one of ours: {names}") from None


def _cmd_import(args: argparse.Namespace) -> int:
    from stakemap.exchange.errors import ExchangeError
    from stakemap.exchange.import_file import plan_file_import
    from stakemap.exchange.ties import TieChoices

    choices = TieChoices(kind=_kind_arg(args.kind), directed=args.directed)
    try:
        opened = _open(args.file, read_only=args.read_only, take_over=args.take_over)
    except MapLockedError as exc:
        raise CommandError(
            f"{exc} Run again with --read-only to check the import without writing, or with "
            "--take-over if that Stakemap is no longer running."
        ) from exc
    try:
        m = opened.load()
        try:
            plan = plan_file_import(
                Path(args.source),
                m,
                sheet=args.sheet,
                mappings=_read_mapping(args.mapping),
                update=args.update,
                choices=choices,
            )
        except (ExchangeError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if plan.questions:
            raise CommandError(
                " ".join(plan.questions)
                + " Run again with --kind KIND, and --one-way (From → To) or --both-ways; nothing was imported."
            )
        for note in plan.notes:
            print(f"note: {note}", file=sys.stderr)
        for problem in plan.problems:
            print(f"skipped {problem}", file=sys.stderr)
        for change in plan.updates:
            print(f"update {change}")
        if plan.unknown_kinds:
            listed = ", ".join(f"“{k}” ({n} rows)" for k, n in sorted(plan.unknown_kinds.items()))
            example = next(iter(plan.unknown_kinds))
            print(
                f"kinds to map: {listed}; say which of ours each is in --mapping FILE, e.g. "
                f'{{"kinds": {{"{example}": "allies with"}}}}',
                file=sys.stderr,
            )
        if plan.problems and not args.skip_problems:
            count = len(plan.problems)
            raise CommandError(
                f"{count} {'row has' if count == 1 else 'rows have'} problems (listed above); nothing was imported. "
                "Fix them, or run again with --skip-problems to import the other rows."
            )
        if opened.read_only:
            print(
                f"Checked {_counted(plan)}"
                + (f" and {len(plan.updates)} updates" if args.update else "")
                + "; "
                f"nothing was written (the map is open read-only: {opened.read_only_reason})."
            )
            return 0
        if plan.entities() or plan.updates:
            opened.repository.write(plan.apply_to(m, f"Import {Path(args.source).name}"))
        updated = f"; updated {len(plan.updates)}" if args.update else ""
        print(f"Imported {_counted(plan)}{updated}.")
    finally:
        opened.close()
    return 0


def _counted(plan: ImportPlan) -> str:
    """ "3 stakeholders and 2 relationships", with the plan's entries when the file had a plan."""
    parts = [f"{len(plan.stakeholders)} stakeholders", f"{len(plan.relationships)} relationships"]
    if plan.engagements:
        parts.append(f"{len(plan.engagements)} planned engagements")
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _cmd_export(args: argparse.Namespace) -> int:
    from stakemap.core.audience import AUDIENCE, PRIVATE
    from stakemap.exchange.errors import ExchangeError
    from stakemap.exchange.writers import export_csv, export_ods, export_xlsx

    m = _load(args.file)
    out = Path(args.out)
    audience = AUDIENCE if args.audience else PRIVATE
    try:
        if out.suffix.lower() == ".ics":
            return _export_ics(m, out, args.owner, keep=not args.audience)
        if args.owner is not None:
            raise CommandError("--owner applies only to a calendar (.ics) export")
        if out.suffix.lower() == ".xlsx":
            export_xlsx(m, out, audience=audience)
        elif out.suffix.lower() == ".ods":
            export_ods(m, out, audience=audience)
        elif out.suffix.lower() == ".csv":
            export_csv(m, out, args.what, audience=audience)
        else:
            raise CommandError("The output must end in .csv, .xlsx, .ods or .ics")
    except ExchangeError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Wrote {out}" + (" (for an audience)" if args.audience else ""))
    return 0


def _export_ics(m: Map, out: Path, owner: str | None, *, keep: bool) -> int:
    from stakemap.exchange.calendar import export_plan_ics

    if not keep:  # the same filter as every audience output: hidden people and mentions of them
        from stakemap.core.audience import AUDIENCE, for_audience

        m = for_audience(m, AUDIENCE)
    result = export_plan_ics(m, out, owner=owner, include_confidential=keep)
    skipped = f", {result.undated} undated as tasks" if result.undated else ""
    print(f"Wrote {out} ({result.written} open engagement{'s' if result.written != 1 else ''}{skipped})")
    return 0


def _cmd_log_interaction(args: argparse.Namespace) -> int:
    from stakemap.exchange.errors import ExchangeError
    from stakemap.exchange.interactions import plan_interaction_notes, read_interaction

    opened = _open(args.file, read_only=False)
    try:
        if opened.read_only_reason:
            raise CommandError(f"The map is read-only: {opened.read_only_reason}")
        m = opened.load()
        person = _person_named(m, args.person)
        try:
            log = plan_interaction_notes(m, read_interaction(Path(args.source)), also=person)
        except ExchangeError as exc:
            raise CommandError(str(exc)) from exc
        if log.notes:
            opened.repository.write(
                m.add_entities(log.notes, f"Log interaction from {Path(args.source).name}")
            )
        print(log.summary())
    finally:
        opened.close()
    return 0


def _cmd_export_pdf(args: argparse.Namespace) -> int:
    from stakemap.report.pdf import Edition, ReportError, export_plan_pdf

    m = _load(args.file)
    handout = args.handout
    edition = Edition.HANDOUT if handout else Edition.FACILITATOR
    insights = None  # the edition's default: on in the facilitator copy, off in the handout
    if args.no_insights:
        insights = False
    elif args.insights:
        insights = True
    settings = edition.settings
    if args.conflicts:
        from dataclasses import replace

        settings = replace(settings, conflict_ties=True)
    try:
        export_plan_pdf(
            m,
            Path(args.out),
            edition=edition,
            audience=settings,
            page_size=args.page_size,
            insights=insights,
            include_map=not args.no_map,
        )
    except ReportError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Wrote {args.out} ({'handout' if handout else 'facilitator copy'}, {args.page_size.upper()})")
    return 0


def _file_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="the map file (*.stakemap), or postgresql://[user@]host[:port]/db?map=NAME"
    )


def _switch(parser: argparse.ArgumentParser, *names: str, help: str) -> None:
    """An option that is off unless given (its value is named after the first long name)."""
    parser.add_argument(*names, action="store_true", help=help)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stakemap", description="Stakemap: stakeholder maps, headless.")
    parser.add_argument("--version", action="version", version=f"stakemap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("new", help="create an empty map file")
    _file_arg(p)
    p.add_argument("--title", help="the map title (default: the file name)")
    p.set_defaults(handler=_cmd_new)
    p = sub.add_parser("info", help="counts and schema version of a map")
    _file_arg(p)
    p.set_defaults(handler=_cmd_info)
    p = sub.add_parser("list", help="the stakeholders with their quadrant")
    _file_arg(p)
    p.set_defaults(handler=_cmd_list)
    p = sub.add_parser("analyse", aliases=["analyze"], help="who holds influence, brokers, groups, paths")
    _file_arg(p)
    _switch(p, "--json", help="print the results as JSON")
    p.add_argument("--from", dest="source", metavar="NAME", help="paths start at this person (default: me)")
    _switch(p, "--audience", "--hide-confidential", "--no-confidential",
            help="analyse only what an audience may see (no confidential people, conflicts or marks)")  # fmt: skip
    p.set_defaults(handler=_cmd_analyse)
    p = sub.add_parser("export-pdf", help="the communications plan as a PDF")
    _file_arg(p)
    p.add_argument("out", help="the PDF to write")
    _switch(p, "--handout", help="leave out confidential people, notes, trust, attitude")
    p.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    _switch(p, "--no-insights", help="leave out the relationship insights")
    _switch(p, "--insights", help="print the insights in a handout too (plain words)")
    _switch(p, "--conflicts", help="draw conflict ties on a handout's map too")
    _switch(p, "--no-map", help="leave out the map page and its key")
    p.set_defaults(handler=_cmd_export_pdf)
    p = sub.add_parser("import", help="add stakeholders (and relationships) from a CSV, XLSX or ODS file")
    _file_arg(p)
    p.add_argument("source", help="the .csv, .xlsx or .ods file")
    _switch(p, "--skip-problems", help="import the good rows even if some have problems")
    _switch(p, "--read-only", help="open the map read-only: check the import, write nothing")
    _switch(
        p,
        "--take-over",
        help="write even though the map is marked open elsewhere (that Stakemap stops saving)",
    )
    p.add_argument("--sheet", help="read only this sheet of a workbook (people or relationships)")
    p.add_argument("--kind", help="the kind of every relationship in a file without a kind column "
                                  "(reports to, advises, allies with, conflicts with, informal)")  # fmt: skip
    direction = p.add_mutually_exclusive_group()
    direction.add_argument("--one-way", dest="directed", action="store_const", const=True, default=None,
                           help="a relationship file without a direction column: each tie goes From → To")  # fmt: skip
    direction.add_argument("--both-ways", dest="directed", action="store_const", const=False,
                           help="a relationship file without a direction column: each tie goes both ways")  # fmt: skip
    _switch(p, "--update", help="change people already on the map (matched by id, then e-mail, then name) "
                                "from their rows; each change is listed (use --read-only to preview)")  # fmt: skip
    p.add_argument("--mapping", metavar="FILE",
                   help='JSON: which column fills which field, e.g. {"people": {"name": "Full name"}}')  # fmt: skip
    p.set_defaults(handler=_cmd_import)
    p = sub.add_parser(
        "export",
        help="stakeholders, relationships or the plan as CSV, all as XLSX or ODS, or open engagements as .ics",
    )
    _file_arg(p)
    p.add_argument("out", help="a .csv, .xlsx, .ods or .ics file")
    p.add_argument("--what", choices=("stakeholders", "relationships", "plan"), default="stakeholders",
                   help="for CSV: which table (XLSX and ODS have all three)")  # fmt: skip
    _switch(p, "--audience", "--no-confidential",
            help="for an audience: no confidential people, attitude, trust, pain points or notes")  # fmt: skip
    p.add_argument("--owner", help="for .ics: only this owner's engagements (default: everyone's)")
    p.set_defaults(handler=_cmd_export)
    p = sub.add_parser(
        "log-interaction", help="record a meeting or email from an .ics invitation or .eml message as notes"
    )
    _file_arg(p)
    p.add_argument("source", help="the .ics or .eml file (only its date, subject and participants are kept)")
    p.add_argument("--person", metavar="NAME", help="also log it for this person, whatever the addresses")
    p.set_defaults(handler=_cmd_log_interaction)
    add_server_commands(sub)
    return parser


def is_command(word: str) -> bool:
    """True if ``word`` names a CLI command or option (``python -m stakemap`` starts the GUI otherwise)."""
    if word.startswith("-"):
        return word in ("-h", "--help", "--version")
    parser = build_parser()
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return word in subcommands.choices


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except (MapFileError, CommandError, ValueError, OSError) as exc:
        print(f"stakemap: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stakemap: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
