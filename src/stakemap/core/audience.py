"""What an audience may see: a Map plus audience settings -> the map that audience may see (core layer).

Every output that leaves the screen (handout PDF, presenter mode, slide images,
audience CSV/XLSX, ``stakemap analyse --audience``) is made from
``for_audience(map, settings)``, never from the full map with things skipped
later: analysis, layout and writers then cannot see what is hidden, so no
count, group, path or comparison line can give a hidden person away.

Mentions of hidden people in anyone's text are found the way people write
names (any case, Unicode form or run of spaces, accents or not, first name or
surname alone where that is unambiguous on the map, "M. Greene") and replaced
by a neutral "someone".

"Confidential" keeps people out of what an audience sees; it is not access
control (whoever has the map file has everything in it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from stakemap.core.entities import (
    MAX_NAME,
    MAX_TEXT,
    Attitude,
    Engagement,
    MapInfo,
    Note,
    QuadrantLabels,
    Relationship,
    RelationshipKind,
    Snapshot,
    SnapshotEntry,
    Stakeholder,
    Trust,
)
from stakemap.core.model import Map

SOMEONE = "someone"


@dataclass(frozen=True)
class AudienceSettings:
    """What an audience may see. ``True`` means shown; the presets below are the usual choices."""

    confidential_people: bool = False  # and everything derived from them: ties, plans, notes, counts
    notes: bool = False  # notes of interactions (any note)
    confidential_notes: bool = False  # notes marked confidential (only with ``notes``)
    tie_notes: bool = False  # the free text on a relationship
    attitude: bool = False
    trust: bool = False
    pain_points: bool = False  # "where they are hurting"
    contact_details: bool = False  # e-mail and phone: private, like notes
    conflict_ties: bool = False
    marks: bool = False  # overdue marks, the focus star and who is "me"
    initials: bool = False  # names as initials; roles, units and groups are hidden then
    insights: bool = False  # relationship insights in the handout

    @property
    def is_private(self) -> bool:
        return self == PRIVATE


#: The facilitator: everything.
PRIVATE = AudienceSettings(
    confidential_people=True, notes=True, confidential_notes=True, tie_notes=True, attitude=True,
    trust=True, pain_points=True, contact_details=True, conflict_ties=True, marks=True, initials=False, insights=True,
)  # fmt: skip
#: The default for anything that leaves the screen: handout, presenter, slide images, audience exports.
AUDIENCE = AudienceSettings()

_FIELD_LIMITS: dict[type, dict[str, int]] = {
    MapInfo: {"title": MAX_NAME, "organisation": MAX_NAME, "purpose": MAX_TEXT, "author": MAX_NAME},
    Stakeholder: {
        "name": MAX_NAME, "role": MAX_NAME, "unit": MAX_NAME, "constituency": MAX_NAME,
        "drivers_long_term": MAX_TEXT, "drivers_short_term": MAX_TEXT, "pain_points": MAX_TEXT,
        "offer": MAX_TEXT, "past_service": MAX_TEXT,
    },
    Relationship: {"note": MAX_TEXT},
    Note: {"text": MAX_TEXT},
    Engagement: {"reason": MAX_TEXT, "method": MAX_NAME, "spiel": MAX_TEXT, "offer": MAX_TEXT,
                 "owner": MAX_NAME, "outcome": MAX_TEXT},
    Snapshot: {"name": MAX_NAME},
}  # fmt: skip


# ------------------------------------------------------------------ folding
def _fold_char(char: str) -> str:
    """One character as names are compared: NFKC, case-folded, accents off, any space one space."""
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category == "Mn":
        return ""  # a combining accent (decomposed text): dropped like the accent of a composed letter
    if category == "Cf":
        return ""  # zero-width and soft-hyphen characters inside a name must not hide it
    folded = unicodedata.normalize("NFKC", char).casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


def _folded_with_index(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        folded = _fold_char(char)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


@cache
def _invisible_marks() -> dict[int, None]:
    """Combining marks and format characters (zero-width space, soft hyphen, tags), for ``str.translate``.
    Built on first use (about 0.1 s), not at import: the app's start does not pay for it."""
    ranges = (range(0x20000), range(0xE0000, 0xE1000))
    return {c: None for r in ranges for c in r if unicodedata.category(chr(c)) in ("Mn", "Cf")}


def _quick_fold(text: str) -> str:
    """Close to ``fold`` but at C speed, for a first look: is any of the names' words there at all?"""
    return unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold()).translate(
        _invisible_marks()
    )


_WORD = re.compile(r"\w+")
#: What may stand between the words of a name: spaces of any kind, a full stop, a hyphen, an apostrophe.
_GAP = re.compile(r"[\s.\-'’]+")


def name_words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


def initials(name: str) -> str:
    """Initials of a name: "Carla de Vries" -> "C.D.V."; words that start with a symbol are skipped."""
    words = [w for w in name.replace("-", " ").split() if w and w[0].isalnum()]
    if not words:
        return "?"
    return ".".join(w[0].upper() for w in words[:4]) + "."


# ------------------------------------------------------------------ matching
class Mentions:
    """Finds the ways people write each of some names in text, and replaces them.

    ``names``: (name, replacement). ``others``: names of people who stay visible, so a first name or
    surname they share is not a safe sign of the hidden person and is left alone.
    """

    def __init__(self, names: Iterable[tuple[str, str]], others: Iterable[str] = ()) -> None:
        named = [(words, replacement) for name, replacement in names if (words := name_words(name))]
        self._patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._needles: set[str] = set()
        for words, replacement in named:
            variants = {words}
            if len(words) > 1:
                initial = words[0][0]
                variants.add((initial, *words[1:]))  # "M. Greene", "C. de Vries"
                variants.add((initial, words[-1]))  # "C. Vries"
            for variant in variants:
                self._add(variant, replacement)
        # A first name or surname alone is a safe sign of the person only where nobody else on the map
        # has it; a visible person's name that mentions the hidden one ("Maria Greene's deputy") does
        # not count, so it is read with the full-name matches already replaced.
        taken = {word for other in others for word in name_words(self.replace(other))}
        counts: dict[str, int] = {}
        for words, _ in named:
            for word in {words[0], words[-1]}:
                counts[word] = counts.get(word, 0) + 1
        for words, replacement in named:
            if len(words) > 1:
                for single in {words[0], words[-1]}:
                    if len(single) > 1 and single not in taken and counts[single] == 1:
                        self._add((single,), replacement)

    def _add(self, variant: tuple[str, ...], replacement: str) -> None:
        self._needles.add(max(variant, key=len))  # every match holds all its words: the longest is enough
        candidates = self._patterns.setdefault(variant[0], [])
        if all(v != variant for v, _ in candidates):
            candidates.append((variant, replacement))
            candidates.sort(key=lambda c: -len(c[0]))  # longest first: "maria greene" before "maria"

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def replace(self, text: str) -> str:
        if not text or not self._patterns:
            return text
        quick = _quick_fold(text)
        if not any(needle in quick for needle in self._needles):
            return text
        folded, index = _folded_with_index(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        pieces: list[str] = []
        kept_from = 0
        i = 0
        while i < len(words):
            found = self._match_at(folded, words, i)
            if found is None:
                i += 1
                continue
            length, replacement = found
            start = index[words[i][0]]
            end = index[words[i + length - 1][1] - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1  # the accents of a decomposed last letter go with it
            pieces += [text[kept_from:start], replacement]
            kept_from = end
            i += length
        if not pieces:
            return text
        pieces.append(text[kept_from:])
        return "".join(pieces)

    def found_in(self, text: str) -> bool:
        return self.replace(text) != text

    def _match_at(self, folded: str, words: Sequence[tuple[int, int, str]], i: int) -> tuple[int, str] | None:
        for variant, replacement in self._patterns.get(words[i][2], ()):
            if i + len(variant) > len(words):
                continue
            ok = True
            for k in range(1, len(variant)):
                if words[i + k][2] != variant[k] or not _GAP.fullmatch(
                    folded[words[i + k - 1][1] : words[i + k][0]]
                ):
                    ok = False
                    break
            if ok:
                return len(variant), replacement
        return None


# ------------------------------------------------------------------ the filter
def hidden_ids(the_map: Map, settings: AudienceSettings) -> frozenset[str]:
    if settings.confidential_people:
        return frozenset()
    return frozenset(p.id for p in the_map.stakeholders.values() if p.confidential)


def mentions_for(the_map: Map, settings: AudienceSettings) -> Mentions:
    """The matcher for this audience: hidden people become "someone"; with initials, everyone else
    becomes their initials."""
    hidden = hidden_ids(the_map, settings)
    names: list[tuple[str, str]] = [(the_map.stakeholders[i].name, SOMEONE) for i in hidden]
    if not settings.confidential_people:
        # Someone confidential in a snapshot who has since left the map: their name is still theirs.
        names += [
            (e.name, SOMEONE)
            for s in the_map.snapshots.values()
            for e in s.entries
            if e.confidential and e.stakeholder_id not in the_map.stakeholders
        ]
    visible = [p for p in the_map.stakeholders.values() if p.id not in hidden]
    if settings.initials:
        names += [(p.name, initials(p.name)) for p in visible]
        return Mentions(names)
    return Mentions(names, others=[p.name for p in visible])


def for_audience(the_map: Map, settings: AudienceSettings) -> Map:
    """A new Map holding only what this audience may see (see the module docstring).

    ``PRIVATE`` returns an equal copy; the original map is never changed.
    """
    hidden = hidden_ids(the_map, settings)
    mentions = mentions_for(the_map, settings)

    def clean(entity: Any, **overrides: Any) -> Any:
        changed = dict(overrides)
        for name, limit in _FIELD_LIMITS[type(entity)].items():
            value = changed.get(name, getattr(entity, name))
            redacted = mentions.replace(value)
            if redacted != getattr(entity, name):
                changed[name] = redacted[:limit]
        return replace(entity, **changed) if changed else entity

    people = {
        pid: clean(person, **_person_overrides(person, settings, mentions))
        for pid, person in the_map.stakeholders.items()
        if pid not in hidden
    }
    ties = {
        rid: clean(tie, **({} if settings.tie_notes else {"note": ""}))
        for rid, tie in the_map.relationships.items()
        if tie.source_id not in hidden and tie.target_id not in hidden
        and (settings.conflict_ties or tie.kind is not RelationshipKind.CONFLICTS_WITH)
    }  # fmt: skip
    notes = {}
    if settings.notes:
        for nid, note in the_map.notes.items():
            if note.confidential and not settings.confidential_notes:
                continue
            if note.stakeholder_id is not None and note.stakeholder_id not in people:
                continue
            if note.relationship_id is not None and (
                note.relationship_id not in ties or not settings.tie_notes
            ):
                continue
            notes[nid] = clean(note)
    engagements = {eid: clean(e) for eid, e in the_map.engagements.items() if e.stakeholder_id in people}
    snapshots = {sid: _snapshot(s, hidden, settings, mentions, clean) for sid, s in the_map.snapshots.items()}
    info = the_map.info
    labels = info.quadrant_labels
    new_labels = QuadrantLabels(*(_label(mentions.replace(v)) for v in (
        labels.key_players, labels.keep_satisfied, labels.keep_informed, labels.monitor)))  # fmt: skip
    me_id = info.me_id if settings.marks and info.me_id in people else None
    new_info = clean(
        info,
        quadrant_labels=new_labels,
        me_id=me_id,
        engagement_methods=tuple(_label(mentions.replace(m)) for m in info.engagement_methods),
    )
    if not new_info.title.strip():
        new_info = replace(new_info, title="Stakeholder map")
    return Map(info=new_info, stakeholders=people, relationships=ties, notes=notes,
               engagements=engagements, snapshots=snapshots)  # fmt: skip


def _label(text: str) -> str:
    return text[:MAX_NAME]


def _person_overrides(person: Stakeholder, settings: AudienceSettings, mentions: Mentions) -> dict[str, Any]:
    changed: dict[str, Any] = {"tags": tuple(_label(mentions.replace(t)) for t in person.tags)}
    if not settings.attitude:
        changed.update(attitude=Attitude.NEUTRAL, desired_attitude=Attitude.NEUTRAL)
    if not settings.trust:
        changed["trust"] = Trust.UNKNOWN
    if not settings.pain_points:
        changed["pain_points"] = ""
    if not settings.contact_details:
        changed.update(email="", phone="")
    if not settings.marks:
        changed["in_focus"] = False
    if not settings.confidential_people:
        changed["confidential"] = False  # nobody left is confidential; the flag itself says nothing
    if settings.initials:
        changed.update(name=initials(person.name), role="", unit="", constituency="", tags=())
    return changed


def _snapshot(snapshot: Snapshot, hidden: frozenset[str], settings: AudienceSettings, mentions: Mentions,
              clean: Any) -> Snapshot:  # fmt: skip
    entries = []
    for e in snapshot.entries:
        if not settings.confidential_people and (e.confidential or e.stakeholder_id in hidden):
            continue
        entries.append(
            SnapshotEntry(
                e.stakeholder_id,
                _label(initials(e.name) if settings.initials else mentions.replace(e.name)),
                e.influence,
                e.interest,
                e.attitude if settings.attitude else Attitude.NEUTRAL,
                e.trust if settings.trust else Trust.UNKNOWN,
                confidential=e.confidential and settings.confidential_people,
            )
        )
    cleaned: Snapshot = clean(replace(snapshot, entries=tuple(entries)))
    return cleaned


def redact_text(the_map: Map, settings: AudienceSettings, text: str) -> str:
    """Any other text bound for this audience (a file name, a window title) with mentions replaced."""
    return mentions_for(the_map, settings).replace(text)
