"""The nine real cases of the national police's co-creation case catalogue (Rigspolitiet,
"Co-creation casekatalog", June 2021; /work/shared/seeds/002, summarised in DOMAIN.md),
entered through the public API only, as the people of each police district would.

Each case is an initiative in its district with the catalogue's own challenge, its themes,
the organisations the catalogue lists as its actors (an organisation named in two cases is
one actor taking part in both: organisations take part across districts) and, where the
catalogue names residents or pupils as actors, a few citizens who join on their own
request through their representative. The catalogue names no police district for
"IT-relateret økonomisk kriminalitet" (a national forum); it is entered under Københavns
Politi. The police's own units are the initiative's owners, not actors, and are left out.

Against ``make run`` (organisations only: a citizen joins through their own representative,
whom no operator command appoints)::

    python scripts/case_catalogue.py [--url http://127.0.0.1:8000]

It gives ``casekatalog@politi.dk`` the district operator grant in each case's district
(audited, as ``gateway.cli grant`` does) and enters the cases with a token for it. The
end-to-end test ``tests/e2e/test_reports_follow_access.py`` enters them with citizens.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import requests

LOADER = "casekatalog@politi.dk"

MUN, AUTH, BUS, ASSOC, EDU, HOUSING, GROUP = ("municipality", "other_authority", "business", "association",
                                             "educational_institution", "housing_organisation", "citizen_group")


@dataclass(frozen=True)
class Case:
    title: str
    district: str
    municipalities: tuple[str, ...]
    themes: tuple[str, ...]
    challenge: str
    actors: tuple[tuple[str, str], ...]
    """(name, kind) of each organisation, as the catalogue lists them."""
    citizens: int = 0
    """Citizens (persons) taking part, each joining on their own request."""


CASES: tuple[Case, ...] = (
    Case("NæverZone – Nul Narko i Næstved", "sydsjaelland_og_lolland_falster", ("Næstved",),
         ("drugs_in_nightlife",),
         "En dominerende lokal fortælling om Næstved som en by med mange stoffer i nattelivet, som kan "
         "påvirke de unge til øget risikovillighed.",
         (("Næstved Taxa", BUS), ("Bevillingsnævnet i Næstved", AUTH), ("Cityforeningen", ASSOC),
          ("Natteravnene i Næstved", ASSOC), ("Sepps", BUS), ("The Beach", BUS), ("Crazy Daisy", BUS),
          ("Cheers", BUS), ("Step Inn", BUS), ("Næstved Gymnasium og HF", EDU), ("EUC Sjælland", EDU),
          ("HHX", EDU), ("Herlufsholm Skole og Kostskole", EDU), ("Ungdomsprojekthuset JB10", ASSOC),
          ("SSP Næstved Kommune", MUN), ("Næstved Kommune", MUN))),
    Case("Et trygt natteliv i Aalborg", "nordjylland", ("Aalborg",), ("safe_urban_spaces", "drugs_in_nightlife"),
         "Utryghed, vold og gadehandel med stoffer i Aalborgs natteliv omkring Jomfru Ane Gade.",
         (("Aalborg Kommune", MUN), ("DanTaxa", BUS), ("Falck", BUS), ("Nordjyllands Trafikselskab", AUTH),
          ("Arriva", BUS), ("Visit Aalborg", ASSOC), ("Erhvervsdrivende i Jomfru Ane Gade", GROUP),
          ("Aalborg Event", BUS), ("Aalborg City", ASSOC), ("De Frivilliges Hus", ASSOC),
          ("Den Sociale Skadestue", ASSOC), ("Reden", ASSOC), ("Center for Rusmiddelforskning", EDU),
          ("Integrationsrådet", AUTH), ("A Good Night Out", ASSOC), ("Everyday Sexism Project Denmark", ASSOC),
          ("Cafe Tusindfryd", BUS))),
    Case("Fælles om Farum", "nordsjaelland", ("Furesø",), ("housing_area_safety",),
         "Utryghed og organiseret hashhandel i og omkring Farum Midtpunkt.",
         (("Furesø Boligselskab", HOUSING), ("KAB", HOUSING), ("Farum Midtpunkts beboerdemokrati 'Blokrådet'", GROUP),
          ("Furesø Kommune", MUN), ("SSP og gadeplan", MUN), ("Center for Børn & Voksne", MUN),
          ("Ungdomsskolen", EDU), ("Farum Bibliotek", MUN), ("Furesø Ungekoordinator", MUN),
          ("Farum Kulturhus", MUN), ("Furesø Fritidsvejledning", MUN), ("Fritidsklubber i Farum Midtpunkt", MUN),
          ("Skolerne i Farum", EDU), ("Kommunale Ejendomme og Anlæg", MUN),
          ("Svanepunktet pleje- og rehabiliteringscenter", MUN), ("FC Nordsjælland", ASSOC),
          ("FrivilligCenteret", ASSOC), ("Farum Bytorv", BUS), ("Furesø E-Sport", ASSOC),
          ("Farum Bokseklub", ASSOC), ("Lejerbo", HOUSING)),
         citizens=3),
    Case("Hjørring – Fri for Indbrud", "nordjylland", ("Hjørring",), ("burglary_prevention",),
         "Markant stigning i indbrud i private hjem; indbrud er en af de kriminalitetsformer, der gør "
         "borgerne mest utrygge.",
         (("SSP Hjørring", MUN), ("Offerrådgivningen", ASSOC), ("Det Kriminalpræventive Råd", ASSOC),
          ("Trygfonden", ASSOC), ("KN Låseteknik", BUS), ("Fjordbak Byg", BUS), ("Bjerg Arkitektur", BUS),
          ("Madsen & Hedegaard A/S", BUS), ("University College Nordjylland", EDU), ("BoVendia", HOUSING),
          ("Glaseksperten", BUS), ("Domea", HOUSING), ("Lytzen Alarm", BUS), ("XL-Byg", BUS)),
         citizens=2),
    Case("Co-creation i Gullestrup", "midt_og_vestjylland", ("Herning",), ("jobs_and_inclusion", "housing_area_safety"),
         "Sociale udfordringer, utryghed og kriminalitet i Gullestrup, men også mange frivillige hænder "
         "og lokale kræfter.",
         (("Kvik Køkkener Herning", BUS), ("Sunds El", BUS), ("2LP", BUS), ("X & Co", BUS),
          ("KD Emballage", BUS), ("Lind Larsen", BUS), ("Lægerne i Lind", BUS),
          ("Thomas Osbar Consulting", BUS), ("Ejner Hessel A/S", BUS), ("Zyztm, Reklametryk", BUS),
          ("Konfair A/S", BUS), ("Agrokorn", BUS), ("Torben Krogh", BUS), ("Clipper A/S", BUS),
          ("Plads til Forskel/Fællesbo", ASSOC), ("Lokalrådet i Gullestrup", GROUP),
          ("Møltrup Optagelseshjem", ASSOC), ("DRIFT Herning Kommune", MUN), ("Code of Care", BUS))),
    Case("Tryghed omkring Udrejsecenter Kærshovedgård", "midt_og_vestjylland", ("Ikast-Brande",),
         ("safe_urban_spaces",),
         "Utryghed blandt borgerne i Bording og omegn efter åbningen af udrejsecenteret.",
         (("Arriva", BUS), ("Fakta", BUS), ("OK-tank", BUS), ("Kærshovedgård Put And Take", BUS),
          ("Lokale tryghedsambassadører", GROUP), ("Bording Hallen", ASSOC), ("Würtz Design", BUS),
          ("Bording Skole", EDU), ("Købmandsgården", BUS), ("Bording Lokalråd", GROUP),
          ("Vores Ikast", ASSOC), ("Isenvad Lokalråd", GROUP)),
         citizens=2),
    Case("Bryd fødekæden til banderne", "oestjylland", ("Aarhus",), ("gang_recruitment", "housing_area_safety"),
         "Banderekruttering af unge i udsatte boligområder i og omkring Aarhus; fokus flyttet fra "
         "Bispehaven til Herredsvang.",
         ()),
    Case("IT-relateret økonomisk kriminalitet", "koebenhavn", (), ("digital_crime",),
         "Ny IT-relateret økonomisk kriminalitet: manglende fælles viden, sprog og kompetencer, "
         "magtesløshed hos ofre og aktører.",
         tuple((name, ASSOC if name in ("Dansk Erhverv", "Forbrugerrådet TÆNK", "Trygfonden", "Ældresagen",
                                         "Det Kriminalpræventive Råd", "Rettighedsalliancen")
                else AUTH if name in ("Digitaliseringsstyrelsen", "Erhvervsstyrelsen", "Forbrugerombudsmanden",
                                      "SKAT", "Skattestyrelsen", "KL", "Rådet for Digital Sikkerhed")
                else EDU if name.startswith("Aalborg Universitet") else BUS)
               for name in ("Basis Bank", "Boligportal", "Boozt", "Dansk Erhverv", "Dansk Kreditråd", "Danske Bank",
                            "DBA", "Deloitte Forensic", "Det Kriminalpræventive Råd", "Digitaliseringsstyrelsen",
                            "DK-Hostmaster/DIFO", "DSB", "Elgiganten", "E-mærket", "E-nettet", "Erhvervsstyrelsen",
                            "Ernst & Young P/S", "Experian A/S", "Express Bank", "FDIH", "Finans Danmark",
                            "Finans og Leasing", "FireEye International Inc.", "Forbrugerombudsmanden",
                            "Forbrugerrådet TÆNK", "Forca", "Forsikring & Pension", "GLS", "Gul & Gratis",
                            "IT-branchen", "KL", "NETS", "Nordea", "Postnord", "Rettighedsalliancen",
                            "Rådet for Digital Sikkerhed", "SKAT", "Skattestyrelsen", "TDC", "Trendsales",
                            "Trygfonden", "Ældresagen", "Aalborg Universitet"))),
    Case("Ældre og Tryghed", "midt_og_vestjylland", ("Ikast-Brande",), ("safety_of_the_elderly",),
         "Tricktyverier mod ældre, der får afluret pinkoden og stjålet pungen ved indkøb, og ældres "
         "generelle tryghed.",
         (("Ældresagen", ASSOC), ("Fakta", BUS), ("Ikast-Brande Kommune", MUN), ("Vores Ikast", ASSOC),
          ("Lokale tryghedsambassadører", GROUP))),
)


@dataclass
class Loaded:
    """What the loader entered: initiative ids by title, actor ids by name, citizens by title."""

    initiatives: dict[str, str] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)
    citizens: dict[str, list[str]] = field(default_factory=dict)

    def district_of(self, title: str) -> str:
        return next(c.district for c in CASES if c.title == title)


UNAVAILABLE = (502, 503, 504)


def _post(session: requests.Session, url: str, body: dict, *, wait_for: tuple[int, ...] = ()) -> dict:
    """Create something, waiting out a busy service (a 5xx releases the Idempotency-Key, so
    the retry with the same key runs once) and, for ``wait_for`` answers, something another
    service has not heard of yet (a stored 4xx answer would be replayed: a new key)."""
    key = [uuid.uuid4().hex]

    def attempt() -> dict | None:
        response = session.post(url, json=body, headers={"Idempotency-Key": key[0]}, timeout=30)
        if response.status_code in UNAVAILABLE or (
                response.status_code == 409 and response.json().get("code") == "idempotency.in_progress"):
            return None
        if response.status_code in wait_for:
            key[0] = uuid.uuid4().hex
            return None
        assert response.status_code == 201, f"POST {url}: {response.text}"
        return response.json()
    return _wait(attempt, f"POST {url}")


def _wait(attempt: Callable[[], dict | None], what: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = attempt()
        if answer is not None:
            return answer
        time.sleep(0.3)
    raise TimeoutError(f"{what}: no answer within {timeout:.0f} s")


def _join(session: requests.Session, url: str, actor_id: str) -> None:
    """The actors service learns of a new initiative from its event: until then a join is
    answered 403 or 404."""
    _post(session, url, {"actor_id": actor_id}, wait_for=(403, 404))


def load_nine_cases(url: str, operator: Callable[[str], requests.Session],
                    representative: Callable[[str], requests.Session] | None = None) -> Loaded:
    """Enter the nine cases at ``url``: ``operator(district)`` is a session of that district's
    operator, ``representative(actor_id)`` one of a citizen's own representative (without
    it no citizen is entered)."""
    loaded = Loaded()
    home: dict[str, str] = {}
    for case in CASES:
        http = operator(case.district)
        initiative_id = _post(http, f"{url}/initiatives", {
            "title": case.title, "district": case.district, "themes": list(case.themes),
            "municipalities": list(case.municipalities), "challenge": {"text": case.challenge}})["initiative_id"]
        loaded.initiatives[case.title] = initiative_id
        members = f"{url}/initiatives/{initiative_id}/members"
        for name, kind in case.actors:
            if name not in loaded.actors:
                loaded.actors[name] = _post(http, f"{url}/actors", {
                    "kind": kind, "name": name, "district": case.district})["actor_id"]
                home[name] = case.district
            # An organisation from another district is enrolled by its own district's
            # operator (docs/access.md, joining): it agrees to take part there.
            _join(operator(home[name]), members, loaded.actors[name])
        loaded.citizens[case.title] = []
        for n in range(case.citizens if representative else 0):
            citizen_id = _post(http, f"{url}/actors", {
                "kind": "citizen", "district": case.district, "display_name": f"Borger {n + 1}",
                "contact": {"channel": "email", "address": f"borger-{uuid.uuid4().hex[:8]}@example.dk"}})["actor_id"]
            _join(representative(citizen_id), members, citizen_id)
            loaded.citizens[case.title].append(citizen_id)
    return loaded


def _operator_cli(*args: str) -> str:
    """One ``gateway.cli`` command, as an operator runs it at the console (audited)."""
    root = Path(__file__).resolve().parents[1]
    path = os.pathsep.join(str(root / p) for p in ("lib", "dev", "gateway"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (path, os.environ.get("PYTHONPATH"))))}
    done = subprocess.run([sys.executable, "-m", "gateway.cli", *args], env=env, cwd=root,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    """For ``make run``: grants for the loader, a token, then the cases."""
    parser = argparse.ArgumentParser(description="Enter the nine cases of the case catalogue")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    args = parser.parse_args(argv)
    for district in sorted({case.district for case in CASES}):
        _operator_cli("grant", "--subject", LOADER, "--role", "district_operator", "--district", district)
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {_operator_cli('issue-token', '--subject', LOADER)}"
    loaded = load_nine_cases(args.url.rstrip("/"), lambda district: session)
    print(json.dumps(asdict(loaded), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
