"""The authorisation matrix: for every authenticated route, the outcome each role
gets on its own fixture world (see gateway_world.py). Rows run in this order for
every role, so a role allowed to change things finds its world in the state the
earlier rows left (closing, the network and erasure come last)."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import requests
from gateway_world import DISTRICT, HOOK_URL, TODAY, World, actor_body, initiative_body

OK, FORBIDDEN, NOT_FOUND = "2xx", 403, 404
ROLES = ("national_centre", "district_operator", "anchor_person", "coordinator", "working_group",
         "actor_representative", "partner", "foreign_operator")
"""The roles of docs/access.md, plus a district operator of another district (fyn) to show
district scoping. The actor representative's actor takes part in its world's initiative
(a participant)."""
LEADERS = ("district_operator", "anchor_person")
WORKERS = (*LEADERS, "coordinator", "working_group")
WRITERS = ("district_operator", "anchor_person", "coordinator")
READERS = ("national_centre", *WORKERS, "actor_representative")
"""Who may read the world's initiative: the others are told it is not found."""
ACTOR_READERS = ("district_operator", "actor_representative")
ACTOR_WRITERS = ("district_operator", "actor_representative")
ENDPOINT_OWNERS = ("national_centre", "district_operator", "partner", "foreign_operator")
"""Roles that may register webhook endpoints; the others are shown someone else's."""

Body = dict | Callable[[World], dict] | None


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    """Formatted with the world's fields, e.g. ``/initiatives/{initiative_id}``."""
    body: Body = None
    query: dict = field(default_factory=dict)

    def send(self, session: requests.Session, base: str, world: World) -> requests.Response:
        values = {**vars(world), "finding_0": world.finding_ids[0], "finding_1": world.finding_ids[1]}
        body = self.body(world) if callable(self.body) else self.body
        return session.request(self.method, base + self.path.format(**values), json=body,
                               params=self.query, timeout=30)


def allow(*roles: str, otherwise: int = FORBIDDEN) -> dict[str, str | int]:
    return {role: OK if role in roles else otherwise for role in ROLES}


def everyone(outcome: str | int = OK) -> dict[str, str | int]:
    return dict.fromkeys(ROLES, outcome)


def on_initiative(*roles: str) -> dict[str, str | int]:
    """An initiative command: allowed for ``roles``, forbidden for the other readers, not
    found for whoever may not even read the initiative."""
    return {role: OK if role in roles else FORBIDDEN if role in READERS else NOT_FOUND for role in ROLES}


INI = "/initiatives/{initiative_id}"
PLATFORM = INI + "/platforms/{platform_id}"

MATRIX: dict[str, tuple[Call, dict[str, str | int]]] = {
    "list_initiatives": (Call("GET", "/initiatives", query={"district": DISTRICT}), everyone()),
    "get_initiative": (Call("GET", INI), on_initiative(*READERS)),
    "initiative_history": (Call("GET", INI + "/history"), on_initiative(*READERS)),
    "create_initiative": (Call("POST", "/initiatives", initiative_body("Ny")), allow("district_operator")),
    "assign_anchor_person": (Call("PUT", INI + "/anchor-person", {
        "anchor_person": {"person_id": "bo", "name": "Bo"}, "reason": "overdragelse"}), on_initiative(*LEADERS)),
    "set_working_group": (Call("PATCH", INI + "/working-group", {
        "add": [{"person_id": "wg-1", "name": "Gitte"}]}), on_initiative(*LEADERS)),
    "assign_coordinator": (Call("PUT", INI + "/coordinator", {"coordinator": {"person_id": "cc", "name": "Carl"}}),
                           on_initiative(*LEADERS)),
    "establish_platform": (Call("POST", INI + "/platforms", {"name": "Natteliv", "focus_area": "Tryghed"}),
                           on_initiative(*LEADERS)),
    "assign_platform_lead": (Call("PUT", PLATFORM + "/lead", {"lead": {"person_id": "pl", "name": "Pia"}}),
                             on_initiative(*LEADERS)),
    "set_baseline": (Call("PUT", INI + "/baseline", {"description": "Udgangspunkt", "date": TODAY}),
                     on_initiative(*WORKERS)),
    "set_goal": (Call("POST", INI + "/goals", {"kind": "process", "goal_type": "qualitative", "title": "Samarbejde",
                                             "target_level": 4}), on_initiative(*WORKERS)),
    "adjust_goal": (Call("PATCH", INI + "/goals/{quantitative_goal_id}", {
        "changes": {"title": "Endnu færre indbrud"}, "reason": "nyt mål"}), on_initiative(*WORKERS)),
    "record_measurement": (Call("POST", INI + "/goals/{quantitative_goal_id}/measurements", {
        "date": TODAY, "value": 30}), on_initiative(*WORKERS)),
    "record_assessment": (Call("POST", INI + "/goals/{qualitative_goal_id}/assessments", {
        "date": TODAY, "level": 3, "assessment": "på vej"}), on_initiative(*WORKERS)),
    "document_result": (Call("POST", INI + "/results", {"title": "Lys i gården", "date": TODAY, "size": "small"}),
                        on_initiative(*WORKERS)),
    "record_ripple_effect": (Call("POST", INI + "/ripple-effects", {
        "title": "Naboerne mødes", "date": TODAY, "evidence": [{"description": "referat"}]}), on_initiative(*WORKERS)),
    "schedule_reality_checks": (Call("PUT", PLATFORM + "/reality-check-schedule", {"interval_days": 30}),
                                on_initiative(*WORKERS)),
    "record_reality_check": (Call("POST", PLATFORM + "/reality-checks", {
        "date": TODAY, "scores": {"collaboration": 4}}), on_initiative(*WORKERS)),
    "hold_citizen_meeting": (Call("POST", INI + "/citizen-meetings", {"date": TODAY, "place": "Biblioteket"}),
                             on_initiative(*WORKERS)),
    "record_safety_walk": (Call("POST", INI + "/safety-walks", {
        "date": TODAY, "place": "Parken", "route": [[57.45, 9.98], [57.46, 9.99]]}), on_initiative(*WORKERS)),
    "create_follow_up_action": (Call("POST", INI + "/findings/{finding_0}/follow-up-actions", lambda w: {
        "assigned_actor_id": w.member_actor_id, "description": "Fjern graffiti"}), on_initiative(*WORKERS)),
    "resolve_finding": (Call("POST", INI + "/findings/{finding_1}/resolution", {
        "resolution": "Lyset er sat op", "date": TODAY}), on_initiative(*WORKERS)),
    "record_mapping_source": (Call("POST", INI + "/mapping/sources", {
        "kind": "data", "gathered_by": "Analytiker", "date": TODAY, "description": "Anmeldelser"}),
        on_initiative(*WORKERS)),
    "record_problem_statement": (Call("POST", INI + "/mapping/problem-statements", lambda w: {
        "statement": "Utryghed om aftenen", "source_ids": [w.source_id]}), on_initiative(*WORKERS)),
    "summarise_mapping": (Call("PUT", INI + "/mapping/summary", {"summary": "Indbrud og utryghed"}),
                          on_initiative(*WORKERS)),
    "choose_direction": (Call("PUT", INI + "/analysis/direction", {"direction": "Lys og naboskab"}),
                         on_initiative(*WORKERS)),
    "identify_potential_actor": (Call("POST", INI + "/analysis/potential-actors", {
        "name": "Kommunen", "kind": "municipality", "why": "Ejer lygtepælene"}), on_initiative(*WORKERS)),
    "update_dialogue": (Call("PUT", INI + "/analysis/potential-actors/{potential_actor_id}/dialogue", {
        "dialogue_status": "joined", "would_bring": "Lokaler"}), on_initiative(*WORKERS)),
    "align_expectations": (Call("POST", INI + "/involvement/alignments", {
        "agreed": "Vi mødes hver måned", "parties": ["Byrådet"], "date": TODAY}), on_initiative(*WORKERS)),
    "assign_deputy_anchor_person": (Call("PUT", INI + "/deputy-anchor-person", {
        "deputy": {"person_id": "dep", "name": "Dea"}, "reason": "barsel"}), on_initiative(*LEADERS)),
    "set_governance_group": (Call("PUT", INI + "/governance-groups/steering_group", {
        "members": [{"name": "Politiinspektør", "organisation": "Politiet"}]}), on_initiative(*LEADERS)),
    "describe_anchoring": (Call("PUT", INI + "/anchoring", {"anchoring": "Lokalrådet"}),
                           on_initiative(*LEADERS)),
    "record_funding": (Call("POST", INI + "/funding", {"source": "EU-pulje", "amount_kr": 1000}),
                       on_initiative(*LEADERS)),
    "record_time_contribution": (Call("POST", INI + "/time-contributions", {
        "organisation": "Kommunen", "hours": 2, "period_start": TODAY, "period_end": TODAY}),
        on_initiative(*WORKERS)),
    "record_proposal": (Call("POST", INI + "/proposals", lambda w: {
        "actor_id": w.member_actor_id, "title": "Lys på stien", "date": TODAY}), on_initiative(*WORKERS)),
    "record_activity": (Call("POST", INI + "/activities", {
        "kind": "theme_evening", "date": TODAY, "place": "Biblioteket", "citizens_count": 20,
        "target_groups": ["parents"]}), on_initiative(*WORKERS)),
    "hand_over_idea": (Call("POST", INI + "/ideas-handed-over", {
        "idea": "Natbusser", "recipient_name": "Kommunen", "date": TODAY}), on_initiative(*WORKERS)),
    "record_idea_outcome": (Call("PUT", INI + "/ideas-handed-over/{idea_id}/outcome", lambda w: {
        "outcome": f"Natbusser kører ({uuid.uuid4().hex[:6]})"}), on_initiative(*WORKERS)),
    "record_lesson": (Call("POST", INI + "/lessons", {
        "kind": "learned", "text": "Inddrag naboerne tidligt", "about_phase": "mapping"}), on_initiative(*WORKERS)),
    "record_partner_quote": (Call("POST", INI + "/partner-quotes", lambda w: {
        "quote": "Vi kender hinanden nu", "organisation": "Boligforeningen", "role": "Formand", "date": TODAY,
        "actor_id": w.member_actor_id}), on_initiative(*WORKERS)),
    "link_inspiration": (Call("POST", INI + "/inspirations", {
        "inspired_by_initiative_id": "et-initiativ-andetsteds", "title": "NæverZone"}), on_initiative(*WORKERS)),
    "register_actor": (Call("POST", "/actors", actor_body("Ny forening")), allow(*WRITERS)),
    "find_actors": (Call("GET", "/actors", query={"name": "Borger"}), everyone()),
    "get_actor": (Call("GET", "/actors/{actor_id}"), allow(*ACTOR_READERS, otherwise=NOT_FOUND)),
    "update_actor": (Call("PATCH", "/actors/{actor_id}", {"display_name": "Borger Nord"}),
                     allow(*ACTOR_WRITERS, otherwise=NOT_FOUND)),
    "give_consent": (Call("POST", "/actors/{actor_id}/consents", {"purpose": "notifications"}),
                     allow(*ACTOR_WRITERS, otherwise=NOT_FOUND)),
    "withdraw_consent": (Call("DELETE", "/actors/{actor_id}/consents/notifications"),
                         allow(*ACTOR_WRITERS, otherwise=NOT_FOUND)),
    "appoint_representative": (Call("PUT", "/actors/{actor_id}/representatives/ny-rep@example.dk"),
                               allow(*ACTOR_WRITERS, otherwise=NOT_FOUND)),
    "remove_representative": (Call("DELETE", "/actors/{actor_id}/representatives/ny-rep@example.dk"),
                              allow(*ACTOR_WRITERS, otherwise=NOT_FOUND)),
    "export_personal_data": (Call("GET", "/actors/{actor_id}/personal-data"), allow(*ACTOR_WRITERS)),
    "list_memberships": (Call("GET", "/actors/{actor_id}/memberships"), allow(*ACTOR_READERS, otherwise=NOT_FOUND)),
    "join_initiative": (Call("POST", INI + "/members", lambda w: {"actor_id": w.actor_id}),
                        on_initiative(*WRITERS, "actor_representative")),
    "join_platform": (Call("POST", PLATFORM + "/members", lambda w: {"actor_id": w.actor_id}),
                      on_initiative(*WRITERS, "actor_representative")),
    "leave_platform": (Call("POST", PLATFORM + "/members/{actor_id}/leave", {}),
                       on_initiative(*WRITERS, "actor_representative")),
    "leave_initiative": (Call("POST", INI + "/members/{actor_id}/leave", {"reason": "flytter"}),
                         on_initiative(*WRITERS, "actor_representative")),
    "contact_directory": (Call("GET", INI + "/contacts"), on_initiative("district_operator", "anchor_person",
                                                                        "coordinator")),
    "report_initiatives": (Call("GET", "/reports/initiatives"), everyone()),
    "report_initiative": (Call("GET", "/reports/initiatives/{initiative_id}"), allow(*READERS, otherwise=NOT_FOUND)),
    "report_rollup": (Call("GET", "/reports/rollup"), everyone()),
    "report_lessons": (Call("GET", "/reports/lessons", query={"phase": "mapping"}), everyone()),
    "report_catalogue": (Call("GET", "/reports/catalogue", query={"format": "markdown"}), everyone()),
    "report_dashboard": (Call("GET", "/reports/dashboard"), everyone()),
    "report_export": (Call("GET", "/reports/exports/initiatives", query={"format": "json"}), everyone()),
    "subscribe": (Call("POST", "/subscriptions", lambda w: {"event_types": ["InitiativeClosed"],
                                                             "initiative_id": w.initiative_id}),
                  on_initiative(*READERS)),
    "list_subscriptions": (Call("GET", "/subscriptions"), everyone()),
    "get_preferences": (Call("GET", "/me/preferences"), everyone()),
    "set_preferences": (Call("PUT", "/me/preferences", {"language": "en"}), everyone()),
    "get_feed": (Call("GET", "/me/feed"), everyone()),
    "mark_feed_read": (Call("POST", "/me/feed/read"), everyone()),
    "mark_feed_item_read": (Call("POST", "/me/feed/no-such-item/read"), everyone(NOT_FOUND)),
    "register_endpoint": (Call("POST", "/webhook-endpoints", {"url": HOOK_URL, "event_types": ["InitiativeClosed"]}),
                          allow(*ENDPOINT_OWNERS)),
    "list_endpoints": (Call("GET", "/webhook-endpoints"), everyone()),
    "get_endpoint": (Call("GET", "/webhook-endpoints/{endpoint_id}"), allow(*ENDPOINT_OWNERS)),
    "endpoint_delivery_log": (Call("GET", "/webhook-endpoints/{endpoint_id}/deliveries"), allow(*ENDPOINT_OWNERS)),
    "rotate_endpoint_secret": (Call("POST", "/webhook-endpoints/{endpoint_id}/secret-rotation"),
                               allow(*ENDPOINT_OWNERS)),
    "disable_endpoint": (Call("POST", "/webhook-endpoints/{endpoint_id}/disable"), allow(*ENDPOINT_OWNERS)),
    "enable_endpoint": (Call("POST", "/webhook-endpoints/{endpoint_id}/enable"), allow(*ENDPOINT_OWNERS)),
    "replay_delivery": (Call("POST", "/webhook-endpoints/{endpoint_id}/deliveries/no-such-delivery/replay"),
                        {r: NOT_FOUND if r in ENDPOINT_OWNERS else FORBIDDEN for r in ROLES}),
    "replay_since": (Call("POST", "/webhook-endpoints/{endpoint_id}/replay", {"since": "2024-01-01T00:00:00Z"}),
                     allow(*ENDPOINT_OWNERS)),
    "unsubscribe": (Call("DELETE", "/subscriptions/{subscription_id}"), everyone()),
    "revise_initiative": (Call("PATCH", INI, {"focus_area": "Hjørring by", "reason": "fokus"}),
                          on_initiative(*LEADERS)),
    "revise_challenge": (Call("PUT", INI + "/challenge", {"challenge": {"text": "Indbrud i villaer"},
                                                         "reason": "analysen"}), on_initiative(*LEADERS)),
    "pause_initiative": (Call("POST", INI + "/pause", {"reason": "COVID-19"}), on_initiative(*LEADERS)),
    "resume_initiative": (Call("POST", INI + "/resumption", {}), on_initiative(*LEADERS)),
    "add_participating_district": (Call("PUT", INI + "/participating-districts/bornholm"), on_initiative(*LEADERS)),
    "set_scope": (Call("PUT", INI + "/scope", {"scope": "national", "reason": "et nationalt forum"}),
                  on_initiative(*LEADERS)),
    "remove_participating_district": (Call("DELETE", INI + "/participating-districts/bornholm"),
                                      on_initiative(*LEADERS)),
    "advance_phase": (Call("POST", INI + "/phase-transitions", {
        "to_phase": "closing", "reason": "færdig", "override_reason": "vi stopper her"}), on_initiative(*LEADERS)),
    "close_initiative": (Call("POST", INI + "/closure", {"summary": "Godt arbejde"}), on_initiative(*LEADERS)),
    "become_network": (Call("POST", INI + "/network", {"network_name": "Trygt Hjørring"}), on_initiative(*LEADERS)),
    "erase_actor": (Call("POST", "/actors/{actor_id}/erasure"), allow(*ACTOR_WRITERS, otherwise=NOT_FOUND)),
    "who_am_i": (Call("GET", "/me"), everyone()),
    "give_grant": (Call("POST", "/admin/grants", {"subject": "ny@politi.dk", "role": "district_operator",
                                                  "district": DISTRICT}),
                   allow("national_centre", "district_operator")),
    "list_grants": (Call("GET", "/admin/grants"), everyone()),
    "grant_audit": (Call("GET", "/admin/grants-audit"), everyone()),
    "withdraw_grant": (Call("DELETE", "/admin/grants/{grant_id}"), {
        role: OK if role in ("national_centre", "district_operator") else FORBIDDEN for role in ROLES}),
}


def principal_of(role: str, world: World) -> dict:
    """The token claims of ``role`` on its world."""
    if role == "foreign_operator":
        return {"role": "district_operator", "district": "fyn"}
    claims: dict = {"role": role, "district": DISTRICT if role == "district_operator" else None}
    if role in ("anchor_person", "coordinator", "working_group", "actor_representative"):
        claims["initiatives"] = (world.initiative_id,)
    if role == "actor_representative":
        claims["actor_id"] = world.actor_id
    return claims


def matches(status: int, expected: str | int) -> bool:
    return 200 <= status < 300 if expected == OK else status == expected
