"""What the OpenAPI document says about each route, keyed by the route method's name
(its operationId): a summary, the tag, the request body schema (the service's own
marshmallow schema; path parameters and the version are left out by openapi.py),
the query schema and what a success answers. Route files stay small; a test checks
that every route of GatewayService is described here."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from marshmallow import Schema

from samskab_contracts.commands import actors, governance, initiatives, notifications, reporting
from samskab_contracts.responses import access as r_access
from samskab_contracts.responses import actors as r_actors
from samskab_contracts.responses import initiatives as r_initiatives
from samskab_contracts.responses import notifications as r_notifications
from samskab_contracts.responses import reporting as r_reporting

from .query_schemas import (
    ConsentQuery,
    ContactsQuery,
    FeedQuery,
    GrantBody,
    GrantListQuery,
    InitiativeListQuery,
    PageQuery,
)

JSON = "application/json"
HTML = "text/html"


@dataclass(frozen=True)
class Operation:
    summary: str
    tag: str
    response: str
    """What a successful answer holds."""
    body: type[Schema] | None = None
    query: type[Schema] | Schema | None = None
    status: int = 200
    page: bool = False
    """The answer is one page: ``{"items": [...], "next_cursor": ...}``."""
    media: tuple[str, ...] = (JSON,)
    rows: bool = False
    """The JSON answer is an array of rows rather than an object."""
    etag: bool = False
    """The answer carries an ETag (a GET also honours If-None-Match)."""
    versioned: bool = False
    """The request may send If-Match (optimistic concurrency); the answer carries an ETag.
    Every other operation refuses If-Match (entrypoints.py)."""
    location: bool = False
    """A 201 answer names the new resource in Location."""
    public: bool = False
    errors: tuple[int, ...] = ()
    """Error statuses of a public operation (authenticated ones get the usual set)."""
    answer: type[Schema] | tuple[type[Schema], ...] | None = None
    """The JSON success body's schema (samskab_contracts.responses): of each item when
    ``page`` or ``rows``; several are alternatives (oneOf). None: not JSON (or the
    OpenAPI document itself, which is OpenAPI's own schema)."""
    page_also: tuple[tuple[str, type[Schema]], ...] = ()
    """Lists a page carries beside its items: (key, item schema)."""


def _op(summary: str, tag: str, response: str, body: type[Schema] | None = None, **kwargs: Any) -> Operation:
    return Operation(summary, tag, response, body, **kwargs)


INI, ACT, JOURNAL, REP, NOTE, HOOK, OPS = ("Initiatives", "Actors and membership", "Initiative activities", "Reports",
                       "Notifications", "Webhook endpoints", "Operations")
ACCESS = "Access"
TAGS: dict[str, str] = {
    INI: "Initiatives and the co-creation method: phases and their gates, roles, development "
         "platforms, baselines and goals, revising and pausing, closing and going on as a network.",
    JOURNAL: "What an initiative does and achieves: results, ripple effects (ringe i vandet), reality "
             "checks (realitetstjek), citizen meetings and safety walks with their findings.",
    ACT: "Actors (organisations, authorities, businesses and citizens), their consents and "
         "representatives, memberships of initiatives and platforms, and personal data (GDPR).",
    REP: "Read models built from the events: lists, one initiative's report, roll-ups, exports, the "
         "case catalogue and the dashboard; small counts of persons are suppressed.",
    NOTE: "Notifications for people: subscriptions, preferences and the in-app feed.",
    HOOK: "Webhook endpoints of partner systems: registration, signing secrets, the delivery log and "
          "replays.",
    ACCESS: "Who the caller is, and the administrative grants (national centre, district operator, "
            "partner) with their audit trail.",
    OPS: "This description of the API (no authentication).",
}
"""One tag per area, in the order the documentation lists them."""
CHANGED = "the initiative after the change, with its new version"
ACTOR_CHANGED = "the actor after the change, with its new version"
MEMBERSHIP = "the membership, with its version"

OPERATIONS: dict[str, Operation] = {
    # Initiatives: the co-creation method.
    "create_initiative": _op("Start an initiative (start-up phase)", INI, "the new initiative",
                             initiatives.CreateInitiativeSchema, status=201, etag=True, location=True),
    "list_initiatives": _op("List initiatives, filtered by district, theme, phase or status", INI,
                            "a page of initiatives", query=InitiativeListQuery, page=True),
    "get_initiative": _op("Read one initiative", INI, "the initiative", etag=True),
    "initiative_history": _op("The audit trail: every event of one initiative, oldest first", INI,
                              "a page of events", query=PageQuery, page=True),
    "advance_phase": _op("Move the initiative one phase on, through its gate", INI, CHANGED,
                         initiatives.AdvancePhaseSchema, versioned=True),
    "assign_anchor_person": _op("Assign or replace the anchor person (ankerperson)", INI, CHANGED,
                                initiatives.AssignAnchorPersonSchema, versioned=True),
    "set_working_group": _op("Add or remove working group members", INI, CHANGED,
                             initiatives.SetWorkingGroupSchema, versioned=True),
    "assign_coordinator": _op("Assign or replace the coordinator", INI, CHANGED,
                              initiatives.AssignCoordinatorSchema, versioned=True),
    "establish_platform": _op("Establish a development platform (udviklingsplatform)", INI, CHANGED,
                              initiatives.EstablishPlatformSchema, status=201, versioned=True),
    "assign_platform_lead": _op("Name the person who leads a development platform (or none)", INI, CHANGED,
                                initiatives.AssignPlatformLeadSchema, versioned=True),
    "set_baseline": _op("Set the baseline of the initiative or of a platform", INI, CHANGED,
                        initiatives.SetBaselineSchema, versioned=True),
    "set_goal": _op("Set a process or effect goal", INI, CHANGED, initiatives.SetGoalSchema,
                    status=201, versioned=True),
    "adjust_goal": _op("Adjust a goal, with a reason", INI, CHANGED, initiatives.AdjustGoalSchema,
                       versioned=True),
    "record_measurement": _op("Record a measurement of a quantitative goal", INI, CHANGED,
                              initiatives.RecordMeasurementSchema, status=201, versioned=True),
    "record_assessment": _op("Record an assessment of a qualitative goal", INI, CHANGED,
                             initiatives.RecordAssessmentSchema, status=201, versioned=True),
    "close_initiative": _op("Close the initiative from the closing phase", INI, CHANGED,
                            initiatives.CloseInitiativeSchema, versioned=True),
    "become_network": _op("Let a closed initiative go on as a network", INI, CHANGED,
                          initiatives.BecomeNetworkSchema, versioned=True),
    "revise_initiative": _op("Revise the title, vision, themes, focus area, municipalities or co-owners, "
                             "with a reason", INI, CHANGED, initiatives.ReviseInitiativeSchema, versioned=True),
    "revise_challenge": _op("Revise the shared challenge (udfordring), keeping the earlier version and why",
                            INI, CHANGED, initiatives.ReviseChallengeSchema, versioned=True),
    "pause_initiative": _op("Pause the initiative (standby): it keeps its phase until resumed", INI, CHANGED,
                            initiatives.PauseInitiativeSchema, versioned=True),
    "resume_initiative": _op("Resume a paused initiative", INI, CHANGED, initiatives.ResumeInitiativeSchema,
                             versioned=True),
    # Activities and the journal of an initiative.
    "document_result": _op("Document a result", JOURNAL, CHANGED, initiatives.DocumentResultSchema,
                           status=201, versioned=True),
    "record_ripple_effect": _op("Record a ripple effect (ringe i vandet), with evidence", JOURNAL, CHANGED,
                                initiatives.RecordRippleEffectSchema, status=201, versioned=True),
    "schedule_reality_checks": _op("Schedule the reality checks of a platform", JOURNAL, CHANGED,
                                   initiatives.ScheduleRealityChecksSchema, versioned=True),
    "record_reality_check": _op("Record a reality check (realitetstjek) of a platform", JOURNAL, CHANGED,
                                initiatives.RecordRealityCheckSchema, status=201, versioned=True),
    "hold_citizen_meeting": _op("Record a citizen meeting (borgermøde)", JOURNAL, CHANGED,
                                initiatives.HoldCitizenMeetingSchema, status=201, versioned=True),
    "record_safety_walk": _op("Record a safety walk (tryghedsvandring) and its findings", JOURNAL, CHANGED,
                              initiatives.RecordSafetyWalkSchema, status=201, versioned=True),
    "create_follow_up_action": _op("Create the follow-up action of a finding", JOURNAL, CHANGED,
                                   initiatives.CreateFollowUpActionSchema, status=201, versioned=True),
    "resolve_finding": _op("Resolve a finding of a safety walk", JOURNAL, CHANGED,
                           initiatives.ResolveFindingSchema, versioned=True),
    # Phases 2-4 of the method: mapping, analysis, actor involvement.
    "record_mapping_source": _op("Record a source of the mapping (interview, data, observation, desk research)",
                                 INI, CHANGED, initiatives.RecordMappingSourceSchema, status=201, versioned=True,
                                 answer=r_initiatives.InitiativeChangeSchema),
    "record_problem_statement": _op("Record a problem statement (problemstilling) with the sources that evidence it",
                                    INI, CHANGED, initiatives.RecordProblemStatementSchema, status=201,
                                    versioned=True, answer=r_initiatives.InitiativeChangeSchema),
    "summarise_mapping": _op("Write the mapping's summary", INI, CHANGED, initiatives.SummariseMappingSchema,
                             versioned=True, answer=r_initiatives.InitiativeChangeSchema),
    "choose_direction": _op("Choose the direction of the analysis", INI, CHANGED,
                            initiatives.ChooseDirectionSchema, versioned=True,
                            answer=r_initiatives.InitiativeChangeSchema),
    "identify_potential_actor": _op("Name a potential actor and why it matters", INI, CHANGED,
                                    initiatives.IdentifyPotentialActorSchema, status=201, versioned=True,
                                    answer=r_initiatives.InitiativeChangeSchema),
    "update_dialogue": _op("Move the dialogue with a potential actor on, with what it would bring and gain",
                           INI, CHANGED, initiatives.UpdateDialogueSchema, versioned=True,
                           answer=r_initiatives.InitiativeChangeSchema),
    "align_expectations": _op("Record an expectation alignment: what was agreed, with whom, when", INI,
                              CHANGED, initiatives.AlignExpectationsSchema, status=201, versioned=True,
                              answer=r_initiatives.InitiativeChangeSchema),
    # Governance and resources.
    "assign_deputy_anchor_person": _op("Appoint, replace or relieve (null) the anchor person's deputy", INI,
                                       CHANGED, governance.AssignDeputyAnchorPersonSchema, versioned=True,
                                       answer=r_initiatives.InitiativeChangeSchema),
    "set_governance_group": _op("Set the members of the steering group or the core group (kernegruppe)", INI,
                                CHANGED, governance.SetGovernanceGroupSchema, versioned=True,
                                answer=r_initiatives.InitiativeChangeSchema),
    "describe_anchoring": _op("Describe where the initiative is anchored (e.g. a local council)", INI, CHANGED,
                              governance.DescribeAnchoringSchema, versioned=True,
                              answer=r_initiatives.InitiativeChangeSchema),
    "record_funding": _op("Record a funding line: source, amount in kroner, co-financing or not", INI, CHANGED,
                          governance.RecordFundingSchema, status=201, versioned=True,
                          answer=r_initiatives.InitiativeChangeSchema),
    "record_time_contribution": _op("Record the hours an organisation gave over a period", INI, CHANGED,
                                    governance.RecordTimeContributionSchema, status=201, versioned=True,
                                    answer=r_initiatives.InitiativeChangeSchema),
    "record_proposal": _op("Record an actor's proposal (counted by the influence monitor)", JOURNAL, CHANGED,
                           governance.RecordProposalSchema, status=201, versioned=True,
                           answer=r_initiatives.InitiativeChangeSchema),
    # General activities and the living network (issue 15).
    "record_activity": _op("Record an activity (platform meeting, workshop, theme evening, parent meeting, "
                           "conversation salon, 0-tolerance weekend, campaign, network meeting, other): who "
                           "took part, the target groups and what came of it", JOURNAL, CHANGED,
                           initiatives.RecordActivitySchema, status=201, versioned=True,
                           answer=r_initiatives.InitiativeChangeSchema),
    "hand_over_idea": _op("Record an idea handed over to another body (to whom, what, when, what became of it)",
                          JOURNAL, CHANGED, initiatives.HandOverIdeaSchema, status=201, versioned=True,
                          answer=r_initiatives.InitiativeChangeSchema),
    "record_idea_outcome": _op("Record what became of an idea handed over, once it is known", JOURNAL, CHANGED,
                               initiatives.RecordIdeaOutcomeSchema, versioned=True,
                               answer=r_initiatives.InitiativeChangeSchema),
    # Learning between initiatives.
    "record_lesson": _op("Record a lesson: what was hard or what was learned, the phase it concerns, "
                         "optionally a theme", INI, CHANGED, initiatives.RecordLessonSchema, status=201,
                         versioned=True, answer=r_initiatives.InitiativeChangeSchema),
    "record_partner_quote": _op("Record what a partner says: the quote, organisation, role (a name only "
                                "with consent), date, optionally the actor taking part it is attributed to "
                                "(actor_id)", INI, CHANGED, initiatives.RecordPartnerQuoteSchema,
                                status=201, versioned=True, answer=r_initiatives.InitiativeChangeSchema),
    "link_inspiration": _op("Link an initiative (any district) this one was inspired by", INI, CHANGED,
                            initiatives.LinkInspirationSchema, status=201, versioned=True,
                            answer=r_initiatives.InitiativeChangeSchema),
    # How far an initiative reaches: participating districts and its scope (issue 15).
    "add_participating_district": _op("Let a police district take part besides the lead district (its operators "
                                      "read the initiative); no body", INI, CHANGED, versioned=True,
                                      answer=r_initiatives.InitiativeChangeSchema),
    "remove_participating_district": _op("End a police district's part in the initiative; no body", INI, CHANGED,
                                         versioned=True, answer=r_initiatives.InitiativeChangeSchema),
    "set_scope": _op("Set the scope: local, cross_district or national", INI, CHANGED,
                     initiatives.SetInitiativeScopeSchema, versioned=True,
                     answer=r_initiatives.InitiativeChangeSchema),
    # Actors and membership.
    "register_actor": _op("Register an actor (organisation, authority, business or citizen)", ACT,
                          "the new actor", actors.RegisterActorSchema, status=201, etag=True, location=True),
    "find_actors": _op("Find actors by name or CVR number, among those you may read", ACT,
                       "a page of actors (it may hold fewer than limit; next_cursor says whether to go on)",
                       query=actors.FindActorsQuery, page=True),
    "get_actor": _op("Read one actor", ACT, "the actor", etag=True),
    "update_actor": _op("Change an actor's details", ACT, ACTOR_CHANGED, actors.UpdateActorSchema,
                        versioned=True),
    "give_consent": _op("Record the actor's consent to a purpose", ACT, ACTOR_CHANGED,
                        actors.ConsentSchema, status=201, versioned=True),
    "withdraw_consent": _op("Withdraw the actor's consent to a purpose (take_part: name its initiative_id)",
                            ACT, ACTOR_CHANGED, query=ConsentQuery, versioned=True),
    "appoint_representative": _op("Appoint a person (sign-in identity) to represent the actor", ACT,
                                  ACTOR_CHANGED, versioned=True),
    "remove_representative": _op("Remove a person from the actor's representatives", ACT, ACTOR_CHANGED,
                                 versioned=True),
    "list_memberships": _op("The initiatives and platforms an actor takes part in", ACT,
                            "a page of the actor's memberships, each with its version", query=PageQuery,
                            page=True),
    "export_personal_data": _op("Everything held about an actor (GDPR art. 15 and 20)", ACT,
                                "the actor's personal data"),
    "erase_actor": _op("Erase an actor's personal data (GDPR art. 17)", ACT, "what was erased",
                       actors.ActorRefSchema),
    "join_initiative": _op("Let an actor join an initiative", ACT, MEMBERSHIP,
                           actors.JoinInitiativeSchema, status=201, versioned=True),
    "leave_initiative": _op("Let an actor leave an initiative", ACT, MEMBERSHIP,
                            actors.LeaveInitiativeSchema, versioned=True),
    "join_platform": _op("Let a member join a development platform", ACT, MEMBERSHIP,
                         actors.JoinPlatformSchema, status=201, versioned=True),
    "leave_platform": _op("Let a member leave a development platform", ACT, MEMBERSHIP,
                          actors.LeavePlatformSchema, versioned=True),
    "contact_directory": _op("The contact directory of an initiative (for its anchor person)", ACT,
                             "a page of the initiative's contacts", query=ContactsQuery, page=True),
    # Reports (read models built from events, scoped by the caller's grants; small counts of
    # persons are suppressed unless the caller sees exact figures).
    "report_initiatives": _op("List the initiatives you may read, as reporting sees them", REP,
                              "a page of initiatives",
                              query=reporting.ReportListQuery, page=True),
    "report_initiative": _op("The report of one initiative you may read", REP, "the initiative's report"),
    "report_rollup": _op("The roll-up per district or national", REP, "the roll-up",
                         query=reporting.ScopeQuery),
    "report_catalogue": _op("The case catalogue (HTML or Markdown)", REP, "the catalogue document",
                            query=reporting.CatalogueQuery, media=(HTML, "text/markdown")),
    "report_lessons": _op("Find lessons (what was hard, what was learned) across the initiatives you may "
                          "read, by district, theme, phase, kind and text", REP, "a page of lessons",
                          query=reporting.LessonQuery, page=True, answer=r_reporting.LessonFoundSchema),
    "report_dashboard": _op("The dashboard (HTML)", REP, "the dashboard page",
                            query=reporting.DocumentQuery, media=(HTML,)),
    "report_export": _op("An export (initiatives, goals or rollup) as CSV or JSON", REP, "the export file",
                         query=reporting.ExportQuery(exclude=("name",)), media=("text/csv", JSON), rows=True),
    # Notifications for people.
    "subscribe": _op("Subscribe to events", NOTE, "the subscription", notifications.SubscribeSchema,
                     status=201),
    "list_subscriptions": _op("Your subscriptions", NOTE,
                              "a page of your subscriptions, and the defaults of your role (`defaults`)",
                              query=PageQuery, page=True),
    "unsubscribe": _op("End a subscription", NOTE, "the ended subscription"),
    "get_preferences": _op("Your language and e-mail frequency", NOTE, "your preferences"),
    "set_preferences": _op("Set your language and e-mail frequency", NOTE, "your preferences",
                           notifications.PreferencesSchema),
    "get_feed": _op("Your in-app feed, newest first", NOTE, "a page of the feed", query=FeedQuery, page=True),
    "mark_feed_read": _op("Mark the whole feed read", NOTE, "how many items were marked"),
    "mark_feed_item_read": _op("Mark one feed item read", NOTE, "the feed item"),
    # Webhook endpoints of partner systems.
    "register_endpoint": _op("Register a webhook endpoint (the signing secret is shown once)", HOOK,
                             "the endpoint and its secret", notifications.RegisterEndpointSchema,
                             status=201, location=True),
    "list_endpoints": _op("Your webhook endpoints", HOOK, "a page of your endpoints", query=PageQuery,
                          page=True),
    "get_endpoint": _op("Read one webhook endpoint", HOOK, "the endpoint"),
    "rotate_endpoint_secret": _op("Rotate the signing secret (the old one stays valid for a while)", HOOK,
                                  "the endpoint and its new secret"),
    "enable_endpoint": _op("Enable a webhook endpoint", HOOK, "the endpoint"),
    "disable_endpoint": _op("Disable a webhook endpoint", HOOK, "the endpoint"),
    "endpoint_delivery_log": _op("The delivery log of a webhook endpoint, newest first", HOOK,
                                 "a page of delivery attempts", query=PageQuery, page=True),
    "replay_delivery": _op("Deliver one past event again", HOOK, "the new delivery"),
    "replay_since": _op("Deliver every event since a moment again", HOOK, "the deliveries scheduled",
                        notifications.ReplaySinceSchema),
    # Access: who the caller is and the administrative grants (docs/access.md).
    "who_am_i": _op("Who you are and every grant you hold now", ACCESS, "your subject and grants"),
    "give_grant": _op("Give an administrative role (national centre, district operator, partner)", ACCESS,
                      "the grant", GrantBody, status=201, location=True),
    "list_grants": _op("The administrative grants you may manage", ACCESS, "a page of grants",
                       query=GrantListQuery, page=True),
    "withdraw_grant": _op("Withdraw an administrative grant", ACCESS, "the withdrawn grant"),
    "grant_audit": _op("Who gave or withdrew which grant, and when", ACCESS, "a page of audit entries",
                       query=PageQuery, page=True),
    # Operations (no authentication). Health and metrics are not here: they are on the ops
    # listener (METRICS_PORT on OPS_HOST), see docs/operations.md.
    "openapi_document": _op("This OpenAPI document", OPS, "the OpenAPI 3 document", public=True),
    "api_docs": _op("Readable API documentation (HTML)", OPS, "the documentation page", media=(HTML,),
                    public=True),
}


ANSWERS: dict[str, dict] = {
    **dict.fromkeys(("create_initiative", "advance_phase", "assign_anchor_person", "set_working_group",
                     "assign_coordinator", "establish_platform", "assign_platform_lead", "set_baseline",
                     "set_goal", "adjust_goal", "record_measurement", "record_assessment", "close_initiative",
                     "become_network", "document_result", "record_ripple_effect", "schedule_reality_checks",
                     "record_reality_check", "hold_citizen_meeting", "record_safety_walk",
                     "create_follow_up_action", "resolve_finding", "revise_initiative", "revise_challenge",
                     "pause_initiative", "resume_initiative"),
                    {"answer": r_initiatives.InitiativeChangeSchema}),
    "list_initiatives": {"answer": r_initiatives.InitiativeSummarySchema},
    "get_initiative": {"answer": r_initiatives.InitiativeSchema},
    "initiative_history": {"answer": r_initiatives.HistoryEventSchema},
    **dict.fromkeys(("register_actor", "get_actor", "update_actor", "give_consent", "withdraw_consent",
                     "appoint_representative", "remove_representative", "erase_actor"),
                    {"answer": r_actors.ActorSchema}),
    **dict.fromkeys(("list_memberships", "join_initiative", "leave_initiative", "join_platform",
                     "leave_platform"), {"answer": r_actors.MembershipSchema}),
    "export_personal_data": {"answer": r_actors.PersonalDataSchema},
    "find_actors": {"answer": r_actors.ActorFoundSchema},
    "contact_directory": {"answer": r_actors.DirectoryEntrySchema},
    "report_initiatives": {"answer": r_reporting.ReportSummarySchema},
    "report_initiative": {"answer": r_reporting.InitiativeReportSchema},
    "report_rollup": {"answer": r_reporting.RollupSchema},
    "report_export": {"answer": (r_reporting.InitiativeExportRowSchema, r_reporting.GoalExportRowSchema,
                                 r_reporting.RollupExportRowSchema)},
    "subscribe": {"answer": r_notifications.SubscriptionsSchema},
    "list_subscriptions": {"answer": r_notifications.SubscriptionSchema,
                           "page_also": (("defaults", r_notifications.DefaultRuleSchema),)},
    "unsubscribe": {"answer": r_notifications.UnsubscribedSchema},
    **dict.fromkeys(("get_preferences", "set_preferences"), {"answer": r_notifications.PreferencesSchema}),
    "get_feed": {"answer": r_notifications.FeedItemSchema},
    "mark_feed_read": {"answer": r_notifications.MarkedReadSchema},
    "mark_feed_item_read": {"answer": r_notifications.FeedItemReadSchema},
    **dict.fromkeys(("register_endpoint", "rotate_endpoint_secret"),
                    {"answer": r_notifications.EndpointWithSecretSchema}),
    **dict.fromkeys(("list_endpoints", "get_endpoint", "enable_endpoint", "disable_endpoint"),
                    {"answer": r_notifications.EndpointSchema}),
    "endpoint_delivery_log": {"answer": r_notifications.DeliveryAttemptSchema},
    "replay_delivery": {"answer": r_notifications.DeliverySchema},
    "replay_since": {"answer": r_notifications.ReplayedSchema},
    "who_am_i": {"answer": r_access.WhoAmISchema},
    **dict.fromkeys(("give_grant", "list_grants", "withdraw_grant"), {"answer": r_access.GrantSchema}),
    "grant_audit": {"answer": r_access.GrantAuditEntrySchema},
}
"""The success body of every JSON operation, from the contracts' response schemas."""
OPERATIONS = {name: replace(op, **ANSWERS.get(name, {})) for name, op in OPERATIONS.items()}
