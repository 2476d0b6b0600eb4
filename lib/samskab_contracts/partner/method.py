"""Partner views of the events of phases 2-4 (mapping, analysis, actor involvement).

Kept: the ids of sources, problem statements, potential actors and alignments, a source's
kind and date, dialogue statuses and dates, counts, and the name of a potential actor that
is an organisation (as the case catalogue names its actors).
Dropped: who gathered a source and what it says (the persons interviewed are named
there), the problem statements', direction's and summary's text, why an actor matters,
the notes of the talks, what an actor would bring and gain, what was agreed and with which
other parties, and the name of a potential actor that is a citizen. Actor ids become
pseudonyms.
"""
from __future__ import annotations

from marshmallow import fields, validate

from samskab_contracts.events import initiatives as events
from samskab_contracts.vocabulary import CITIZEN, MAX_NAME

from .initiatives import _keep
from .view import PartnerView, Pseudonym

_COUNT = validate.Range(min=0)


class MappingSourceRecordedView(events.MappingSourceRecorded.Schema):
    Meta = _keep("source_id", "kind", "date")


class ProblemStatementRecordedView(events.ProblemStatementRecorded.Schema):
    Meta = _keep("problem_statement_id", "source_ids")


class MappingSummarisedView(events.MappingSummarised.Schema):
    Meta = _keep("sources_count", "problem_statements_count")


class AnalysisDirectionChosenView(events.AnalysisDirectionChosen.Schema):
    changed = fields.Bool(required=True, metadata={"description": "true when an earlier direction was replaced"})
    Meta = _keep("problem_statement_ids", "changed")


def _organisation(data: dict) -> dict:
    return {"organisation_name": None if data.get("kind") == CITIZEN else data.get("name")}


def _organisation_name() -> fields.Str:
    return fields.Str(required=True, allow_none=True, validate=validate.Length(min=1, max=MAX_NAME),
                      metadata={"description": "the name, unless the potential actor is a citizen"})


class PotentialActorIdentifiedView(events.PotentialActorIdentified.Schema):
    actor_id = Pseudonym(required=True, allow_none=True)
    organisation_name = _organisation_name()
    Meta = _keep("potential_actor_id", "actor_id", "kind", "organisation_name", "status")


class PotentialActorDialogueUpdatedView(events.PotentialActorDialogueUpdated.Schema):
    actor_id = Pseudonym(required=True, allow_none=True)
    organisation_name = _organisation_name()
    Meta = _keep("potential_actor_id", "actor_id", "kind", "organisation_name", "from_status", "status", "date")


class ExpectationsAlignedView(events.ExpectationsAligned.Schema):
    parties_count = fields.Int(required=True, validate=_COUNT)
    Meta = _keep("alignment_id", "potential_actor_ids", "parties_count", "date")


VIEWS: dict[str, PartnerView] = {
    "MappingSourceRecorded": PartnerView(MappingSourceRecordedView),
    "ProblemStatementRecorded": PartnerView(ProblemStatementRecordedView),
    "MappingSummarised": PartnerView(MappingSummarisedView),
    "AnalysisDirectionChosen": PartnerView(
        AnalysisDirectionChosenView, derive=lambda d: {"changed": d.get("previous_direction") is not None}),
    "PotentialActorIdentified": PartnerView(PotentialActorIdentifiedView, derive=_organisation),
    "PotentialActorDialogueUpdated": PartnerView(PotentialActorDialogueUpdatedView, derive=_organisation),
    "ExpectationsAligned": PartnerView(
        ExpectationsAlignedView, derive=lambda d: {"parties_count": len(d.get("parties") or [])}),
}
