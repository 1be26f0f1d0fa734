"""Mentions of hidden people are found the way people write names, and only those."""

from __future__ import annotations

import pytest

from stakemap.core.audience import AUDIENCE, PRIVATE, Mentions, for_audience, initials
from stakemap.core.entities import Stakeholder
from stakemap.core.model import Map


@pytest.mark.parametrize(
    "text",
    ["María Greene", "maría greene", "MARÍA GREENE", "Maria Greene", "Mari\u0301a Greene", "María  Greene",
     "María\u00a0Greene", "María\u202fGreene", "María", "Greene", "M. Greene", "M Greene", "m.greene",
     "Ma\u200bría Greene", "ＭＡＲＩＡ ＧＲＥＥＮＥ", "María\nGreene", "María-Greene"],
)  # fmt: skip
def test_every_way_of_writing_the_name_is_found(text: str) -> None:
    mentions = Mentions([("María Greene", "someone")], others=["Priya Raman"])
    assert mentions.replace(f"Ask {text}, then lunch.") == "Ask someone, then lunch."


def test_words_that_only_contain_the_name_are_left_alone() -> None:
    mentions = Mentions([("María Greene", "someone")])
    for text in ("Greenery", "Mariana", "greenest", "Amaría"):
        assert mentions.replace(text) == text


def test_a_first_name_someone_else_has_is_not_a_sign_of_the_hidden_person() -> None:
    mentions = Mentions([("Ann Lee", "someone")], others=["Ann Smith"])
    assert mentions.replace("Ann said Lee and Ann Lee") == "Ann said someone and someone"


def test_a_visible_name_that_mentions_the_hidden_one_does_not_make_it_ambiguous() -> None:
    mentions = Mentions([("María Greene", "someone")], others=["Tom (María Greene's deputy)"])
    assert mentions.replace("Greene") == "someone"


def test_possessives_and_punctuation_stay() -> None:
    assert Mentions([("Bo Ek", "someone")]).replace("Bo Ek's plan; (BO EK)") == "someone's plan; (someone)"


def test_initials_mode_hides_roles_and_names() -> None:
    m = Map()
    m.add_stakeholders([Stakeholder("Carla de Vries", role="CEO", unit="Board", id="a"),
                        Stakeholder("Tom Baker", role="Clerk", offer="Carla de Vries likes tea", id="b")])  # fmt: skip
    shown = for_audience(m, AUDIENCE.__class__(initials=True))
    assert shown.stakeholders["a"].name == initials("Carla de Vries") == "C.D.V."
    assert shown.stakeholders["a"].role == ""
    assert shown.stakeholders["b"].offer == "C.D.V. likes tea"


def test_the_original_map_is_not_changed() -> None:
    m = Map()
    m.add_stakeholders(
        [Stakeholder("Ann Lee", confidential=True, id="a"), Stakeholder("Bo", offer="Ann Lee", id="b")]
    )
    before = dict(m.stakeholders)
    for_audience(m, AUDIENCE)
    assert m.stakeholders == before
    assert for_audience(m, PRIVATE).stakeholders == before


def test_contact_details_are_private_like_notes() -> None:
    """E-mail and phone (issue 17) reach no audience: the filter blanks them before any output."""
    from stakemap.core.audience import AUDIENCE, PRIVATE, for_audience
    from stakemap.core.entities import Stakeholder
    from stakemap.core.model import Map

    m = Map()
    m.add_stakeholder(Stakeholder("Ann Lee", email="ann@example.org", phone="+44 20 7946 0000", id="s-ann"))
    shown = for_audience(m, AUDIENCE).stakeholders["s-ann"]
    assert (shown.email, shown.phone) == ("", "")
    kept = for_audience(m, PRIVATE).stakeholders["s-ann"]
    assert (kept.email, kept.phone) == ("ann@example.org", "+44 20 7946 0000")
