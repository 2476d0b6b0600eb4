"""What the reporting service answers: read models built from events, scoped by the
caller's grants. Counts of persons below the threshold are suppressed unless the caller
sees exact figures: a count is then ``{"value": ..., "suppressed": ...}``."""
from __future__ import annotations

from marshmallow import fields

from ._fields import Answer, N, R, about, records, strings

COUNT = "a count: {value, suppressed}"
TABLE = "a table of counts: {cells: {row: count}, total: count}"


def _table(description: str = TABLE) -> fields.Dict:
    return fields.Dict(**R, **about(description))


class InfluenceSchema(Answer):
    gini = fields.Float(**R)
    top20_share = fields.Float(**R)
    imbalanced = fields.Bool(**R)


class ReportSummarySchema(Answer):
    """An initiative in the report list."""

    initiative_id = fields.Str(**R)
    title = fields.Str(**R)
    district = fields.Str(**R)
    themes = strings()
    phase = fields.Str(**R)
    status = fields.Str(**R)
    created_at = fields.Str(**R)
    districts = fields.List(fields.Str(), **N, **about("the lead district first, then the participating ones"))
    scope = fields.Str(**N, **about("local, cross_district or national"))
    influence = fields.Nested(InfluenceSchema, **R)


class InitiativeReportSchema(Answer):
    """The report of one initiative: progress, goals, value created, actors and influence."""

    initiative_id = fields.Str(**R)
    title = fields.Str(**R)
    challenge = fields.Str(**R)
    challenge_perspectives = records("stakeholders' perspectives")
    vision = fields.Str(**N)
    district = fields.Str(**R)
    themes = strings()
    municipalities = strings()
    created_at = fields.Str(**R)
    phase = fields.Str(**R)
    phase_history = records("phase and entered_at")
    phase_days = fields.Dict(keys=fields.Str(), values=fields.Float(), **R, **about("phase -> days spent"))
    status = fields.Str(**R)
    days_to_close = fields.Float(**N)
    focus_area = fields.Str(**N)
    challenge_history = records("each revision of the challenge: revision, at, phase, reason, previous_challenge")
    revision_history = records("each revision of title, vision, themes, focus area, municipalities or "
                               "co-owners: at, changed_fields, reason")
    pauses = records("each pause: since, until (null while it lasts), reason, phase, days")
    districts = fields.List(fields.Str(), **R, **about("the lead district first, then the participating ones"))
    scope = fields.Str(**R, **about("local, cross_district or national"))
    paused_since = fields.Str(**N, **about("set while the initiative is on standby"))
    days_paused = fields.Float(**R, **about("days on standby, the running pause included"))
    days_active = fields.Float(**N, **about("days since the start (to the closing or now) without the days paused"))
    closed_at = fields.Str(**N)
    closure_summary = fields.Str(**N)
    network = fields.Dict(**N)
    obstacles = records("what held the initiative back")
    reality_check_series = records("the reality checks' scores over time")
    counts = fields.Dict(keys=fields.Str(), values=fields.Int(), **R, **about("platforms, goals, results, ..."))
    platforms = records("each platform with its goals and active actors")
    initiative_goals = records("each goal with its series, latest value, trend and whether it is reached")
    results = records("documented results")
    ripple_effects = records("ripple effects")
    actors = fields.Dict(**R, **about("actors by kind (tables of counts), by month, and the organisations"))
    activities = records("every activity (citizen meetings, safety walks and the general kinds), with its "
                         "target groups and outcome")
    ideas_handed_over = records("ideas handed over to other bodies: date, idea, recipient_name (null for a "
                                "citizen), recipient_kind, outcome")
    influence = fields.Dict(**R, **about("how evenly the actors take part (gini, top-20 share, by kind)"))
    learning = fields.Dict(**R, **about("lessons (kind, text, phase, theme), partner_quotes (organisation, "
                                        "role, quote, date, actor_name: the registered organisation it is "
                                        "attributed to, if any; never a speaker's name) and inspired_by "
                                        "(initiative_id, "
                                        "the linker's title if any, note)"))
    suppressed_view = fields.Bool(**R, **about("small counts of persons are suppressed"))


class RollupSchema(Answer):
    """The roll-up per district (``scope``) or national (``scope`` null)."""

    scope = fields.Str(**N)
    suppressed_view = fields.Bool(**R)
    threshold = fields.Int(**R, **about("counts below it are suppressed"))
    initiatives = fields.Dict(**R, **about(COUNT))
    by_phase = _table()
    by_status = _table()
    by_theme = _table()
    by_district_and_phase = fields.Dict(**about("district -> phase -> count"))
    goals = _table()
    platforms = _table()
    time_to_close = fields.Dict(**R, **about("closed, median_days and mean_days (counts)"))
    median_days_in_phase = fields.Dict(**R, **about("phase -> count"))
    actors_by_kind = fields.Dict(**R, **about("rows, row_totals, column_totals and total"))
    results = _table()
    ripple_effects = fields.Dict(**R, **about(COUNT))
    activities = _table()
    activity_participants = fields.Dict(**R, **about("people who took part in activities, summed; " + COUNT))
    activity_target_groups = _table("activities that reached each target group; " + TABLE)
    ideas_handed_over = fields.Dict(**R, **about("ideas handed over to other bodies; " + COUNT))
    reality_checks_overdue = fields.Dict(**R, **about(COUNT))
    influence_imbalanced = fields.Dict(**R, **about(COUNT))
    paused = fields.Dict(**R, **about("initiatives on standby now; " + COUNT))
    days_paused = fields.Dict(**R, **about("days of the pauses that have ended, summed; " + COUNT))
    by_scope = fields.Dict(**about("initiatives per scope (local, cross_district, national)"))
    participating = fields.Dict(**about("of a district's initiatives, those it takes part in and does not "
                                        "lead; " + COUNT))
    shared_indicators = records("indicators several initiatives measure, with their mean change")


class InitiativeExportRowSchema(Answer):
    """A row of the ``initiatives`` export."""

    initiative_id = fields.Str(**R)
    title = fields.Str(**R)
    district = fields.Str(**R)
    district_name = fields.Str(**R)
    municipalities = strings()
    themes = strings()
    phase = fields.Str(**R)
    phase_number = fields.Int(**R)
    status = fields.Str(**R)
    created_at = fields.Str(**R)
    closed_at = fields.Str(**N)
    days_to_close = fields.Float(**N)
    network_name = fields.Str(**N)
    platforms = fields.Int(**R)
    platforms_reached = fields.Int(**R)
    goals = fields.Int(**R)
    goals_reached = fields.Int(**R)
    results = fields.Int(**R)
    breakthroughs = fields.Int(**R)
    ripple_effects = fields.Int(**R)
    reality_checks = fields.Int(**R)
    activities = fields.Int(**R)
    findings = fields.Int(**R)
    findings_resolved = fields.Int(**R)
    actors_active = fields.Int(**N)
    influence_gini = fields.Float(**N)
    influence_top20_share = fields.Float(**N)
    suppressed_columns = strings()


class GoalExportRowSchema(Answer):
    """A row of the ``goals`` export."""

    initiative_id = fields.Str(**R)
    district = fields.Str(**R)
    platform_id = fields.Str(**N)
    platform_name = fields.Str(**N)
    goal_id = fields.Str(**R)
    title = fields.Str(**R)
    kind = fields.Str(**R)
    goal_type = fields.Str(**R)
    indicator = fields.Str(**N)
    unit = fields.Str(**N)
    direction = fields.Str(**N)
    baseline_value = fields.Float(**N)
    target_value = fields.Float(**N)
    target_level = fields.Int(**N)
    latest_date = fields.Str(**N)
    latest_value = fields.Float(**N)
    latest_level = fields.Int(**N)
    progress_pct = fields.Float(**N)
    trend = fields.Str(**N)
    reached = fields.Bool(**N)
    adjustments = fields.Int(**N)
    indicator_id = fields.Str(**N, **about("the shared indicator, if the goal names one"))
    target_date = fields.Str(**N, **about("ISO date"))
    parent_goal_id = fields.Str(**N, **about("the goal this is a sub-goal of"))
    suppressed_columns = strings()


class RollupExportRowSchema(Answer):
    """A row of the ``rollup`` export: the roll-up in long form."""

    scope = fields.Str(**N)
    table = fields.Str(**R)
    row = fields.Str(**N)
    column = fields.Str(**N)
    value = fields.Float(**N)
    suppressed = fields.Bool(**R)


class LessonFoundSchema(Answer):
    """A lesson found across the initiatives the caller may read (GET /reports/lessons)."""

    initiative_id = fields.Str(**R)
    title = fields.Str(**R, **about("the initiative's title"))
    district = fields.Str(**R)
    themes = strings("the initiative's themes")
    lesson_id = fields.Str(**R)
    kind = fields.Str(**R, **about("hard (what was hard) or learned (what we learned)"))
    text = fields.Str(**R)
    phase = fields.Str(**R, **about("the phase the lesson concerns"))
    theme = fields.Str(**N, **about("the lesson's own theme, if it names one"))
    at = fields.Str(**R, **about("when it was recorded"))
