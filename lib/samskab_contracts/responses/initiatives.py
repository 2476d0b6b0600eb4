"""What the initiatives service answers: the initiative's public view
(initiatives.handlers.initiative_view), a command's outcome and the audit trail."""
from __future__ import annotations

from marshmallow import fields

from ._fields import Answer, N, R, about, records, strings


class PersonRefSchema(Answer):
    person_id = fields.Str(**R)
    name = fields.Str(**N)
    email = fields.Str(**N)


class WorkingGroupMemberSchema(PersonRefSchema):
    role = fields.Str(**N)


class ChallengeSchema(Answer):
    text = fields.Str(**R)
    perspectives = records("stakeholders' perspectives on the challenge")


class CoOwnerSchema(Answer):
    kind = fields.Str(**R)
    name = fields.Str(**R)
    actor_id = fields.Str(allow_none=True, **about("the registered actor behind it, if named"))


class PauseSchema(Answer):
    """The initiative is on standby: since when, by whom, why and in which phase."""

    since = fields.Str(**R)
    by = fields.Str(**R)
    reason = fields.Str(**R)
    phase = fields.Str(**R)


class PhaseLabelSchema(Answer):
    da = fields.Str(**R)
    en = fields.Str(**R)


class PlatformSchema(Answer):
    """A development platform (udviklingsplatform)."""

    platform_id = fields.Str(**R)
    name = fields.Str(**R)
    focus_area = fields.Str(**N)
    description = fields.Str(**N)
    status = fields.Str(**R)
    members = fields.Dict(**R, **about("actor_id -> membership on this platform"))
    baseline = fields.Dict(**N, **about("description, date, by, at and earlier revisions"))
    reality_check_interval_days = fields.Int(**N)
    next_reality_check_due = fields.Str(**N, **about("ISO date"))
    overdue_flagged_for = fields.Str(**N, **about("the due date already flagged overdue"))
    lead = fields.Nested(PersonRefSchema, **N)
    established_by = fields.Str(**R)
    established_at = fields.Str(**R)


class GoalSchema(Answer):
    """A process or effect goal, quantitative (values) or qualitative (levels)."""

    goal_id = fields.Str(**R)
    platform_id = fields.Str(**N)
    kind = fields.Str(**R)
    year = fields.Int(**N)
    goal_type = fields.Str(**R)
    title = fields.Str(**R)
    description = fields.Str(**N)
    indicator = fields.Str(**N)
    unit = fields.Str(**N)
    baseline_value = fields.Float(**N)
    target_value = fields.Float(**N)
    direction = fields.Str(**N)
    target_level = fields.Int(**N)
    indicator_id = fields.Str(**N, **about("the shared indicator (vocabulary SHARED_INDICATORS)"))
    target_date = fields.Str(**N, **about("ISO date the goal should be reached by"))
    parent_goal_id = fields.Str(**N, **about("the goal this is a sub-goal of"))
    progress = records("measurements or assessments, oldest first")
    adjustments = records("changes to the goal, each with its reason")
    set_by = fields.Str(**R)
    set_at = fields.Str(**R)


class FindingSchema(Answer):
    """A finding of a safety walk (tryghedsvandring)."""

    finding_id = fields.Str(**R)
    activity_id = fields.Str(**R)
    point = fields.List(fields.Float(), **N, **about("[lat, lon]"))
    category = fields.Str(**R)
    description = fields.Str(**N)
    photo_ref = fields.Str(**N)
    action = fields.Dict(**N, **about("the follow-up action"))
    resolution = fields.Dict(**N, **about("resolution, date, by, at"))
    recorded_by = fields.Str(**R)
    recorded_at = fields.Str(**R)


class InitiativeSchema(Answer):
    """An initiative as the service shows it: no private fields, derived fields fresh."""

    initiative_id = fields.Str(**R)
    district = fields.Str(**R, **about("the lead district, which starts and steers the initiative"))
    participating_districts = fields.List(fields.Str(), **R, **about(
        "police districts taking part besides the lead district (their operators read it)"))
    districts = fields.List(fields.Str(), **R, **about("the lead district first, then the participating ones"))
    scope = fields.Str(**R, **about("local, cross_district or national"))
    title = fields.Str(**R)
    challenge = fields.Nested(ChallengeSchema, **R)
    themes = strings()
    municipalities = strings()
    co_owners = fields.List(fields.Nested(CoOwnerSchema), **R)
    vision = fields.Str(**N)
    focus_area = fields.Str(**N, **about("the area or neighbourhood the initiative works in"))
    challenge_history = records("earlier versions of the challenge, oldest first: revision, text, "
                                "perspectives, set_by, set_at, replaced_by, replaced_at, reason, phase")
    paused = fields.Nested(PauseSchema, **N, **about("set while the initiative is on standby"))
    pauses = records("earlier pauses: since, by, reason, phase, until, resumed_by, note, days")
    status = fields.Str(**R, **about("active, closed or network (a paused initiative is active, "
                                     "with paused set)"))
    phase = fields.Str(**R)
    phase_label = fields.Nested(PhaseLabelSchema, **R)
    phase_number = fields.Int(**R, **about("1-7"))
    phase_history = records("every phase transition: from, to, reason, by, at")
    anchor_person = fields.Nested(PersonRefSchema, **N)
    anchor_handovers = records("earlier anchor persons and why they handed over")
    working_group = fields.List(fields.Nested(WorkingGroupMemberSchema), **R)
    coordinator = fields.Nested(PersonRefSchema, **N)
    coordinator_history = records("earlier coordinators")
    baseline = fields.Dict(**N, **about("description, date, by, at and earlier revisions"))
    platforms = fields.Dict(keys=fields.Str(), values=fields.Nested(PlatformSchema), **R,
                            **about("platform_id -> development platform"))
    goals = fields.Dict(keys=fields.Str(), values=fields.Nested(GoalSchema), **R, **about("goal_id -> goal"))
    results = records("documented results")
    ripple_effects = records("ripple effects (ringe i vandet), with their evidence")
    reality_checks = records("reality checks (realitetstjek) of the platforms")
    activities = records("citizen meetings and safety walks")
    recorded_activities = records("general activities (platform meetings, workshops, theme evenings, parent "
                                  "meetings, conversation salons, campaigns, network meetings, ...): kind, "
                                  "date, place, actor_ids, citizens_count, target_groups, participants_count, "
                                  "outcome, result_ids and the status the initiative had then")
    ideas_handed_over = records("ideas handed over to other bodies: idea, recipient_name, recipient_actor_id, "
                                "recipient_kind, date, outcome")
    findings = fields.Dict(keys=fields.Str(), values=fields.Nested(FindingSchema), **R,
                           **about("finding_id -> finding"))
    actors = fields.Dict(keys=fields.Str(), values=fields.Dict(), **R,
                         **about("actor_id -> the member's kind, name, role, platforms and since"))
    actor_count = fields.Int(**R)
    closing_override = fields.Dict(**N)
    mapping = fields.Dict(**R, **about("phase 2: sources, problem_statements (each with its source_ids) "
                                       "and the summary"))
    analysis = fields.Dict(**R, **about("phase 3: the chosen direction (and earlier_directions) and the "
                                        "potential_actors, each with its dialogue status and steps"))
    involvement = fields.Dict(**R, **about("phase 4: the expectation alignments (what, with whom, when)"))
    learning = fields.Dict(**R, **about("lessons (what was hard, what was learned; phase, theme), partner "
                                        "quotes (organisation, role, name if consented, date, actor_id "
                                        "of the actor taking part it is attributed to, or null) and "
                                        "inspired_by (initiative_id, district, title: null where the "
                                        "caller may not read that initiative, note)"))
    closure = fields.Dict(**N)
    network = fields.Dict(**N)
    governance = fields.Dict(**R, **about(
        "deputy_anchor_person (and deputy_history), anchoring (e.g. a local council), "
        "steering_group and core_group (members: name, organisation, role, actor_id)"))
    resources = fields.Dict(**R, **about(
        "funding (source, amount_kr, co_financing) and time (organisation, hours, period)"))
    proposals = records("actors' proposals (actor_id, title, activity_id, platform_id, date, adopted)")
    eligible_to_close = fields.Bool(**R, **about("every platform has reached its goals"))
    reality_checks_due_at = fields.Str(**N)
    created_by = fields.Str(**R)
    created_at = fields.Str(**R)
    updated_at = fields.Str(**R)
    version = fields.Int(**R, **about("also the ETag"))


class InitiativeChangeSchema(Answer):
    """A command's outcome: the initiative after it and what the command made."""

    initiative = fields.Nested(InitiativeSchema, **R)
    events = strings("the types of the events the command raised")
    initiative_id = fields.Str()
    platform_id = fields.Str()
    goal_id = fields.Str()
    result_id = fields.Str()
    ripple_effect_id = fields.Str()
    reality_check_id = fields.Str()
    activity_id = fields.Str()
    finding_ids = fields.List(fields.Str())
    action_id = fields.Str()
    source_id = fields.Str()
    problem_statement_id = fields.Str()
    potential_actor_id = fields.Str()
    alignment_id = fields.Str()
    idea_id = fields.Str()
    lesson_id = fields.Str()
    quote_id = fields.Str()
    baseline = fields.Dict(**about("the baseline as set"))
    changes = fields.Dict(**about("field -> {from, to}"))
    met = fields.Bool(**about("whether the goal is met now"))
    next_due = fields.Str(**about("the next reality check's date"))
    resolution = fields.Dict(**about("the finding's resolution"))
    changed_fields = fields.List(fields.Str(), **about("the fields a revision changed"))
    challenge_revision = fields.Int(**about("the number of the challenge's new version"))
    days_paused = fields.Float(**about("how long the pause that ended lasted"))
    funding_id = fields.Str()
    contribution_id = fields.Str()
    proposal_id = fields.Str()
    districts = fields.List(fields.Str(), **about("the lead and participating districts after the change"))
    scope = fields.Str(**about("the initiative's scope after the change"))


class OpenWorkSchema(Answer):
    """What an active initiative still has open (all empty once it is closed): dates only,
    so the reader decides what is overdue or too long unmeasured by its own today."""

    reality_checks = records("each platform's next reality check: platform_id, name, due (ISO date)")
    follow_up_actions = records("unresolved safety-walk findings' follow-up actions: finding_id, "
                                "category, description, due_date")
    goals = records("each goal: goal_id, title and last_progress_on (the ISO date of its latest "
                    "measurement or assessment, null if none)")


class InitiativeSummarySchema(Answer):
    """An initiative in a list."""

    initiative_id = fields.Str(**R)
    title = fields.Str(**R)
    district = fields.Str(**R)
    districts = fields.List(fields.Str(), **N, **about("the lead district first, then the participating ones"))
    scope = fields.Str(**N, **about("local, cross_district or national"))
    themes = strings()
    municipalities = strings()
    phase = fields.Str(**R)
    phase_label = fields.Nested(PhaseLabelSchema, **R)
    status = fields.Str(**R)
    actor_count = fields.Int(**R)
    eligible_to_close = fields.Bool(**R)
    created_at = fields.Str(**R)
    updated_at = fields.Str(**R)
    version = fields.Int(**R)
    open_work = fields.Nested(OpenWorkSchema, **R)


class HistoryEventSchema(Answer):
    """One event of the audit trail (docs/events.md describes each type's data)."""

    event_id = fields.Str(**R)
    type = fields.Str(**R)
    occurred_at = fields.Str(**R)
    correlation_id = fields.Str(**N)
    causation_id = fields.Str(**N)
    data = fields.Dict(**R)
