"""Denmark's 12 police districts (politikredse): slug -> official Danish name."""

DISTRICTS: dict[str, str] = {
    "nordjylland": "Nordjyllands Politi",
    "oestjylland": "Østjyllands Politi",
    "midt_og_vestjylland": "Midt- og Vestjyllands Politi",
    "sydoestjylland": "Sydøstjyllands Politi",
    "syd_og_soenderjylland": "Syd- og Sønderjyllands Politi",
    "fyn": "Fyns Politi",
    "sydsjaelland_og_lolland_falster": "Sydsjællands og Lolland-Falsters Politi",
    "midt_og_vestsjaelland": "Midt- og Vestsjællands Politi",
    "nordsjaelland": "Nordsjællands Politi",
    "vestegn": "Københavns Vestegns Politi",
    "koebenhavn": "Københavns Politi",
    "bornholm": "Bornholms Politi",
}
