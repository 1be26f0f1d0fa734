"""The fields an import can fill, how header names map to them, and lenient parsing of cell values.

Scores: "75", "75%", "75.5" and "75,5" are points out of 100 (a "0.75" is
0.75 points: guessing fractions would silently move people). Attitude: names ("Champion", "champ"), or -2..+2.
Trust: names, "H/M/L", or 0-3. Booleans: yes/no, true/false, 1/0, x.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from stakemap.core.cadence import parse_cadence
from stakemap.core.entities import Attitude, Confidence, RelationshipKind, Trust

Parser = Callable[[str], Any]
T = TypeVar("T")


def norm(text: str) -> str:
    """Case, spaces and punctuation left out: how headers and free-text kinds are compared."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


_norm = norm


def parse_score(text: str) -> float:
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"“{text}” is not a number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise ValueError(f"{cleaned} is outside 0-100")
    return value


_ATTITUDES = {
    "activeblocker": Attitude.ACTIVE_BLOCKER, "active": Attitude.ACTIVE_BLOCKER, "opponent": Attitude.ACTIVE_BLOCKER,
    "hostile": Attitude.ACTIVE_BLOCKER, "blocker": Attitude.BLOCKER, "passiveblocker": Attitude.BLOCKER,
    "resistant": Attitude.BLOCKER, "sceptic": Attitude.BLOCKER, "skeptic": Attitude.BLOCKER,
    "neutral": Attitude.NEUTRAL, "unknown": Attitude.NEUTRAL, "supporter": Attitude.SUPPORTER,
    "support": Attitude.SUPPORTER, "supportive": Attitude.SUPPORTER, "ally": Attitude.SUPPORTER,
    "champion": Attitude.CHAMPION, "champ": Attitude.CHAMPION, "advocate": Attitude.CHAMPION,
    "-2": Attitude.ACTIVE_BLOCKER, "-1": Attitude.BLOCKER, "0": Attitude.NEUTRAL, "1": Attitude.SUPPORTER,
    "+1": Attitude.SUPPORTER, "2": Attitude.CHAMPION, "+2": Attitude.CHAMPION,
}  # fmt: skip


def parse_attitude(text: str) -> Attitude:
    key = text.strip().replace(" ", "") if text.strip()[:1] in "+-0123456789" else _norm(text)
    if key in _ATTITUDES:
        return _ATTITUDES[key]
    raise ValueError(
        f"unknown attitude “{text}” (use active blocker, blocker, neutral, supporter or champion)"
    )


_TRUST = {
    "unknown": Trust.UNKNOWN, "": Trust.UNKNOWN, "0": Trust.UNKNOWN, "low": Trust.LOW, "l": Trust.LOW,
    "1": Trust.LOW, "medium": Trust.MEDIUM, "med": Trust.MEDIUM, "m": Trust.MEDIUM, "2": Trust.MEDIUM,
    "high": Trust.HIGH, "h": Trust.HIGH, "3": Trust.HIGH,
}  # fmt: skip


def _look_up(words: dict[str, T], text: str, refusal: str) -> T:
    """The value ``text`` names (case, spaces and punctuation aside), else ValueError(``refusal``)."""
    found = words.get(_norm(text))
    if found is None:
        raise ValueError(refusal)
    return found


def parse_trust(text: str) -> Trust:
    return _look_up(_TRUST, text, f"unknown trust “{text}” (use unknown, low, medium or high)")


_TRUE = {"yes", "y", "true", "1", "x", "ja", "oui", "si", "✓"}
_FALSE = {"no", "n", "false", "0", "", "nein", "non"}


def parse_bool(text: str) -> bool:
    key = text.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"“{text}” is not yes or no")


def parse_rank(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = int(float(cleaned))
    except (ValueError, OverflowError):  # "abc", "nan", "inf"
        raise ValueError(f"rank “{text}” is not a whole number") from None
    if not 1 <= value <= 99:
        raise ValueError(f"rank {value} is outside 1-99")
    return value


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags split at ``;``, ``,`` or ``|`` (Kumu); a tag in double quotes keeps its own (``"Smith, Jones"``)."""
    seen: dict[str, None] = {}
    folded: set[str] = set()
    for part in split_tags(text):
        tag = part.strip()[:200]
        if tag and tag.casefold() not in folded:
            seen[tag] = None
            folded.add(tag.casefold())
    return tuple(seen)[:50]


def split_tags(text: str) -> list[str]:
    """The parts of a tag list: separators ``;`` ``,`` ``|`` outside double quotes, ``""`` a quote inside."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted:
            if char == '"' and text[index + 1 : index + 2] == '"':
                current.append('"')
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"' and not "".join(current).strip():
            current.clear()  # an opening quote: spaces before it are not part of the tag
            quoted = True
        elif char in ";,|":
            parts.append("".join(current))
            current.clear()
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def format_tags(tags: Sequence[str]) -> str:
    """Tags as one cell that ``parse_tags`` reads back exactly: quoted where a tag holds ``;`` ``,`` ``|`` or ``"``."""
    return "; ".join(
        '"' + tag.replace('"', '""') + '"' if any(c in tag for c in ';,|"') or tag != tag.strip() else tag
        for tag in tags
    )


def parse_id(text: str) -> str:
    cleaned = text.strip()
    if not 1 <= len(cleaned) <= 64:
        raise ValueError(f"the id “{cleaned[:80]}” is not 1-64 characters")
    return cleaned


def parse_colour(text: str) -> str:
    cleaned = text.strip()
    if cleaned and not re.fullmatch(r"#?[0-9a-fA-F]{6}", cleaned):
        raise ValueError(f"colour “{text}” is not like #3a7bd5")
    return ("#" + cleaned.lstrip("#")).lower() if cleaned else ""


_KINDS = {
    "reportsto": RelationshipKind.REPORTS_TO, "reports": RelationshipKind.REPORTS_TO,
    "manager": RelationshipKind.REPORTS_TO, "advises": RelationshipKind.ADVISES,
    "advisesislistenedtoby": RelationshipKind.ADVISES, "advice": RelationshipKind.ADVISES,
    "listensto": RelationshipKind.ADVISES, "allieswith": RelationshipKind.ALLIES_WITH,
    "ally": RelationshipKind.ALLIES_WITH, "allies": RelationshipKind.ALLIES_WITH,
    "conflictswith": RelationshipKind.CONFLICTS_WITH, "conflict": RelationshipKind.CONFLICTS_WITH,
    "informal": RelationshipKind.INFORMAL, "informalfriendship": RelationshipKind.INFORMAL,
    "friend": RelationshipKind.INFORMAL, "friendship": RelationshipKind.INFORMAL,
}  # fmt: skip


def parse_kind(text: str) -> RelationshipKind:
    return _look_up(_KINDS, text, f"unknown relationship kind “{text}”")


def parse_confidence(text: str) -> Confidence:
    key = _norm(text)
    if key in ("", "observed", "seen", "known", "confirmed"):
        return Confidence.OBSERVED
    if key in ("assumed", "guess", "guessed", "supposed", "unconfirmed"):
        return Confidence.ASSUMED
    raise ValueError(f"confidence “{text}” is neither observed nor assumed")


def parse_direction(text: str) -> bool:
    key = _norm(text)
    if key in ("", "oneway", "directed", "to", "forward", "yes", "true"):
        return True
    if key in ("bothways", "both", "mutual", "undirected", "twoway", "no", "false"):
        return False
    raise ValueError(f"direction “{text}” is neither one way nor both ways")


def parse_strength(text: str) -> int:
    cleaned = text.strip()
    if not cleaned:
        return 3
    try:
        value = int(float(cleaned))
    except (ValueError, OverflowError):
        raise ValueError(f"strength “{text}” is not a number from 1 to 5") from None
    if not 1 <= value <= 5:
        raise ValueError(f"strength {value} is outside 1-5")
    return value


@dataclass(frozen=True)
class ImportField:
    name: str  # the Stakeholder / Relationship attribute
    label: str
    aliases: tuple[str, ...]
    parse: Parser
    required: bool = False


STAKEHOLDER_FIELDS: tuple[ImportField, ...] = (
    ImportField("name", "Name", ("name", "fullname", "person", "stakeholder", "who", "label"), str, True),
    ImportField("role", "Role", ("role", "title", "jobtitle", "position", "function"), str),
    ImportField("unit", "Unit", ("unit", "department", "dept", "division", "team", "businessunit"), str),
    ImportField("constituency", "Constituency", ("constituency", "group", "stakeholdergroup", "segment", "category"), str),
    ImportField("rank", "Formal rank", ("rank", "level", "grade", "formalrank", "seniority"), parse_rank),
    ImportField("influence", "Influence", ("influence", "power", "clout", "authority"), parse_score),
    ImportField("interest", "Interest", ("interest", "concern", "engagement", "impact"), parse_score),
    ImportField("attitude", "Attitude", ("attitude", "support", "stance", "currentattitude", "sentiment"), parse_attitude),
    ImportField("desired_attitude", "Desired attitude", ("desiredattitude", "targetattitude", "desired", "goal"), parse_attitude),
    ImportField("trust", "Trust", ("trust", "trustlevel", "relationship", "rapport"), parse_trust),
    ImportField("drivers_long_term", "Long-term drivers", ("longtermdrivers", "drivers", "longterm", "motivation", "motivations"), str),
    ImportField("drivers_short_term", "Short-term drivers", ("shorttermdrivers", "shortterm", "priorities", "immediate"), str),
    ImportField("pain_points", "Where they are hurting", ("wheretheyarehurting", "painpoints", "pain", "hurting", "issues", "concerns"), str),
    ImportField("offer", "What we can offer", ("whatwecanoffer", "offer", "givefirst", "value"), str),
    ImportField("past_service", "How we served them", ("howweservedthem", "pastservice", "history", "served"), str),
    ImportField("tags", "Tags", ("tags", "tag", "labels", "keywords"), parse_tags),
    ImportField("colour", "Colour", ("colour", "color"), parse_colour),
    ImportField("contact_permitted", "Contact permitted", ("contactpermitted", "cancontact", "contactok", "maycontact"), parse_bool),
    ImportField("confidential", "Confidential", ("confidential", "private", "sensitive"), parse_bool),
    ImportField("in_focus", "In focus", ("infocus", "focus"), parse_bool),
    ImportField("email", "Email", ("email", "emailaddress", "e-mail", "mail"), lambda t: t.strip()),
    ImportField("phone", "Phone", ("phone", "phonenumber", "telephone", "tel", "mobile"), lambda t: t.strip()),
    ImportField("cadence_days", "Keep in touch", ("keepintouch", "cadence", "contactcadence", "contactfrequency"), parse_cadence),
    # Stakemap's export writes each person's id: a re-import matches by it, and people who share a name stay apart.
    ImportField("id", "Id", ("id", "stakemapid", "stakeholderid", "personid"), parse_id),
)  # fmt: skip

RELATIONSHIP_FIELDS: tuple[ImportField, ...] = (
    ImportField("source", "From (name)", ("from", "source", "sourcename", "person", "who", "from name"), str, True),
    ImportField("target", "To (name)", ("to", "target", "targetname", "whom", "other", "to name"), str, True),
    # Not required: a file without kinds (Gephi) is asked which kind its ties are.
    ImportField("kind", "Kind", ("kind", "type", "relationship", "relation", "tie", "connectiontype"), parse_kind),
    ImportField("strength", "Strength", ("strength", "weight", "closeness"), parse_strength),
    ImportField("directed", "Direction", ("direction", "directed", "way"), parse_direction),
    ImportField("confidence", "Confidence", ("confidence", "certainty", "observed"), parse_confidence),
    ImportField("note", "Note", ("note", "notes", "comment", "comments", "description"), str),
    # The ends by id (Stakemap's export): exact even when two people share a name.
    ImportField("source_id", "From id", ("fromid", "sourceid"), parse_id),
    ImportField("target_id", "To id", ("toid", "targetid"), parse_id),
)  # fmt: skip


def guess_mapping(
    headers: Sequence[str], fields: Sequence[ImportField] = STAKEHOLDER_FIELDS
) -> dict[str, int]:
    """Field name -> column index, from header names (case, spaces and punctuation ignored)."""
    normalised = [_norm(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for field_ in fields:
            if field_.name in mapping:
                continue
            for alias in field_.aliases:
                key = _norm(alias)
                for index, header in enumerate(normalised):
                    if index in used or not header:
                        continue
                    if header == key or (not exact and len(key) > 3 and header.startswith(key)):
                        mapping[field_.name] = index
                        used.add(index)
                        break
                if field_.name in mapping:
                    break
    return mapping


def looks_like_relationships(headers: Sequence[str]) -> bool:
    mapping = guess_mapping(headers, RELATIONSHIP_FIELDS)
    return {"source", "target"} <= mapping.keys()
