"""Events produced by the initiatives service.

Every event's data carries ``initiative_id``, ``district``, ``by`` (the
principal's subject) and ``at`` (when), so consumers such as reporting and
notifications can work from the events alone; the envelope carries the
correlation id. Examples follow the Hjørring – Fri for Indbrud case.
"""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_contracts.districts import DISTRICTS
from samskab_contracts.vocabulary import (  # noqa: F401 - the published enumerations
    ACTIVITY_KINDS,
    ACTIVITY_TYPES,
    ACTOR_KINDS,
    DIALOGUE_STATUSES,
    DIRECTIONS,
    GOAL_KINDS,
    GOAL_TYPES,
    INITIATIVE_SCOPES,
    LESSON_KINDS,
    MAX_NAME,
    MAX_TEXT,
    PHASES,
    RESULT_SIZES,
    SHARED_INDICATOR_KEYS,
    SOURCE_KINDS,
    TARGET_GROUPS,
    THEMES,
)
from samskab_infra.event_types import Event, EventSchema

_ID = validate.Length(min=1, max=100)
_NAME = validate.Length(min=1, max=MAX_NAME)
_TEXT = validate.Length(max=MAX_TEXT)

INITIATIVE = "3f1c2a9e-5d0b-4c1e-9a57-0d2b7c1e4f10"
PLATFORM = "8a6d1f0e-2b7c-4d7e-9f3a-5c1b2e4d6f70"
GOAL = "c2e9b7a4-1d3f-4a6b-8c5e-9f0a1b2c3d4e"
ACTIVITY = "5b7e9d1c-3a2f-4e6d-8b0c-1a2b3c4d5e6f"
FINDING = "e4d3c2b1-a0f9-4e8d-9c7b-6a5f4e3d2c1b"
ACTOR_KOMMUNE = "a1b2c3d4-0001-4000-8000-000000000001"
ACTOR_NABOHJAELP = "a1b2c3d4-0002-4000-8000-000000000002"
ANCHOR = {"person_id": "jsn@politi.dk", "name": "Jeanette Storm Nielsen", "email": "jsn@politi.dk"}
_BASE = {"initiative_id": INITIATIVE, "district": "nordjylland", "by": "jsn@politi.dk",
         "at": "2017-03-01T09:00:00Z"}


def _nullable_str(validator: validate.Validator = _TEXT) -> fields.Str:
    return fields.Str(required=True, allow_none=True, validate=validator)


def _indicator_id() -> fields.Str:
    """Added after version 1 (absent from earlier events: null)."""
    return fields.Str(load_default=None, allow_none=True,
                      validate=validate.OneOf(SHARED_INDICATOR_KEYS), metadata={
                          "description": "the shared indicator (vocabulary SHARED_INDICATORS) "
                                         "a quantitative goal is measured by, if any"})


def _target_date() -> fields.Date:
    """Added after version 1 (absent from earlier events: null)."""
    return fields.Date(load_default=None, allow_none=True, metadata={
        "description": "when the goal should be reached, if set"})


def _parent_goal_id() -> fields.Str:
    """Added after version 1 (absent from earlier events: null)."""
    return fields.Str(load_default=None, allow_none=True, validate=_ID, metadata={
        "description": "the goal this one is a sub-goal of (e.g. a quarterly milestone)"})


class InitiativeEventSchema(EventSchema):
    """Fields every initiatives event carries."""

    initiative_id = fields.Str(required=True, validate=_ID)
    district = fields.Str(required=True, validate=validate.OneOf(DISTRICTS))
    by = fields.Str(required=True, validate=_NAME)
    at = fields.DateTime(required=True)


class PersonSchema(EventSchema):
    """A police or municipal staff member in a role; ``email`` is a work address."""

    person_id = fields.Str(required=True, validate=_NAME)
    name = _nullable_str(_NAME)
    email = fields.Email(load_default=None, allow_none=True)


class WorkingGroupMemberSchema(PersonSchema):
    role = _nullable_str(_NAME)


class PerspectiveSchema(EventSchema):
    party = fields.Str(required=True, validate=_NAME)
    perspective = fields.Str(required=True, validate=_TEXT)


class CoOwnerSchema(EventSchema):
    kind = fields.Str(required=True, validate=validate.OneOf(("district", "municipality",
                                                              "programme")))
    name = fields.Str(required=True, validate=_NAME)
    actor_id = fields.Str(load_default=None, allow_none=True, validate=_ID, metadata={
        "description": "the registered actor (organisation) behind a municipality or programme, if "
                       "named: its representatives may read the initiative (issue 15)"})


class GoalDefinitionSchema(EventSchema):
    goal_id = fields.Str(required=True, validate=_ID)
    platform_id = _nullable_str(_ID)
    kind = fields.Str(required=True, validate=validate.OneOf(GOAL_KINDS))
    year = fields.Int(required=True, validate=validate.Range(min=1))
    goal_type = fields.Str(required=True, validate=validate.OneOf(GOAL_TYPES))
    title = fields.Str(required=True, validate=_NAME)
    description = _nullable_str()
    indicator = _nullable_str(_NAME)
    unit = _nullable_str(_NAME)
    baseline_value = fields.Float(required=True, allow_none=True)
    target_value = fields.Float(required=True, allow_none=True)
    direction = fields.Str(required=True, allow_none=True, validate=validate.OneOf(DIRECTIONS))
    target_level = fields.Int(required=True, allow_none=True, validate=validate.Range(1, 5))
    indicator_id = _indicator_id()
    target_date = _target_date()
    parent_goal_id = _parent_goal_id()


class GoalEvaluationSchema(EventSchema):
    goal_id = fields.Str(required=True, validate=_ID)
    title = fields.Str(required=True, validate=_NAME)
    kind = fields.Str(required=True, validate=validate.OneOf(GOAL_KINDS))
    goal_type = fields.Str(required=True, validate=validate.OneOf(GOAL_TYPES))
    met = fields.Bool(required=True)
    latest_date = fields.Date(required=True, allow_none=True)
    latest_value = fields.Float(required=True, allow_none=True)
    latest_level = fields.Int(required=True, allow_none=True)
    baseline_value = fields.Float(required=True, allow_none=True)
    target_value = fields.Float(required=True, allow_none=True)
    target_level = fields.Int(required=True, allow_none=True)
    direction = fields.Str(required=True, allow_none=True, validate=validate.OneOf(DIRECTIONS))
    indicator_id = _indicator_id()
    target_date = _target_date()
    parent_goal_id = _parent_goal_id()


class PlatformEvaluationSchema(EventSchema):
    platform_id = fields.Str(required=True, validate=_ID)
    name = fields.Str(required=True, validate=_NAME)
    focus_area = fields.Str(required=True, validate=_TEXT)
    goals_reached = fields.Bool(required=True)
    goals = fields.List(fields.Nested(GoalEvaluationSchema), required=True)


class ChangeSchema(EventSchema):
    from_ = fields.Raw(data_key="from", required=True, allow_none=True)
    to = fields.Raw(required=True, allow_none=True)


class AttendanceSchema(EventSchema):
    actor_id = fields.Str(required=True, validate=_ID)
    count = fields.Int(required=True, validate=validate.Range(min=0))


class EvidenceSchema(EventSchema):
    description = fields.Str(required=True, validate=_TEXT)
    reference = _nullable_str(validate.Length(max=1000))


def _point() -> fields.Tuple:
    return fields.Tuple((fields.Float(validate=validate.Range(-90, 90)),
                         fields.Float(validate=validate.Range(-180, 180))), required=True)


class InitiativeCreated(Event):
    """A co-creation initiative was started (phase 1, opstart)."""

    producer = "initiatives"
    description = "A co-creation initiative was started in a police district (phase 1, start-up)."

    class Schema(InitiativeEventSchema):
        title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
        challenge = fields.Str(required=True, validate=validate.Length(max=5000))
        challenge_perspectives = fields.List(fields.Nested(PerspectiveSchema), load_default=list)
        themes = fields.List(fields.Str(), required=True)
        municipalities = fields.List(fields.Str(), load_default=list)
        co_owners = fields.List(fields.Nested(CoOwnerSchema), load_default=list)
        vision = fields.Str(load_default=None, allow_none=True, validate=_TEXT)
        phase = fields.Str(required=True)
        created_by = fields.Str(required=True)
        focus_area = fields.Str(load_default=None, allow_none=True, validate=_NAME, metadata={
            "description": "the area or neighbourhood the initiative works in, if given"})

    example = {
        **_BASE,
        "at": "2015-09-01T08:00:00Z",
        "title": "Hjørring – Fri for Indbrud",
        "challenge": "Mange indbrud i private hjem i Hjørring Kommune.",
        "challenge_perspectives": [
            {"party": "Nordjyllands Politi", "perspective": "Indbrud gør borgerne mest utrygge."},
            {"party": "Hjørring Kommune", "perspective": "Borgerne skal kende deres muligheder."},
        ],
        "themes": ["burglary_prevention"],
        "municipalities": ["Hjørring"],
        "co_owners": [{"kind": "district", "name": "nordjylland"},
                      {"kind": "municipality", "name": "Hjørring"},
                      {"kind": "programme", "name": "Bo Trygt"}],
        "vision": "Hjørring bliver Danmarks mest indbrudssikre kommune.",
        "phase": "start_up",
        "created_by": "jsn@politi.dk",
        "focus_area": "Hjørring Kommune",
    }


class InitiativePhaseAdvanced(Event):
    producer = "initiatives"
    description = ("An initiative moved one phase on; override_reason is set when it went on "
                   "although the gate was not met (closing before every platform reached its "
                   "goals, or a gate of phases 3-5: a problem statement, a chosen direction, a "
                   "potential actor in dialogue).")

    class Schema(InitiativeEventSchema):
        from_phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
        to_phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
        phase_number = fields.Int(required=True, validate=validate.Range(1, 7))
        reason = fields.Str(required=True, validate=_TEXT)
        override_reason = _nullable_str()

    example = {**_BASE, "from_phase": "start_up", "to_phase": "mapping", "phase_number": 2,
               "reason": "Arbejdsgruppen er nedsat og ankerpersonen udpeget.",
               "override_reason": None}


class AnchorPersonAssigned(Event):
    producer = "initiatives"
    description = ("The initiative's one anchor person (ankerperson) was appointed or handed "
                   "over; previous_anchor_person is set on a handover.")

    class Schema(InitiativeEventSchema):
        anchor_person = fields.Nested(PersonSchema, required=True)
        previous_anchor_person = fields.Nested(PersonSchema, required=True, allow_none=True)
        handover = fields.Bool(required=True)
        reason = _nullable_str()

    example = {**_BASE, "anchor_person": ANCHOR, "previous_anchor_person": None,
               "handover": False, "reason": "Udpeget i opstartsfasen."}


class WorkingGroupChanged(Event):
    producer = "initiatives"
    description = "Members joined or left the internal working group (arbejdsgruppe)."

    class Schema(InitiativeEventSchema):
        added = fields.List(fields.Nested(WorkingGroupMemberSchema), required=True)
        removed = fields.List(fields.Str(validate=_NAME), required=True)
        members = fields.List(fields.Nested(WorkingGroupMemberSchema), required=True)

    example = {**_BASE,
               "added": [{"person_id": "lb@politi.dk", "name": "Lars Bak", "email": None,
                          "role": "analytiker"}],
               "removed": [],
               "members": [{"person_id": "lb@politi.dk", "name": "Lars Bak", "email": None,
                            "role": "analytiker"}]}


class CoordinatorAssigned(Event):
    producer = "initiatives"
    description = "A coordinator (tovholder) was appointed to bridge the development platforms."

    class Schema(InitiativeEventSchema):
        coordinator = fields.Nested(PersonSchema, required=True)
        previous_coordinator = fields.Nested(PersonSchema, required=True, allow_none=True)
        reason = _nullable_str()

    example = {**_BASE, "coordinator": {"person_id": "mk@hjoerring.dk", "name": "Mette Kjær",
                                   "email": "mk@hjoerring.dk"},
               "previous_coordinator": None, "reason": None}


class PlatformLeadAssigned(Event):
    producer = "initiatives"
    description = ("The person who leads one development platform was named (or, with a null "
                   "lead, un-named); previous_lead is who led it before.")

    class Schema(InitiativeEventSchema):
        platform_id = fields.Str(required=True, validate=_ID)
        lead = fields.Nested(PersonSchema, required=True, allow_none=True)
        previous_lead = fields.Nested(PersonSchema, required=True, allow_none=True)
        reason = _nullable_str()

    example = {**_BASE, "platform_id": PLATFORM, "lead": {"person_id": "lb@politi.dk", "name": "Lars Bak",
                                                          "email": None},
               "previous_lead": None, "reason": None}


SOURCE = "6d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"
PROBLEM_STATEMENT = "7e2f3a4b-5c6d-4e7f-8091-a2b3c4d5e6f7"
POTENTIAL_ACTOR = "8f3a4b5c-6d7e-4f80-9102-b3c4d5e6f7a8"


class MappingSourceRecorded(Event):
    producer = "initiatives"
    description = ("A source of the mapping (kortlægning, phase 2): an interview, data, an "
                   "observation or desk research, who gathered it and when.")

    class Schema(InitiativeEventSchema):
        source_id = fields.Str(required=True, validate=_ID)
        kind = fields.Str(required=True, validate=validate.OneOf(SOURCE_KINDS))
        gathered_by = fields.Str(required=True, validate=_NAME)
        date = fields.Date(required=True)
        description = fields.Str(required=True, validate=_TEXT)

    example = {**_BASE, "at": "2015-11-02T09:00:00Z", "source_id": SOURCE, "kind": "interview",
               "gathered_by": "To studerende fra UCN", "date": "2015-10-28",
               "description": "Interview med grundejerforeningen om indbrud i villakvarteret."}


class ProblemStatementRecorded(Event):
    producer = "initiatives"
    description = "A problem statement (problemstilling) of the mapping, with the sources that evidence it."

    class Schema(InitiativeEventSchema):
        problem_statement_id = fields.Str(required=True, validate=_ID)
        statement = fields.Str(required=True, validate=_TEXT)
        source_ids = fields.List(fields.Str(validate=_ID), required=True, validate=validate.Length(min=1))

    example = {**_BASE, "at": "2015-11-20T09:00:00Z", "problem_statement_id": PROBLEM_STATEMENT,
               "statement": "Borgerne kender ikke de enkle råd, der gør et hjem mindre attraktivt for tyve.",
               "source_ids": [SOURCE]}


class MappingSummarised(Event):
    producer = "initiatives"
    description = "The mapping's summary was written (or rewritten)."

    class Schema(InitiativeEventSchema):
        summary = fields.Str(required=True, validate=_TEXT)
        sources_count = fields.Int(required=True, validate=validate.Range(min=0))
        problem_statements_count = fields.Int(required=True, validate=validate.Range(min=0))

    example = {**_BASE, "at": "2015-12-01T09:00:00Z",
               "summary": "Indbrud rammer villakvartererne; borgere, kommune og erhverv vil gerne hjælpe.",
               "sources_count": 12, "problem_statements_count": 3}


class AnalysisDirectionChosen(Event):
    producer = "initiatives"
    description = ("The analysis (phase 3) chose the initiative's direction, optionally naming the "
                   "problem statements it answers; previous_direction is set when it was changed.")

    class Schema(InitiativeEventSchema):
        direction = fields.Str(required=True, validate=_TEXT)
        previous_direction = _nullable_str()
        problem_statement_ids = fields.List(fields.Str(validate=_ID), required=True)

    example = {**_BASE, "at": "2016-01-15T09:00:00Z",
               "direction": "Borgere, kommune og erhverv gør sammen Hjørring indbrudssikker.",
               "previous_direction": None, "problem_statement_ids": [PROBLEM_STATEMENT]}


class PotentialActorIdentified(Event):
    producer = "initiatives"
    description = ("The analysis named a potential actor and why it matters: a registered actor "
                   "(actor_id) or just a name and kind. Its dialogue starts as identified.")

    class Schema(InitiativeEventSchema):
        potential_actor_id = fields.Str(required=True, validate=_ID)
        actor_id = _nullable_str(_ID)
        name = fields.Str(required=True, validate=_NAME)
        kind = fields.Str(required=True, validate=validate.OneOf(ACTOR_KINDS))
        why = fields.Str(required=True, validate=_TEXT)
        status = fields.Str(required=True, validate=validate.OneOf(DIALOGUE_STATUSES))

    example = {**_BASE, "at": "2016-01-20T09:00:00Z", "potential_actor_id": POTENTIAL_ACTOR,
               "actor_id": ACTOR_KOMMUNE, "name": "Hjørring Kommune", "kind": "municipality",
               "why": "Kender borgerne og har kanalerne til dem.", "status": "identified"}


class PotentialActorDialogueUpdated(Event):
    producer = "initiatives"
    description = ("The dialogue with a potential actor moved on (identified → contacted → in "
                   "dialogue → joined / declined / later), with what it would bring and gain.")

    class Schema(InitiativeEventSchema):
        potential_actor_id = fields.Str(required=True, validate=_ID)
        actor_id = _nullable_str(_ID)
        name = fields.Str(required=True, validate=_NAME)
        kind = fields.Str(required=True, validate=validate.OneOf(ACTOR_KINDS))
        from_status = fields.Str(required=True, validate=validate.OneOf(DIALOGUE_STATUSES))
        status = fields.Str(required=True, validate=validate.OneOf(DIALOGUE_STATUSES))
        date = fields.Date(required=True)
        note = _nullable_str()
        would_bring = _nullable_str()
        would_gain = _nullable_str()

    example = {**_BASE, "at": "2016-02-10T09:00:00Z", "potential_actor_id": POTENTIAL_ACTOR,
               "actor_id": ACTOR_KOMMUNE, "name": "Hjørring Kommune", "kind": "municipality",
               "from_status": "contacted", "status": "in_dialogue", "date": "2016-02-09",
               "note": "Møde med borgmesteren.", "would_bring": "Kommunens kanaler til borgerne.",
               "would_gain": "Tryggere borgere og færre henvendelser om indbrud."}


class ExpectationsAligned(Event):
    producer = "initiatives"
    description = ("An expectation alignment (forventningsafstemning) in actor involvement: what "
                   "was agreed, with which potential actors and other parties, and when.")

    class Schema(InitiativeEventSchema):
        alignment_id = fields.Str(required=True, validate=_ID)
        agreed = fields.Str(required=True, validate=_TEXT)
        potential_actor_ids = fields.List(fields.Str(validate=_ID), required=True)
        parties = fields.List(fields.Str(validate=_NAME), required=True)
        date = fields.Date(required=True)

    example = {**_BASE, "district": "midt_og_vestjylland", "at": "2016-05-03T09:00:00Z",
               "alignment_id": "9a4b5c6d-7e8f-4a91-8213-c4d5e6f7a8b9",
               "agreed": "Kommunens politikere sætter den politiske ramme, før aktørerne inviteres ind.",
               "potential_actor_ids": [POTENTIAL_ACTOR], "parties": ["Ikast-Brande Byråd"],
               "date": "2016-05-02"}


class PlatformEstablished(Event):
    producer = "initiatives"
    description = "A development platform (udviklingsplatform) was formed for one focus area."

    class Schema(InitiativeEventSchema):
        platform_id = fields.Str(required=True, validate=_ID)
        name = fields.Str(required=True, validate=_NAME)
        focus_area = fields.Str(required=True, validate=_TEXT)
        description = _nullable_str()
        phase = fields.Str(required=True, validate=validate.OneOf(PHASES))

    example = {**_BASE, "platform_id": PLATFORM, "name": "Nabohjælp og tryghedsvandringer",
               "focus_area": "Flere husstande i Nabohjælp og mindre attraktive villakvarterer",
               "description": None, "phase": "establishment"}


class BaselineDescribed(Event):
    producer = "initiatives"
    description = ("The baseline (how things looked when development began) was described for "
                   "a platform, or for the initiative when platform_id is null.")

    class Schema(InitiativeEventSchema):
        platform_id = _nullable_str(_ID)
        description = fields.Str(required=True, validate=_TEXT)
        date = fields.Date(required=True)

    example = {**_BASE, "platform_id": PLATFORM, "date": "2016-12-31",
               "description": "420 anmeldte indbrud i beboelse i Hjørring Kommune i 2016."}


class GoalSet(Event):
    producer = "initiatives"
    description = ("A process goal (year 1) or a platform's effect goal (year 2) was set; it may "
                   "be a sub-goal of another goal, have a target date and be measured by a "
                   "shared indicator.")

    class Schema(InitiativeEventSchema):
        goal = fields.Nested(GoalDefinitionSchema, required=True)

    example = {**_BASE, "goal": {
        "goal_id": GOAL, "platform_id": PLATFORM, "kind": "effect", "year": 2,
        "goal_type": "quantitative", "title": "Færre indbrud i beboelse",
        "description": None, "indicator": "Anmeldte indbrud i beboelse pr. år",
        "unit": "anmeldelser", "baseline_value": 420.0, "target_value": 100.0,
        "direction": "down", "target_level": None, "indicator_id": "burglaries_reported",
        "target_date": "2022-12-31", "parent_goal_id": None}}


class GoalAdjusted(Event):
    producer = "initiatives"
    description = "A goal was adjusted; changes keeps each field's old and new value."

    class Schema(InitiativeEventSchema):
        goal_id = fields.Str(required=True, validate=_ID)
        platform_id = _nullable_str(_ID)
        changes = fields.Dict(keys=fields.Str(), values=fields.Nested(ChangeSchema),
                              required=True)
        reason = fields.Str(required=True, validate=_TEXT)
        goal = fields.Nested(GoalDefinitionSchema, required=True)

    example = {**_BASE, "goal_id": GOAL, "platform_id": PLATFORM,
               "changes": {"target_value": {"from": 100.0, "to": 80.0}},
               "reason": "Nabohjælp er udbredt hurtigere end ventet.",
               "goal": {**GoalSet.example["goal"], "target_value": 80.0}}


class GoalProgressRecorded(Event):
    producer = "initiatives"
    description = ("A measurement (quantitative) or an assessment on the 1-5 scale "
                   "(qualitative) was recorded for a goal; met says whether it is now reached.")

    class Schema(InitiativeEventSchema):
        goal_id = fields.Str(required=True, validate=_ID)
        platform_id = _nullable_str(_ID)
        kind = fields.Str(required=True, validate=validate.OneOf(GOAL_KINDS))
        goal_type = fields.Str(required=True, validate=validate.OneOf(GOAL_TYPES))
        title = fields.Str(required=True, validate=_NAME)
        date = fields.Date(required=True)
        value = fields.Float(required=True, allow_none=True)
        level = fields.Int(required=True, allow_none=True, validate=validate.Range(1, 5))
        assessment = _nullable_str()
        indicator = _nullable_str(_NAME)
        unit = _nullable_str(_NAME)
        baseline_value = fields.Float(required=True, allow_none=True)
        target_value = fields.Float(required=True, allow_none=True)
        target_level = fields.Int(required=True, allow_none=True)
        direction = fields.Str(required=True, allow_none=True, validate=validate.OneOf(DIRECTIONS))
        met = fields.Bool(required=True)
        indicator_id = _indicator_id()
        target_date = _target_date()
        parent_goal_id = _parent_goal_id()

    example = {**_BASE, "at": "2023-01-15T10:00:00Z", "goal_id": GOAL, "platform_id": PLATFORM,
               "kind": "effect", "goal_type": "quantitative",
               "title": "Færre indbrud i beboelse", "date": "2022-12-31", "value": 70.0,
               "level": None, "assessment": None,
               "indicator": "Anmeldte indbrud i beboelse pr. år", "unit": "anmeldelser",
               "baseline_value": 420.0, "target_value": 80.0, "target_level": None,
               "direction": "down", "met": True, "indicator_id": "burglaries_reported",
               "target_date": "2022-12-31", "parent_goal_id": None}


class PlatformGoalReached(Event):
    producer = "initiatives"
    description = ("Every goal of a development platform is met; eligible_to_close says whether "
                   "all platforms of the initiative have now reached theirs.")

    class Schema(InitiativeEventSchema):
        platform_id = fields.Str(required=True, validate=_ID)
        platform_name = fields.Str(required=True, validate=_NAME)
        goal_ids = fields.List(fields.Str(validate=_ID), required=True)
        eligible_to_close = fields.Bool(required=True)

    example = {**_BASE, "at": "2023-01-15T10:00:00Z", "platform_id": PLATFORM,
               "platform_name": "Nabohjælp og tryghedsvandringer", "goal_ids": [GOAL],
               "eligible_to_close": True}


class PlatformGoalUnmet(Event):
    producer = "initiatives"
    description = ("A platform that had reached its goals no longer has (a new goal, an "
                   "adjustment or a new measurement); its status went back to active.")

    class Schema(InitiativeEventSchema):
        platform_id = fields.Str(required=True, validate=_ID)
        platform_name = fields.Str(required=True, validate=_NAME)
        unmet_goal_ids = fields.List(fields.Str(validate=_ID), required=True)

    example = {**_BASE, "at": "2023-02-01T10:00:00Z", "platform_id": PLATFORM,
               "platform_name": "Nabohjælp og tryghedsvandringer", "unmet_goal_ids": [GOAL]}


class ResultDocumented(Event):
    producer = "initiatives"
    description = "A small result or a breakthrough was documented in the value-creation journal."

    class Schema(InitiativeEventSchema):
        result_id = fields.Str(required=True, validate=_ID)
        platform_id = _nullable_str(_ID)
        title = fields.Str(required=True, validate=_NAME)
        description = _nullable_str()
        size = fields.Str(required=True, validate=validate.OneOf(RESULT_SIZES))
        date = fields.Date(required=True)
        actor_ids = fields.List(fields.Str(validate=_ID), required=True)

    example = {**_BASE, "at": "2019-06-01T12:00:00Z",
               "result_id": "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a", "platform_id": PLATFORM,
               "title": "Flest Nabohjælp-husstande i Nordjyllands politikreds",
               "description": None, "size": "breakthrough", "date": "2019-05-31",
               "actor_ids": [ACTOR_KOMMUNE, ACTOR_NABOHJAELP]}


class RippleEffectRecorded(Event):
    producer = "initiatives"
    description = "A ripple effect (ringe i vandet): an unplanned bonus effect, with its evidence."

    class Schema(InitiativeEventSchema):
        ripple_effect_id = fields.Str(required=True, validate=_ID)
        platform_id = _nullable_str(_ID)
        title = fields.Str(required=True, validate=_NAME)
        description = _nullable_str()
        evidence = fields.List(fields.Nested(EvidenceSchema), required=True,
                               validate=validate.Length(min=1))
        date = fields.Date(required=True)
        actor_ids = fields.List(fields.Str(validate=_ID), required=True)

    example = {**_BASE, "at": "2020-02-01T12:00:00Z",
               "ripple_effect_id": "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918", "platform_id": None,
               "title": "Erfaringerne bruges i den nationale kampagne Bo Trygt",
               "description": None,
               "evidence": [{"description": "Bo Trygt henviser til Hjørring-erfaringerne.",
                             "reference": "https://botrygt.dk"}],
               "date": "2020-01-31", "actor_ids": []}


class RealityCheckScheduled(Event):
    producer = "initiatives"
    description = "A platform's recurring reality check (realitetstjek) was scheduled."

    class Schema(InitiativeEventSchema):
        platform_id = fields.Str(required=True, validate=_ID)
        platform_name = fields.Str(required=True, validate=_NAME)
        interval_days = fields.Int(required=True, validate=validate.Range(min=1))
        next_due = fields.Date(required=True)

    example = {**_BASE, "at": "2018-01-10T09:00:00Z", "platform_id": PLATFORM,
               "platform_name": "Nabohjælp og tryghedsvandringer", "interval_days": 90,
               "next_due": "2018-04-10"}


class RealityCheckRecorded(Event):
    producer = "initiatives"
    description = ("A platform's process evaluation (realitetstjek): scores 1-5 per dimension, "
                   "free text and the next due date.")

    class Schema(InitiativeEventSchema):
        reality_check_id = fields.Str(required=True, validate=_ID)
        platform_id = fields.Str(required=True, validate=_ID)
        platform_name = fields.Str(required=True, validate=_NAME)
        date = fields.Date(required=True)
        scores = fields.Dict(keys=fields.Str(validate=_NAME),
                             values=fields.Int(validate=validate.Range(1, 5)), required=True)
        average_score = fields.Float(required=True)
        notes = _nullable_str()
        next_due = fields.Date(required=True, allow_none=True)

    example = {**_BASE, "at": "2018-04-10T13:00:00Z",
               "reality_check_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
               "platform_id": PLATFORM, "platform_name": "Nabohjælp og tryghedsvandringer",
               "date": "2018-04-10",
               "scores": {"collaboration": 4, "resources": 3, "progress": 4,
                          "influence_balance": 3},
               "average_score": 3.5, "notes": "Behov for flere aktører fra erhvervslivet.",
               "next_due": "2018-07-09"}


class RealityCheckOverdue(Event):
    producer = "initiatives"
    description = "A platform's reality check is past its due date (raised once per due date)."

    class Schema(InitiativeEventSchema):
        platform_id = fields.Str(required=True, validate=_ID)
        platform_name = fields.Str(required=True, validate=_NAME)
        due_date = fields.Date(required=True)
        days_overdue = fields.Int(required=True, validate=validate.Range(min=1))
        interval_days = fields.Int(required=True, allow_none=True)
        anchor_person = fields.Nested(PersonSchema, required=True, allow_none=True)
        coordinator = fields.Nested(PersonSchema, required=True, allow_none=True)

    example = {**_BASE, "by": "system", "at": "2018-07-12T06:00:00Z", "platform_id": PLATFORM,
               "platform_name": "Nabohjælp og tryghedsvandringer", "due_date": "2018-07-09",
               "days_overdue": 3, "interval_days": 90, "anchor_person": ANCHOR,
               "coordinator": None}


class ActivityHeld(Event):
    producer = "initiatives"
    description = ("A citizen meeting (borgermøde) or a safety walk (tryghedsvandring) was "
                   "held; a walk's findings follow as SafetyWalkFindingRecorded.")

    class Schema(InitiativeEventSchema):
        activity_id = fields.Str(required=True, validate=_ID)
        activity_type = fields.Str(required=True, validate=validate.OneOf(ACTIVITY_TYPES))
        platform_id = _nullable_str(_ID)
        title = _nullable_str(_NAME)
        date = fields.Date(required=True)
        place = fields.Str(required=True, validate=_NAME)
        attendance = fields.List(fields.Nested(AttendanceSchema), required=True)
        total_attendance = fields.Int(required=True, validate=validate.Range(min=0))
        route = fields.List(_point(), required=True)
        findings_count = fields.Int(required=True, validate=validate.Range(min=0))
        notes = _nullable_str()

    example = {**_BASE, "at": "2018-09-20T20:00:00Z", "activity_id": ACTIVITY,
               "activity_type": "safety_walk", "platform_id": PLATFORM,
               "title": "Tryghedsvandring i villakvarteret", "date": "2018-09-20",
               "place": "Hjørring Øst", "attendance": [{"actor_id": ACTOR_KOMMUNE, "count": 2},
                                                       {"actor_id": ACTOR_NABOHJAELP,
                                                        "count": 11}],
               "total_attendance": 13, "route": [[57.4641, 9.9872], [57.4655, 9.9920]],
               "findings_count": 1, "notes": None}


class SafetyWalkFindingRecorded(Event):
    producer = "initiatives"
    description = "A geo-tagged finding from a safety walk (e.g. missing lighting, a pleasant place)."

    class Schema(InitiativeEventSchema):
        finding_id = fields.Str(required=True, validate=_ID)
        activity_id = fields.Str(required=True, validate=_ID)
        platform_id = _nullable_str(_ID)
        date = fields.Date(required=True)
        place = fields.Str(required=True, validate=_NAME)
        point = _point()
        category = fields.Str(required=True, validate=_NAME)
        description = _nullable_str()
        photo_ref = _nullable_str(validate.Length(max=1000))

    example = {**_BASE, "at": "2018-09-20T20:00:00Z", "finding_id": FINDING,
               "activity_id": ACTIVITY, "platform_id": PLATFORM, "date": "2018-09-20",
               "place": "Hjørring Øst", "point": [57.4650, 9.9901],
               "category": "missing_lighting", "description": "Mørk sti bag carportene.",
               "photo_ref": "photos/2018-09-20/sti.jpg"}


class FollowUpActionCreated(Event):
    producer = "initiatives"
    description = "A safety-walk finding became a follow-up action assigned to an actor."

    class Schema(InitiativeEventSchema):
        finding_id = fields.Str(required=True, validate=_ID)
        action_id = fields.Str(required=True, validate=_ID)
        activity_id = fields.Str(required=True, validate=_ID)
        category = fields.Str(required=True, validate=_NAME)
        assigned_actor_id = fields.Str(required=True, validate=_ID)
        description = fields.Str(required=True, validate=_TEXT)
        due_date = fields.Date(required=True, allow_none=True)

    example = {**_BASE, "at": "2018-09-25T09:00:00Z", "finding_id": FINDING,
               "action_id": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", "activity_id": ACTIVITY,
               "category": "missing_lighting", "assigned_actor_id": ACTOR_KOMMUNE,
               "description": "Opsæt belysning på stien.", "due_date": "2018-12-01"}


class FindingResolved(Event):
    producer = "initiatives"
    description = "A safety-walk finding (and its follow-up action, if any) was resolved."

    class Schema(InitiativeEventSchema):
        finding_id = fields.Str(required=True, validate=_ID)
        activity_id = fields.Str(required=True, validate=_ID)
        category = fields.Str(required=True, validate=_NAME)
        action_id = _nullable_str(_ID)
        assigned_actor_id = _nullable_str(_ID)
        resolution = fields.Str(required=True, validate=_TEXT)
        date = fields.Date(required=True)

    example = {**_BASE, "at": "2018-11-20T09:00:00Z", "finding_id": FINDING,
               "activity_id": ACTIVITY, "category": "missing_lighting",
               "action_id": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
               "assigned_actor_id": ACTOR_KOMMUNE, "resolution": "Tre nye lamper er sat op.",
               "date": "2018-11-19"}


class InitiativeClosed(Event):
    producer = "initiatives"
    description = ("An initiative was closed (phase 7) with its evaluation against each "
                   "platform's goals; override_used is true when it closed before all were met.")

    class Schema(InitiativeEventSchema):
        title = fields.Str(required=True, validate=_NAME)
        evaluation = fields.List(fields.Nested(PlatformEvaluationSchema), required=True)
        override_used = fields.Bool(required=True)
        override_reason = _nullable_str()
        summary = _nullable_str()
        results_count = fields.Int(required=True, validate=validate.Range(min=0))
        breakthroughs_count = fields.Int(required=True, validate=validate.Range(min=0))
        ripple_effects_count = fields.Int(required=True, validate=validate.Range(min=0))

    example = {**_BASE, "at": "2023-03-01T10:00:00Z", "title": "Hjørring – Fri for Indbrud",
               "evaluation": [{
                   "platform_id": PLATFORM, "name": "Nabohjælp og tryghedsvandringer",
                   "focus_area": "Flere husstande i Nabohjælp og mindre attraktive villakvarterer",
                   "goals_reached": True,
                   "goals": [{"goal_id": GOAL, "title": "Færre indbrud i beboelse",
                              "kind": "effect", "goal_type": "quantitative", "met": True,
                              "latest_date": "2022-12-31", "latest_value": 70.0,
                              "latest_level": None, "baseline_value": 420.0,
                              "target_value": 80.0, "target_level": None,
                              "direction": "down"}]}],
               "override_used": False, "override_reason": None,
               "summary": "Indbrud i beboelse faldt med over 83 % (70 anmeldelser i 2022).",
               "results_count": 8, "breakthroughs_count": 2, "ripple_effects_count": 1}


class InitiativeBecameNetwork(Event):
    producer = "initiatives"
    description = "A closed initiative continues as a network of its actors."

    class Schema(InitiativeEventSchema):
        title = fields.Str(required=True, validate=_NAME)
        network_name = fields.Str(required=True, validate=_NAME)
        purpose = _nullable_str()
        actor_ids = fields.List(fields.Str(validate=_ID), required=True)

    example = {**_BASE, "at": "2023-03-15T10:00:00Z", "title": "Hjørring – Fri for Indbrud",
               "network_name": "Det Gode Naboskab",
               "purpose": "Samarbejdet fortsætter og udvides til flere temaer.",
               "actor_ids": [ACTOR_KOMMUNE, ACTOR_NABOHJAELP]}


# -- revising and pausing (issue 15) ------------------------------------------------------

_BRYD = {**_BASE, "district": "oestjylland", "by": "ank@politi.dk"}
"""The examples of pausing and revising follow Bryd fødekæden til banderne (Aarhus)."""
REVISABLE_FIELDS = ("title", "vision", "themes", "focus_area", "municipalities", "co_owners")
"""What InitiativeRevised may change; the challenge has its own event (ChallengeRevised)."""


class InitiativeRevised(Event):
    producer = "initiatives"
    description = ("The initiative's title, vision, themes, focus area, municipalities or "
                   "co-owners were revised, with a reason. changed_fields names what changed; "
                   "the other fields are the values after the revision, previous the values before "
                   "of the changed fields only.")

    class Schema(InitiativeEventSchema):
        changed_fields = fields.List(fields.Str(validate=validate.OneOf(REVISABLE_FIELDS)),
                                     required=True, validate=validate.Length(min=1))
        title = fields.Str(required=True, validate=_NAME)
        vision = _nullable_str()
        themes = fields.List(fields.Str(), required=True)
        focus_area = _nullable_str(_NAME)
        municipalities = fields.List(fields.Str(), required=True)
        co_owners = fields.List(fields.Nested(CoOwnerSchema), required=True)
        previous = fields.Dict(keys=fields.Str(validate=validate.OneOf(REVISABLE_FIELDS)),
                               values=fields.Raw(allow_none=True), required=True)
        reason = fields.Str(required=True, validate=_TEXT)

    example = {**_BRYD, "at": "2019-02-01T10:00:00Z", "changed_fields": ["focus_area"],
               "title": "Bryd fødekæden til banderne", "vision": None,
               "themes": ["gang_recruitment"], "focus_area": "Herredsvang",
               "municipalities": ["Aarhus"],
               "co_owners": [{"kind": "district", "name": "oestjylland"},
                             {"kind": "municipality", "name": "Aarhus"}],
               "previous": {"focus_area": "Bispehaven"},
               "reason": "Rekrutteringen er flyttet; indsatsen følger de unge til Herredsvang."}


class ChallengeRevised(Event):
    producer = "initiatives"
    description = ("The shared challenge (udfordring) was revised, typically as the analysis "
                   "defines it; revision counts the versions (the one the initiative started with "
                   "is 1) and the earlier one is kept with the reason it changed.")

    class Schema(InitiativeEventSchema):
        revision = fields.Int(required=True, validate=validate.Range(min=2))
        phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
        challenge = fields.Str(required=True, validate=_TEXT)
        challenge_perspectives = fields.List(fields.Nested(PerspectiveSchema), required=True)
        previous_challenge = fields.Str(required=True, validate=_TEXT)
        previous_challenge_perspectives = fields.List(fields.Nested(PerspectiveSchema), required=True)
        reason = fields.Str(required=True, validate=_TEXT)

    example = {**_BASE, "district": "midt_og_vestjylland", "by": "ank@politi.dk", "at": "2018-05-01T10:00:00Z",
               "revision": 2, "phase": "analysis",
               "challenge": "Unge i Gullestrup mangler vejen ind på arbejdsmarkedet.",
               "challenge_perspectives": [{"party": "Herning Kommune",
                                           "perspective": "Job er den bedste forebyggelse."}],
               "previous_challenge": "Utryghed i Gullestrup.",
               "previous_challenge_perspectives": [],
               "reason": "Analysen viste, at manglende job er kernen i udfordringen."}


class InitiativePaused(Event):
    producer = "initiatives"
    description = ("The initiative was put on standby with a reason; it keeps its phase and "
                   "does not move on (no phase transition, no closing) until it is resumed.")

    class Schema(InitiativeEventSchema):
        phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
        reason = fields.Str(required=True, validate=_TEXT)

    example = {**_BRYD, "at": "2020-03-12T10:00:00Z", "phase": "co_creative_development",
               "reason": "COVID-19: aktiviteterne med de unge er sat i bero."}


class InitiativeResumed(Event):
    producer = "initiatives"
    description = ("A paused initiative was resumed; paused_at is when the pause began and "
                   "days_paused how long it lasted.")

    class Schema(InitiativeEventSchema):
        phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
        paused_at = fields.DateTime(required=True)
        days_paused = fields.Float(required=True, validate=validate.Range(min=0))
        note = _nullable_str()

    example = {**_BRYD, "at": "2020-09-01T10:00:00Z", "phase": "co_creative_development",
               "paused_at": "2020-03-12T10:00:00Z", "days_paused": 173.0,
               "note": "Samarbejdet genoptages i Herredsvang."}


# -- richer activities and the living network (issue 15) ----------------------------------

_AALBORG = {**_BASE, "district": "nordjylland", "by": "ank@politi.dk"}
"""The examples follow Et trygt natteliv i Aalborg, a network since its closing."""


class ActivityRecorded(Event):
    producer = "initiatives"
    description = ("A general activity was held (a platform meeting, an establishment workshop, a "
                   "theme evening, a parent meeting, a conversation salon, a 0-tolerance weekend, a "
                   "campaign, a network meeting or another kind): who took part (registered actors, "
                   "and a count of citizens who are not, with the target groups they belong to) and "
                   "what came of it. Citizen meetings and safety walks stay ActivityHeld.")

    class Schema(InitiativeEventSchema):
        activity_id = fields.Str(required=True, validate=_ID)
        kind = fields.Str(required=True, validate=validate.OneOf(ACTIVITY_KINDS))
        platform_id = _nullable_str(_ID)
        title = _nullable_str(_NAME)
        date = fields.Date(required=True)
        place = fields.Str(required=True, validate=_NAME)
        actor_ids = fields.List(fields.Str(validate=_ID), required=True)
        citizens_count = fields.Int(required=True, validate=validate.Range(min=0))
        target_groups = fields.List(fields.Str(validate=validate.OneOf(TARGET_GROUPS)), required=True)
        participants_count = fields.Int(required=True, validate=validate.Range(min=0))
        outcome = _nullable_str()
        result_ids = fields.List(fields.Str(validate=_ID), required=True)
        status = fields.Str(required=True, validate=validate.OneOf(("active", "network")))

    example = {**_AALBORG, "at": "2019-10-02T20:00:00Z", "activity_id": ACTIVITY,
               "kind": "network_meeting", "platform_id": None, "title": "Netværksmøde om transport",
               "date": "2019-10-02", "place": "Aalborg Rådhus",
               "actor_ids": [ACTOR_KOMMUNE, ACTOR_NABOHJAELP], "citizens_count": 12,
               "target_groups": ["youth_16_25", "nightlife_guests"], "participants_count": 14,
               "outcome": "Idéen om natbusser gives videre til kommunen.", "result_ids": [],
               "status": "network"}


class IdeaHandedOver(Event):
    producer = "initiatives"
    description = ("An idea was handed over to another body to carry on (Aalborg's network handed "
                   "its transport ideas to the municipality): to whom (an organisation's name, and "
                   "the registered actor when it is one), what, when and, when known, what became "
                   "of it.")

    class Schema(InitiativeEventSchema):
        idea_id = fields.Str(required=True, validate=_ID)
        idea = fields.Str(required=True, validate=validate.Length(min=1, max=MAX_TEXT))
        recipient_name = fields.Str(required=True, validate=_NAME)
        recipient_actor_id = _nullable_str(_ID)
        recipient_kind = fields.Str(required=True, allow_none=True, validate=validate.OneOf(ACTOR_KINDS))
        date = fields.Date(required=True)
        outcome = _nullable_str()
        status = fields.Str(required=True, validate=validate.OneOf(("active", "network")))

    example = {**_AALBORG, "at": "2020-01-15T10:00:00Z", "idea_id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
               "idea": "Natbusser fra midtbyen i weekenden, så gæsterne kommer sikkert hjem.",
               "recipient_name": "Aalborg Kommune", "recipient_actor_id": ACTOR_KOMMUNE,
               "recipient_kind": "municipality", "date": "2020-01-15",
               "outcome": "Kommunen indsatte natbusser i 2020.", "status": "network"}


class IdeaOutcomeRecorded(Event):
    producer = "initiatives"
    description = ("What became of an idea handed over, recorded (or corrected) once it is known; "
                   "previous_outcome is what was recorded before, if anything.")

    class Schema(InitiativeEventSchema):
        idea_id = fields.Str(required=True, validate=_ID)
        outcome = fields.Str(required=True, validate=validate.Length(min=1, max=MAX_TEXT))
        previous_outcome = _nullable_str()
        status = fields.Str(required=True, validate=validate.OneOf(("active", "network")))

    example = {**_AALBORG, "at": "2021-02-01T10:00:00Z", "idea_id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
               "outcome": "Kommunen indsatte natbusser i 2020.", "previous_outcome": None, "status": "network"}
# -- learning between initiatives (issue 15) ------------------------------------------------

NAEVERZONE = "7c2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f"
_FREDERIKSHAVN = {**_BASE, "at": "2019-06-01T10:00:00Z"}
"""The examples of learning follow Frederikshavn's nightlife initiative, inspired by NæverZone."""


class LessonRecorded(Event):
    producer = "initiatives"
    description = ("A lesson of the initiative: what was hard (hvad var svært) or what was "
                   "learned (hvad har vi lært), the phase it concerns and optionally a theme, so "
                   "other districts can find it.")

    class Schema(InitiativeEventSchema):
        lesson_id = fields.Str(required=True, validate=_ID)
        kind = fields.Str(required=True, validate=validate.OneOf(LESSON_KINDS))
        text = fields.Str(required=True, validate=validate.Length(min=1, max=MAX_TEXT))
        phase = fields.Str(required=True, validate=validate.OneOf(PHASES))
        theme = fields.Str(required=True, allow_none=True, validate=validate.OneOf(tuple(THEMES)))

    example = {**_FREDERIKSHAVN, "lesson_id": "0d1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f", "kind": "learned",
               "text": "Dørmændene skal med fra første møde; de kender nattelivet bedst.",
               "phase": "actor_involvement", "theme": "drugs_in_nightlife"}


class PartnerQuoteRecorded(Event):
    producer = "initiatives"
    description = ("What a partner says (hvad siger samarbejdspartnerne): the quote, the "
                   "organisation and the speaker's role, and when it was said. name is the "
                   "speaker's name when they consented to be named; it is personal data "
                   "(docs/personal-data.md) and partners never see it. actor_id (optional, "
                   "added in version 1 without breaking it) attributes the quote to a registered "
                   "actor taking part in the initiative; partners see it as a pseudonym.")

    class Schema(InitiativeEventSchema):
        quote_id = fields.Str(required=True, validate=_ID)
        quote = fields.Str(required=True, validate=validate.Length(min=1, max=MAX_TEXT))
        organisation = fields.Str(required=True, validate=_NAME)
        role = fields.Str(required=True, validate=_NAME)
        name = _nullable_str(_NAME)
        date = fields.Date(required=True)
        actor_id = fields.Str(load_default=None, allow_none=True, validate=_ID)

    example = {**_FREDERIKSHAVN, "quote_id": "1e2f3a4b-5c6d-4e7f-8091-2a3b4c5d6e7f",
               "quote": "Vi taler nu sammen om de unge, før der sker noget.",
               "organisation": "Frederikshavn Kommune", "role": "SSP-konsulent", "name": None,
               "date": "2019-05-28"}


class InitiativeInspirationLinked(Event):
    producer = "initiatives"
    description = ("The initiative was inspired by another, which may be in another district. "
                   "Only that initiative's id is kept (its own text belongs to it, for those who "
                   "may read it); title is the linker's own words for an initiative they may not "
                   "read (null when they may), note why it inspired.")

    class Schema(InitiativeEventSchema):
        inspired_by_initiative_id = fields.Str(required=True, validate=_ID)
        title = _nullable_str(_NAME)
        note = _nullable_str()

    example = {**_FREDERIKSHAVN, "inspired_by_initiative_id": NAEVERZONE,
               "title": "NæverZone – Nul Narko i Næstved",
               "note": "NæverZones nul-tolerance over for stoffer i nattelivet."}
# -- across police districts (issue 15) ---------------------------------------------------

_FIT = {**_BASE, "district": "koebenhavn", "by": "nc3@politi.dk", "at": "2019-09-01T10:00:00Z"}
"""The examples of initiatives across districts follow IT-relateret økonomisk kriminalitet,
which grew from Copenhagen into a national forum (FIT) and a national centre."""


class ParticipatingDistrictAdded(Event):
    producer = "initiatives"
    description = ("A police district takes part in the initiative besides its lead district "
                   "(district): its operators may read the initiative and see it in their "
                   "district's lists and figures. districts is the lead district and every "
                   "participating district after the change; scope the initiative's scope after it "
                   "(a local initiative becomes cross_district).")

    class Schema(InitiativeEventSchema):
        participating_district = fields.Str(required=True, validate=validate.OneOf(DISTRICTS))
        districts = fields.List(fields.Str(validate=validate.OneOf(DISTRICTS)), required=True,
                                validate=validate.Length(min=1))
        scope = fields.Str(required=True, validate=validate.OneOf(INITIATIVE_SCOPES))

    example = {**_FIT, "participating_district": "fyn", "districts": ["koebenhavn", "fyn"],
               "scope": "cross_district"}


class ParticipatingDistrictRemoved(Event):
    producer = "initiatives"
    description = ("A police district no longer takes part in the initiative; its operators no "
                   "longer read it (unless they hold another role in it). districts and scope are "
                   "the values after the change (a cross_district initiative with no participating "
                   "district left becomes local).")

    class Schema(InitiativeEventSchema):
        participating_district = fields.Str(required=True, validate=validate.OneOf(DISTRICTS))
        districts = fields.List(fields.Str(validate=validate.OneOf(DISTRICTS)), required=True,
                                validate=validate.Length(min=1))
        scope = fields.Str(required=True, validate=validate.OneOf(INITIATIVE_SCOPES))

    example = {**_FIT, "at": "2020-01-10T10:00:00Z", "participating_district": "fyn",
               "districts": ["koebenhavn"], "scope": "local"}


class InitiativeScopeSet(Event):
    producer = "initiatives"
    description = ("The initiative's scope was set: local (its lead district), cross_district "
                   "(participating districts besides the lead) or national (the whole country, "
                   "such as a national forum or centre); previous_scope is the scope before.")

    class Schema(InitiativeEventSchema):
        scope = fields.Str(required=True, validate=validate.OneOf(INITIATIVE_SCOPES))
        previous_scope = fields.Str(required=True, validate=validate.OneOf(INITIATIVE_SCOPES))
        districts = fields.List(fields.Str(validate=validate.OneOf(DISTRICTS)), required=True,
                                validate=validate.Length(min=1))
        reason = _nullable_str()

    example = {**_FIT, "at": "2021-03-01T10:00:00Z", "scope": "national",
               "previous_scope": "cross_district", "districts": ["koebenhavn", "fyn"],
               "reason": "Forummet for IT-relateret økonomisk kriminalitet (FIT) er nu nationalt."}
