"""The texts: per event type and language a subject and a body (paragraphs split by
a blank line). Placeholders name facts (see facts.py); values are escaped for HTML."""
from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    subject: str
    body: str


SEE_INITIATIVE = {"da": "Se initiativet: {link}", "en": "See the initiative: {link}"}

TEXTS: dict[str, dict[str, Text]] = {
    "InitiativeCreated": {
        "da": Text("Nyt initiativ i {district_name}: '{initiative_title}'",
                   "Et nyt co-creation initiativ er startet i {district_name}: '{initiative_title}'."
                   "\n\nUdfordringen: {challenge}"),
        "en": Text("New initiative in {district_name}: '{initiative_title}'",
                   "A new co-creation initiative has started in {district_name}: "
                   "'{initiative_title}'.\n\nThe challenge: {challenge}"),
    },
    "AnchorPersonAssigned": {
        "da": Text("Ny ankerperson for '{initiative_title}': {person_name}",
                   "{person_name} er nu ankerperson for '{initiative_title}' og holder tråden i "
                   "initiativet fra start til slut."),
        "en": Text("New anchor person for '{initiative_title}': {person_name}",
                   "{person_name} is now the anchor person of '{initiative_title}' and keeps the "
                   "thread of the initiative from start to end."),
    },
    "ActorJoined": {
        "da": Text("Ny aktør: {actor_name} har tilsluttet sig '{initiative_title}'",
                   "{actor_name} deltager nu i co-creation initiativet '{initiative_title}'."),
        "en": Text("New actor: {actor_name} has joined '{initiative_title}'",
                   "{actor_name} now takes part in the co-creation initiative '{initiative_title}'."),
    },
    "ActorLeft": {
        "da": Text("Aktør har forladt initiativet: {actor_name} har forladt '{initiative_title}'",
                   "{actor_name} deltager ikke længere i '{initiative_title}'. Det er en naturlig "
                   "del af et co-creation initiativ, at aktører kommer og går.\n\nBegrundelse: {reason}"),
        "en": Text("Actor left: {actor_name} has left '{initiative_title}'",
                   "{actor_name} no longer takes part in '{initiative_title}'. Actors coming and "
                   "going is a natural part of a co-creation initiative.\n\nReason: {reason}"),
    },
    "ActorEnrolled": {
        "da": Text("{actor_name} er tilmeldt '{initiative_title}'",
                   "{actor_name} er blevet tilmeldt co-creation initiativet '{initiative_title}' af "
                   "{enroller}.\n\nVil I ikke deltage, kan jeres repræsentant melde jer fra initiativet."),
        "en": Text("{actor_name} was enrolled in '{initiative_title}'",
                   "{actor_name} was enrolled in the co-creation initiative '{initiative_title}' by "
                   "{enroller}.\n\nIf you do not want to take part, your representative can leave the "
                   "initiative."),
    },
    "PlatformGoalReached": {
        "da": Text("Mål nået: udviklingsplatformen '{platform_name}' i '{initiative_title}'",
                   "Udviklingsplatformen '{platform_name}' har nået alle sine mål.\n\n{close_note}"),
        "en": Text("Goal reached: development platform '{platform_name}' in '{initiative_title}'",
                   "The development platform '{platform_name}' has reached all its goals.\n\n"
                   "{close_note}"),
    },
    "RealityCheckOverdue": {
        "da": Text("Realitetstjek mangler: '{platform_name}' i '{initiative_title}'",
                   "Realitetstjekket for '{platform_name}' skulle have været holdt senest "
                   "{due_date} og er {days_overdue} dage over tid.\n\nRealitetstjekket er den "
                   "løbende, procesorienterede evaluering i fase 6 og 7."),
        "en": Text("Reality check overdue: '{platform_name}' in '{initiative_title}'",
                   "The reality check of '{platform_name}' was due by {due_date} and is "
                   "{days_overdue} days overdue.\n\nThe reality check is the continuous, "
                   "process-oriented evaluation of phases 6 and 7."),
    },
    "ResultDocumented": {
        "da": Text("{result_label} i '{initiative_title}': {result_title}",
                   "Et resultat er dokumenteret i '{initiative_title}': {result_title}\n\n"
                   "{description}"),
        "en": Text("{result_label} in '{initiative_title}': {result_title}",
                   "A result was documented in '{initiative_title}': {result_title}\n\n"
                   "{description}"),
    },
    "InfluenceImbalanceDetected": {
        "da": Text("Skæv fordeling af indflydelse i '{initiative_title}'",
                   "Rapporteringen viser, at indflydelsen ikke er jævnt fordelt mellem de "
                   "{actor_count} aktører i '{initiative_title}': de mest aktive 20 % står for "
                   "{top20_percent} % af deltagelsen (Gini-koefficient {gini}).\n\nSom tovholder "
                   "kan du tage det op på den fælles platform."),
        "en": Text("Uneven influence in '{initiative_title}'",
                   "Reporting shows that influence is not evenly spread among the {actor_count} "
                   "actors of '{initiative_title}': the most active 20 % account for "
                   "{top20_percent} % of participation (Gini coefficient {gini}).\n\nAs the "
                   "coordinator you can raise it on the joint platform."),
    },
    "InitiativeClosed": {
        "da": Text("Initiativet er afsluttet: '{initiative_title}'",
                   "Co-creation initiativet '{initiative_title}' er afsluttet. Tak for jeres "
                   "bidrag.\n\nI alt er {results_count} resultater dokumenteret, heraf "
                   "{breakthroughs_count} gennembrud, og {ripple_effects_count} ringe i vandet."
                   "\n\n{summary}"),
        "en": Text("Initiative closed: '{initiative_title}'",
                   "The co-creation initiative '{initiative_title}' has closed. Thank you for "
                   "your contribution.\n\nIn all {results_count} results were documented, "
                   "{breakthroughs_count} of them breakthroughs, and {ripple_effects_count} "
                   "ripples in the water.\n\n{summary}"),
    },
    "InitiativeBecameNetwork": {
        "da": Text("'{initiative_title}' fortsætter som netværket '{network_name}'",
                   "Co-creation initiativet '{initiative_title}' er afsluttet og fortsætter som "
                   "netværket '{network_name}', så den faglige dialog holdes ved lige.\n\n{purpose}"),
        "en": Text("'{initiative_title}' continues as the network '{network_name}'",
                   "The co-creation initiative '{initiative_title}' has closed and continues as "
                   "the network '{network_name}', keeping the professional dialogue going."
                   "\n\n{purpose}"),
    },
    "InitiativePaused": {
        "da": Text("'{initiative_title}' er sat i bero",
                   "Co-creation initiativet '{initiative_title}' er sat i bero i fasen "
                   "{phase_name}. Det går ikke videre til næste fase, før det genoptages; det, I "
                   "allerede laver, kan stadig registreres.\n\nBegrundelse: {pause_reason}"),
        "en": Text("'{initiative_title}' is on standby",
                   "The co-creation initiative '{initiative_title}' is on standby in the phase "
                   "{phase_name}. It does not move on to the next phase until it is resumed; the "
                   "work under way can still be recorded.\n\nReason: {pause_reason}"),
    },
    "InitiativeResumed": {
        "da": Text("'{initiative_title}' er genoptaget",
                   "Co-creation initiativet '{initiative_title}' er genoptaget i fasen "
                   "{phase_name} efter {days_paused} dage i bero.\n\n{note}"),
        "en": Text("'{initiative_title}' has resumed",
                   "The co-creation initiative '{initiative_title}' has resumed in the phase "
                   "{phase_name} after {days_paused} days on standby.\n\n{note}"),
    },
    "RealityCheckScheduled": {
        "da": Text("Realitetstjek planlagt: '{platform_name}' i '{initiative_title}'",
                   "Udviklingsplatformen '{platform_name}' holder realitetstjek hver "
                   "{interval_days}. dag. Det næste skal holdes senest {next_due}.\n\n"
                   "Realitetstjekket er den løbende, procesorienterede evaluering i fase 6 og 7."),
        "en": Text("Reality check scheduled: '{platform_name}' in '{initiative_title}'",
                   "The development platform '{platform_name}' holds a reality check every "
                   "{interval_days} days. The next one is due by {next_due}.\n\n"
                   "The reality check is the continuous, process-oriented evaluation of phases "
                   "6 and 7."),
    },
    "FollowUpActionCreated": {
        "da": Text("Opfølgning til {actor_name} efter tryghedsvandringen i '{initiative_title}'",
                   "Et fund fra en tryghedsvandring i '{initiative_title}' ({category_name}) er "
                   "blevet til en opfølgning, som {actor_name} står for:\n\n{description}\n\n"
                   "Frist: {due_date}"),
        "en": Text("Follow-up for {actor_name} after the safety walk in '{initiative_title}'",
                   "A finding from a safety walk in '{initiative_title}' ({category_name}) has "
                   "become a follow-up action assigned to {actor_name}:\n\n{description}\n\n"
                   "Due by: {due_date}"),
    },
    "WebhookEndpointDisabled": {
        "da": Text("Webhook slået fra: {url}",
                   "Vi har stoppet leveringen af hændelser til {url}, fordi {reason_text}.\n\n"
                   "Hændelser, der ikke kunne leveres, er gemt. Slå endpointet til igen og send "
                   "dem igen (replay), når jeres system er klar."),
        "en": Text("Webhook disabled: {url}",
                   "We have stopped delivering events to {url} because {reason_text}.\n\n"
                   "Events that could not be delivered are kept. Enable the endpoint again and "
                   "replay them when your system is ready."),
    },
}

GENERIC = {
    "da": Text("Ny hændelse i Samskab: {event_type}",
               "Hændelsen {event_type} er sket den {occurred_date} i '{initiative_title}'."),
    "en": Text("New event in Samskab: {event_type}",
               "The event {event_type} happened on {occurred_date} in '{initiative_title}'."),
}

DISABLED_REASONS = {
    "da": {"gone": "det svarede 410 Gone", "failing": "alle forsøg er fejlet i over et døgn",
           "operator": "det blev slået fra manuelt (af jer eller en operatør)"},
    "en": {"gone": "it answered 410 Gone", "failing": "every attempt failed for more than a day",
           "operator": "it was disabled by hand (by you or an operator)"},
}

FOOTER = {
    "da": "Du får denne besked fra Samskab. Du kan ændre, hvad du får besked om, under dine "
          "indstillinger: {settings_link}",
    "en": "You receive this message from Samskab. You can change what you are told about in your "
          "settings: {settings_link}",
}

DIGEST = {
    "da": Text("Samskab: dagens overblik – {count} nye hændelser",
               "Her er, hvad der er sket siden sidste overblik:"),
    "en": Text("Samskab: your daily digest – {count} updates",
               "Here is what happened since the last digest:"),
}

ENROLLERS = {
    "da": {"anchor_person": "initiativets ankerperson", "coordinator": "initiativets tovholder",
           "district_operator": "en operatør i politikredsen"},
    "en": {"anchor_person": "the initiative's anchor person", "coordinator": "the initiative's coordinator",
           "district_operator": "an operator of the police district"},
}

UNKNOWN = {"da": "(ukendt)", "en": "(unknown)"}
NOT_GIVEN = {"da": "ikke oplyst", "en": "not given"}
CITIZEN = {"da": "En borger", "en": "A citizen"}  # citizens are never named in events
SOME_ACTOR = {"da": "En aktør", "en": "An actor"}  # an actor we never learnt the name of

LEAVE_REASONS = {
    "da": {"goal_reached": "målet er nået", "lack_of_resources": "mangel på ressourcer",
           "collaboration_problems": "problemer i samarbejdet",
           "changed_priorities": "ændrede prioriteter",
           "initiative_narrowed": "initiativet er blevet skærpet", "erased": "oplysningerne er slettet",
           "other": "andet"},
    "en": {"goal_reached": "the goal was reached", "lack_of_resources": "lack of resources",
           "collaboration_problems": "problems in the collaboration",
           "changed_priorities": "changed priorities", "initiative_narrowed": "the initiative narrowed",
           "erased": "the details were erased", "other": "other"},
}

CLOSE_NOTES = {
    "da": {True: "Alle udviklingsplatforme har nu nået deres mål, så initiativet kan afsluttes.",
           False: "Initiativet kan afsluttes, når alle udviklingsplatforme har nået deres mål."},
    "en": {True: "Every development platform has now reached its goals, so the initiative can close.",
           False: "The initiative can close when every development platform has reached its goals."},
}

RESULT_LABELS = {
    "da": {"breakthrough": "Gennembrud", "": "Nyt resultat"},
    "en": {"breakthrough": "Breakthrough", "": "New result"},
}
