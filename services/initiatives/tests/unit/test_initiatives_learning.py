"""Learning between initiatives: lessons (what was hard, what was learned), what partners
say (a name only with consent, never to partners) and "inspired by" links across districts
(Frederikshavn was inspired by NæverZone) that reveal nothing of an initiative the reader
may not read."""
from __future__ import annotations

import pytest
from initiatives_samples import BY, NOW, in_phase, spec, types, violates

from initiatives.domain import Initiative
from initiatives.handlers import COMMANDS, QUERIES
from samskab_contracts.partner import PARTNER_VIEWS
from samskab_contracts.responses.initiatives import InitiativeChangeSchema, InitiativeSchema
from samskab_dev.testing import InMemoryAggregateStore
from samskab_infra.context import SYSTEM, Context, Principal
from samskab_infra.errors import ValidationFailed

pytestmark = pytest.mark.unit

QUOTE = {"quote": "Vi taler nu sammen om de unge, før der sker noget.", "organisation": "Frederikshavn Kommune",
         "role": "SSP-konsulent", "name": "Karen Hansen", "date": "2019-05-28"}


def test_a_lesson_names_its_kind_and_a_phase_the_initiative_has_reached():
    initiative = in_phase("mapping")
    lesson = initiative.record_lesson("l-1", {"kind": "hard", "text": " Svært at få beboerne i tale ",
                                              "about_phase": "mapping", "theme": "burglary_prevention"},
                                      by=BY, now=NOW)
    assert lesson["text"] == "Svært at få beboerne i tale" and types(initiative) == ["LessonRecorded"]
    assert initiative.pending_events[0].data["theme"] == "burglary_prevention"
    with violates("learning.lesson.phase_not_reached"):
        initiative.record_lesson("l-2", {"kind": "learned", "text": "x", "about_phase": "establishment"},
                                 by=BY, now=NOW)


@pytest.mark.parametrize(("change", "code"), [
    ({"kind": "fun"}, "learning.lesson.kind_unknown"),
    ({"about_phase": "later"}, "learning.lesson.phase_unknown"),
    ({"theme": "weather"}, "learning.lesson.theme_unknown"),
    ({"text": "  "}, "text.required"),
])
def test_a_lesson_is_checked(change, code):
    with violates(code):
        in_phase("mapping").record_lesson("l-1", {"kind": "learned", "text": "t", "about_phase": "start_up", **change},
                                          by=BY, now=NOW)


def test_lessons_and_quotes_may_be_written_looking_back_after_closing():
    initiative = in_phase("closing")
    initiative.close("Alle mål nået", by=BY, now=NOW, override_reason="test set-up")
    assert initiative.status == "closed"
    initiative.record_lesson("l-1", {"kind": "learned", "text": "Start bredt", "about_phase": "closing"},
                             by=BY, now=NOW)
    initiative.record_partner_quote("q-1", QUOTE, by=BY, now=NOW)
    assert [e for e in types(initiative) if e in ("LessonRecorded", "PartnerQuoteRecorded")] == [
        "LessonRecorded", "PartnerQuoteRecorded"]


def test_a_partner_quote_has_an_organisation_a_role_a_past_day_and_a_name_only_if_given():
    initiative = in_phase("start_up")
    anonymous = initiative.record_partner_quote("q-1", {**QUOTE, "name": " "}, by=BY, now=NOW)
    assert anonymous["name"] is None and anonymous["role"] == "SSP-konsulent"
    with violates("learning.quote.date_in_future"):
        initiative.record_partner_quote("q-2", {**QUOTE, "date": "2099-01-01"}, by=BY, now=NOW)
    with violates("text.required"):
        initiative.record_partner_quote("q-3", {**QUOTE, "organisation": ""}, by=BY, now=NOW)


def test_a_partner_quote_may_be_attributed_to_an_actor_taking_part_whom_partners_see_as_a_pseudonym():
    initiative = in_phase("start_up")
    initiative.member_joined("a-1", "municipality", [], "e-1", now=NOW, name="Frederikshavn Kommune")
    initiative.pending_events.clear()
    quote = initiative.record_partner_quote("q-1", {**QUOTE, "actor_id": "a-1"}, by=BY, now=NOW)
    assert quote["actor_id"] == "a-1" and initiative.pending_events[0].data["actor_id"] == "a-1"
    seen = PARTNER_VIEWS["PartnerQuoteRecorded"].project(initiative.pending_events[0].data, lambda v: f"ps_{v}")
    assert seen["actor_id"] == "ps_a-1"
    assert initiative.record_partner_quote("q-2", QUOTE, by=BY, now=NOW)["actor_id"] is None
    with violates("learning.quote.actor_not_taking_part"):
        initiative.record_partner_quote("q-3", {**QUOTE, "actor_id": "a-404"}, by=BY, now=NOW)
    assert [e.data["quote_id"] for e in initiative.pending_events] == ["q-1", "q-2"]


def test_partners_see_neither_the_speakers_name_nor_any_free_text():
    initiative = in_phase("mapping")
    initiative.record_partner_quote("q-1", QUOTE, by=BY, now=NOW)
    initiative.record_lesson("l-1", {"kind": "hard", "text": "Karen Hansen sagde fra", "about_phase": "mapping"},
                             by=BY, now=NOW)
    initiative.link_inspiration("i-9", "NæverZone", "Karen Hansen fortalte om den", by=BY, now=NOW)
    for event in initiative.pending_events:
        seen = PARTNER_VIEWS[event.type_name()].project(event.data, str)
        assert "Karen Hansen" not in str(seen) and "jsn@politi.dk" not in str(seen), event.type_name()
    assert PARTNER_VIEWS["PartnerQuoteRecorded"].project(initiative.pending_events[0].data, str)[
        "organisation"] == "Frederikshavn Kommune"


def test_an_inspiration_is_another_initiative_linked_once():
    initiative = in_phase("start_up")
    link = initiative.link_inspiration("i-9", None, "Nul-tolerance i nattelivet", by=BY, now=NOW)
    assert link == {"initiative_id": "i-9", "title": None, "note": "Nul-tolerance i nattelivet", "by": BY, "at": NOW}
    assert initiative.pending_events[0].data["inspired_by_initiative_id"] == "i-9"
    with violates("learning.inspiration.duplicate"):
        initiative.link_inspiration("i-9", None, None, by=BY, now=NOW)
    with violates("learning.inspiration.self"):
        initiative.link_inspiration(initiative.initiative_id, None, None, by=BY, now=NOW)


def test_the_document_keeps_learning_and_an_old_document_starts_empty():
    initiative = in_phase("start_up")
    initiative.record_partner_quote("q-1", QUOTE, by=BY, now=NOW)
    document = initiative.to_document()
    assert Initiative.from_document(document).learning == initiative.learning
    old = {k: v for k, v in document.items() if k != "learning"}
    assert Initiative.from_document(old).learning == {"lessons": [], "quotes": [], "inspired_by": []}


def _context(principal: Principal) -> Context:
    return Context(correlation_id="c", now=NOW, principal=principal)


def test_the_commands_answer_in_the_documented_shape():
    store, ctx = InMemoryAggregateStore(), _context(SYSTEM)
    initiative_id = COMMANDS["create_initiative"](store, spec(), ctx)["initiative_id"]

    def run(command: str, **payload) -> dict:
        answer = COMMANDS[command](store, {"initiative_id": initiative_id, **payload}, ctx)
        InitiativeChangeSchema().load(answer)
        return answer

    assert run("record_lesson", kind="learned", text="Inddrag tidligt", about_phase="start_up")["lesson_id"]
    assert run("record_partner_quote", **QUOTE)["quote_id"]
    other = COMMANDS["create_initiative"](store, spec(title="NæverZone", district="sydsjaelland_og_lolland_falster"),
                                          ctx)["initiative_id"]
    linked = run("link_inspiration", inspired_by_initiative_id=other)
    assert linked["events"] == ["InitiativeInspirationLinked"]
    assert linked["initiative"]["learning"]["inspired_by"][0]["title"] is None  # read when shown


def test_a_link_to_an_initiative_in_another_district_shows_its_title_only_to_its_readers():
    store = InMemoryAggregateStore()
    system = _context(SYSTEM)
    naever = COMMANDS["create_initiative"](store, spec(title="NæverZone – Nul Narko i Næstved",
                                                       district="sydsjaelland_og_lolland_falster"),
                                           system)["initiative_id"]
    frederikshavn = COMMANDS["create_initiative"](store, spec(title="Frederikshavn natteliv"),
                                                  system)["initiative_id"]
    operator = _context(Principal.of("op@politi.dk", "district_operator", "nordjylland"))
    # the operator may not read NæverZone: a missing and an unreadable initiative answer alike
    for other_id in (naever, "no-such-initiative"):
        with pytest.raises(ValidationFailed) as refused:
            COMMANDS["link_inspiration"](store, {"initiative_id": frederikshavn,
                                                 "inspired_by_initiative_id": other_id}, operator)
        assert list(refused.value.details) == ["title"]
    COMMANDS["link_inspiration"](store, {"initiative_id": frederikshavn, "inspired_by_initiative_id": naever,
                                         "title": "NæverZone", "note": "Nul-tolerance"}, operator)

    def shown(ctx: Context) -> dict:
        view = QUERIES["get_initiative"](store, {"initiative_id": frederikshavn}, ctx)
        InitiativeSchema().load(view)
        return view["learning"]["inspired_by"][0]

    assert shown(operator)["title"] == "NæverZone" and shown(operator)["district"] is None
    assert not shown(operator)["readable"]
    centre = _context(Principal.of("nfc@politi.dk", "national_centre"))
    assert shown(centre)["title"] == "NæverZone – Nul Narko i Næstved"
    assert shown(centre)["district"] == "sydsjaelland_og_lolland_falster" and shown(centre)["readable"]


def test_linking_on_the_command_path_looks_at_the_other_initiative_and_still_reads_its_own_once():
    from initiatives.adapters.already_read import AlreadyRead

    store, ctx = InMemoryAggregateStore(), _context(SYSTEM)
    naever = COMMANDS["create_initiative"](store, spec(title="NæverZone"), ctx)["initiative_id"]
    own = COMMANDS["create_initiative"](store, spec(), ctx)["initiative_id"]
    read = store.read(own)
    reads: list[str] = []
    counted = store.read

    def reading(aggregate_id: str):
        reads.append(aggregate_id)
        return counted(aggregate_id)

    store.read = reading  # type: ignore[method-assign]
    answer = COMMANDS["link_inspiration"](AlreadyRead(store, read), {
        "initiative_id": own, "inspired_by_initiative_id": naever}, ctx)
    assert answer["events"] == ["InitiativeInspirationLinked"] and reads == []
