"""Every section the police's case catalogue has for a case (seed 002), from the events
alone, in Markdown and HTML, Danish and English: facts (districts, scope, municipalities,
period, phase, status), the challenge with its earlier wording (Co-creation i Gullestrup:
defined through the analysis), the vision, the actors with their kinds, what was done (the
mapping, the analysis, activities, revisions, pauses, ideas handed over), the results,
ripple effects, what was hard, what we learned and what the partners say."""
from __future__ import annotations

import pytest
from reporting_samples import created, envelope, joined

from reporting.domain import views
from reporting.domain.projections import initiative
from reporting.domain.viewer import EVERYTHING
from reporting.rendering.catalogue import catalogue_html, catalogue_markdown
from reporting.rendering.catalogue_content import section

pytestmark = pytest.mark.unit

MIDT = {"district": "midt_og_vestjylland"}
FIRM, TOWN = "a1b2c3d4-0001-4000-8000-000000000001", "a1b2c3d4-0002-4000-8000-000000000002"
DIRECTORY = {FIRM: {"name": "Kvik Køkkener Herning", "kind": "business"},
             TOWN: {"name": "Herning Kommune", "kind": "municipality"}}
REVISED = "Hvordan kan vi gennem iværksætteri skabe et fælles bæredygtigt tredje for Gullestrup?"


def story() -> list[dict]:
    return [
        created(**MIDT, at="2014-03-01T00:00:00Z", title="Co-creation i Gullestrup", challenge="Utryghed i Gullestrup.",
                challenge_perspectives=[], municipalities=["Herning"], vision="Et trygt Gullestrup med job",
                themes=["jobs_and_inclusion"]),
        envelope("MappingSourceRecorded", **MIDT, at="2014-04-01T00:00:00Z"),
        envelope("MappingSourceRecorded", **MIDT, at="2014-04-02T00:00:00Z", source_id="s-2", kind="observation"),
        envelope("ProblemStatementRecorded", **MIDT, at="2014-04-03T00:00:00Z"),
        envelope("PotentialActorIdentified", **MIDT, at="2014-05-01T00:00:00Z"),
        envelope("PotentialActorDialogueUpdated", **MIDT, at="2014-05-10T00:00:00Z"),
        envelope("ExpectationsAligned", **MIDT, at="2014-05-20T00:00:00Z"),
        envelope("ChallengeRevised", **MIDT, at="2014-05-01T00:00:00Z", challenge=REVISED,
                 reason="Analysen viste mange frivillige hænder og lyst til iværksætteri."),
        joined(FIRM, "business", at="2014-06-01T00:00:00Z", name="Kvik Køkkener Herning", **MIDT),
        joined(TOWN, "municipality", at="2014-06-01T00:00:00Z", name="Herning Kommune", **MIDT),
        envelope("ParticipatingDistrictAdded", **MIDT, at="2014-07-01T00:00:00Z", participating_district="fyn",
                 districts=["midt_og_vestjylland", "fyn"], scope="cross_district"),
        envelope("ActivityRecorded", **MIDT, at="2015-01-10T00:00:00Z", kind="theme_evening", title="Job i Gullestrup",
                 date="2015-01-10", place="Beboerhuset", citizens_count=18, target_groups=["residents"],
                 outcome="Et jobsøgningsnetværk blev startet.", actor_ids=[FIRM], participants_count=19,
                 status="active"),
        envelope("InitiativeRevised", **MIDT, at="2015-02-01T00:00:00Z", changed_fields=["focus_area"],
                 focus_area="Gullestrup Nord", previous={"focus_area": None}, reason="Task forcen samles i nord."),
        envelope("InitiativePaused", **MIDT, at="2015-03-01T00:00:00Z", reason="Venter på EU-midler"),
        envelope("InitiativeResumed", **MIDT, at="2015-04-01T00:00:00Z", paused_at="2015-03-01T00:00:00Z",
                 days_paused=31.0),
        envelope("IdeaHandedOver", **MIDT, at="2015-05-01T00:00:00Z", idea="Stop Madspild i Fakta",
                 recipient_name="Herning Kommune", recipient_actor_id=TOWN, date="2015-05-01",
                 outcome="Kommunen driver det videre.", status="active"),
        envelope("ResultDocumented", **MIDT, at="2015-06-01T00:00:00Z", platform_id=None,
                 title="Task force af ca. 20 lokale virksomheder", date="2015-06-01", size="small"),
        envelope("LessonRecorded", **MIDT, kind="hard", text="Det lange, seje træk i kortlægningen",
                 phase="mapping", theme=None),
        envelope("LessonRecorded", **MIDT, lesson_id="l-2", text="Iværksætteri er en generisk nøgle",
                 phase="co_creative_development", theme=None),
        envelope("PartnerQuoteRecorded", **MIDT, quote="Samspillet har været vildt fedt",
                 organisation="Midt- og Vestjyllands Politi", role="Ankerperson", name="Ane Friis Christiansen"),
    ]


def run(envelopes: list[dict]) -> dict:
    model = None
    for env in envelopes:
        model = initiative.apply(model, env)
    return model


def test_each_section_of_a_case_in_danish():
    s = section(views.initiative_view(run(story()), exact=True, directory=DIRECTORY), "da")
    facts = dict(s["facts"])
    assert facts["Ledende politikreds"] == "Midt- og Vestjyllands Politi"
    assert facts["Deltagende politikredse"] == "Fyns Politi"
    assert facts["Omfang"] == "På tværs af politikredse" and facts["Kommuner"] == "Herning"
    assert facts["Periode"] == "Siden 2014-03-01" and facts["Område"] == "Gullestrup Nord"
    assert s["paragraphs"] == [REVISED]
    assert s["earlier"] == ["“Utryghed i Gullestrup.” – ændret 2014-05-01 i fasen Analysemodul: "
                            "Analysen viste mange frivillige hænder og lyst til iværksætteri."]
    sections = dict(s["subsections"])
    assert sections["Aktører"] == ["I alt 2 organisationer (Kommune 1, Virksomhed 1)",
                                   "Herning Kommune – Kommune", "Kvik Køkkener Herning – Virksomhed"]
    assert sections["Hvad blev gjort?"] == [
        "Kortlægning – kilder: 2, problemstillinger: 1",
        "Analyse og aktørinvolvering – potentielle aktører: 1 (i dialog: 1); forventningsafstemninger: 1",
        "Temaaften 2015-01-10, Beboerhuset: Job i Gullestrup – 19 deltagere, Beboere. "
        "Et jobsøgningsnetværk blev startet.",
        "Revideret 2015-02-01 (område): Task forcen samles i nord.",
        "I bero 2015-03-01 – 2015-04-01: Venter på EU-midler",
        "Idé givet videre til Herning Kommune (2015-05-01): Stop Madspild i Fakta. "
        "Det kom der ud af: Kommunen driver det videre.",
    ]
    assert sections["Resultater"] == ["Task force af ca. 20 lokale virksomheder (2015-06-01)"]
    assert sections["Hvad var svært?"] == ["Det lange, seje træk i kortlægningen (Kortlægning)"]
    assert sections["Hvad har vi lært"] == ["Iværksætteri er en generisk nøgle (Samskabende udviklingsarbejde)"]
    assert sections["Hvad siger samarbejdspartnerne"] == [
        "“Samspillet har været vildt fedt” – Ankerperson, Midt- og Vestjyllands Politi"]
    assert list(sections)[:6] == ["Aktører", "Hvad blev gjort?", "Udviklingsplatforme og mål", "Resultater",
                                  "Ringe i vandet", "Hvad var svært?"]


def test_markdown_and_html_in_both_languages_show_every_section():
    models = [run(story())]
    danish = catalogue_markdown(models, DIRECTORY, viewer=EVERYTHING)
    for needle in ("- **Omfang:** På tværs af politikredse", "#### Tidligere formuleringer af udfordringen",
                   "- “Utryghed i Gullestrup.” – ændret 2014-05-01", "### Hvad blev gjort?",
                   "- Herning Kommune – Kommune", "**Vision:** Et trygt Gullestrup med job",
                   "### Hvad siger samarbejdspartnerne"):
        assert needle in danish, needle
    english = catalogue_html(models, DIRECTORY, viewer=EVERYTHING, lang="en")
    for needle in ("<dt>Participating police districts</dt><dd>Fyns Politi</dd>",
                   "<dt>Period</dt><dd>Since 2014-03-01</dd>", "<h4>Earlier wordings of the challenge</h4>",
                   "<h3>What was done?</h3>", "<li>Theme evening 2015-01-10, Beboerhuset: Job i Gullestrup – "
                   "19 participants, Residents. Et jobsøgningsnetværk blev startet.</li>",
                   "<li>On standby 2015-03-01 – 2015-04-01: Venter på EU-midler</li>",
                   "<li>Herning Kommune – Municipality</li>", "What came of it: Kommunen driver det videre.",
                   "<h3>What we learned</h3>", "<h3>What the partners say</h3>"):
        assert needle in english, needle
    assert "Ane Friis Christiansen" not in danish + english


def test_a_district_catalogue_holds_the_initiatives_it_takes_part_in():
    models = [run(story())]
    assert "## Co-creation i Gullestrup" in catalogue_markdown(models, DIRECTORY, scope="fyn", viewer=EVERYTHING)
    assert "## Co-creation i Gullestrup" not in catalogue_markdown(models, DIRECTORY, scope="nordjylland",
                                                                   viewer=EVERYTHING)


def test_few_participants_are_suppressed_where_the_view_suppresses_them():
    few = run([created(**MIDT, at="2014-03-01T00:00:00Z"),
               envelope("ActivityRecorded", **MIDT, at="2015-01-10T00:00:00Z", kind="parent_meeting",
                        date="2015-01-10", place="Skolen", citizens_count=2, actor_ids=[], participants_count=2,
                        target_groups=["parents"], title=None, outcome=None, status="active")])
    shown = dict(section(views.initiative_view(few, exact=True), "en")["subsections"])
    assert shown["What was done?"] == ["Parent meeting 2015-01-10, Skolen – 2 participants, Parents"]
    hidden = dict(section(views.initiative_view(few, exact=False), "da")["subsections"])
    assert hidden["Hvad blev gjort?"] == ["Forældremøde 2015-01-10, Skolen – færre end 5 deltagere, Forældre"]


def test_a_closed_national_initiative_has_its_period_and_scope():
    national = run([created(at="2015-06-01T00:00:00Z", **{"district": "koebenhavn"}),
                    envelope("InitiativeScopeSet", district="koebenhavn", at="2016-01-01T00:00:00Z",
                             scope="national", previous_scope="local", districts=["koebenhavn"], reason=None),
                    envelope("InitiativeClosed", district="koebenhavn", at="2021-06-01T00:00:00Z")])
    facts = dict(section(views.initiative_view(national, exact=True), "en")["facts"])
    assert facts["Scope"] == "National" and facts["Police district"] == "Københavns Politi"
    assert facts["Period"] == "2015-06-01 – 2021-06-01"
