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
    "PlatformGoalReached": {
        "da": Text("Mål nået: udviklingsplatformen '{platform_name}' i '{initiative_title}'",
                   "Udviklingsplatformen '{platform_name}' har nået sit mål: {goal}\n\nInitiativet "
                   "kan afsluttes, når alle udviklingsplatforme har nået deres mål."),
        "en": Text("Goal reached: development platform '{platform_name}' in '{initiative_title}'",
                   "The development platform '{platform_name}' has reached its goal: {goal}\n\nThe "
                   "initiative can close when every development platform has reached its goals."),
    },
    "RealityCheckOverdue": {
        "da": Text("Realitetstjek mangler: '{platform_name}' i '{initiative_title}'",
                   "Realitetstjekket for '{platform_name}' skulle have været holdt senest "
                   "{due_date}.\n\nRealitetstjekket er den løbende, procesorienterede evaluering i "
                   "fase 6 og 7."),
        "en": Text("Reality check overdue: '{platform_name}' in '{initiative_title}'",
                   "The reality check of '{platform_name}' was due by {due_date}.\n\nThe reality "
                   "check is the continuous, process-oriented evaluation of phases 6 and 7."),
    },
    "ResultDocumented": {
        "da": Text("Nyt resultat i '{initiative_title}': {result_title}",
                   "Et resultat er dokumenteret i '{initiative_title}': {result_title}\n\n"
                   "{result_description}"),
        "en": Text("New result in '{initiative_title}': {result_title}",
                   "A result was documented in '{initiative_title}': {result_title}\n\n"
                   "{result_description}"),
    },
    "InfluenceImbalanceDetected": {
        "da": Text("Skæv fordeling af indflydelse i '{initiative_title}'",
                   "Rapporteringen viser, at indflydelsen ikke er jævnt fordelt mellem aktørerne i "
                   "'{initiative_title}'.\n\n{detail}\n\nSom tovholder kan du tage det op på den "
                   "fælles platform."),
        "en": Text("Uneven influence in '{initiative_title}'",
                   "Reporting shows that influence is not evenly spread among the actors of "
                   "'{initiative_title}'.\n\n{detail}\n\nAs the coordinator you can raise it on the "
                   "joint platform."),
    },
    "InitiativeClosed": {
        "da": Text("Initiativet er afsluttet: '{initiative_title}'",
                   "Co-creation initiativet '{initiative_title}' er afsluttet. Tak for jeres bidrag."),
        "en": Text("Initiative closed: '{initiative_title}'",
                   "The co-creation initiative '{initiative_title}' has closed. Thank you for your "
                   "contribution."),
    },
    "InitiativeBecameNetwork": {
        "da": Text("'{initiative_title}' fortsætter som netværk",
                   "Co-creation initiativet '{initiative_title}' er afsluttet og fortsætter som et "
                   "netværk af aktørerne, så den faglige dialog holdes ved lige."),
        "en": Text("'{initiative_title}' continues as a network",
                   "The co-creation initiative '{initiative_title}' has closed and continues as a "
                   "network of its actors, keeping the professional dialogue going."),
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
           "operator": "en operatør slog det fra"},
    "en": {"gone": "it answered 410 Gone", "failing": "every attempt failed for more than a day",
           "operator": "an operator disabled it"},
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

UNKNOWN = {"da": "(ukendt)", "en": "(unknown)"}
