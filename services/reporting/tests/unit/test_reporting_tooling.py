"""The pieces around the projections: generation naming, the pointer cache, the progress bar,
the synthetic histories the benchmark and integration tests feed, and the paged list."""
from __future__ import annotations

import io
from collections import Counter

import pytest
from reporting_fakes import FakeReadModels
from reporting_samples import hjoerring_story, portfolio

from reporting.adapters import generations
from reporting.adapters.progress import TextProgress
from reporting.domain.projections import state
from reporting.domain.rollup import ROLLUP_FIELDS, rollup
from reporting.domain.viewer import PUBLIC, Viewer
from reporting.handlers.queries import list_initiatives
from reporting.rendering.dashboard import DASHBOARD_FIELDS, dashboard_html
from samskab_dev import synthetic
from samskab_infra.context import Context, Principal
from samskab_infra.errors import ValidationFailed
from samskab_infra.event_types import REGISTRY

pytestmark = pytest.mark.unit

FYN = Viewer(Principal.of("op@fyn.politi.dk", "district_operator", district="fyn"))


def test_generation_one_is_the_plain_collections_and_later_ones_are_suffixed() -> None:
    assert generations.collection_name("initiatives", 1) == "initiatives"
    assert generations.collection_name("actors", 4) == "actors_g4"
    assert [generations.generation_of(n) for n in ("initiatives", "actors_g12", "initiatives_g2",
                                                   "initiatives_events", "event_log", "meta",
                                                   "actors_g2_events")] == [1, 12, 2, None, None,
                                                                            None, None]


class FakeDb:
    def __init__(self, doc: dict | None) -> None:
        self.doc = doc
        self.reads = 0

    def __getitem__(self, name: str) -> FakeDb:
        assert name == generations.META
        return self

    def find_one(self, query: dict) -> dict | None:
        assert query == {"_id": generations.POINTER_ID}
        self.reads += 1
        return self.doc


def test_pointer_cache_rereads_only_after_its_ttl() -> None:
    now = [100.0]
    cache = generations.PointerCache(ttl=1.0, clock=lambda: now[0])
    db = FakeDb(None)
    assert cache.get(db) == generations.Pointer(active=1)
    db.doc = {"_id": generations.POINTER_ID, "active": 3, "building": 4,
              "building_since": "2024-01-01T00:00:00Z", "revision": 7}
    now[0] += 0.5
    assert cache.get(db).active == 1 and db.reads == 1
    now[0] += 0.6
    assert cache.get(db) == generations.Pointer(3, 4, "2024-01-01T00:00:00Z", 7)
    assert db.reads == 2


def test_text_progress_draws_a_bar_per_phase_and_ends_each_on_its_own_line() -> None:
    out = io.StringIO()
    progress = TextProgress(out, width=10, interval=0)
    progress.start("reading", 4)
    for _ in range(4):
        progress.advance()
    progress.finish()
    progress.start("writing", 0)
    progress.finish()
    text = out.getvalue()
    assert "\rreading                [#####-----]  50%  2/4" in text
    assert text.count("\n") == 2
    assert "reading                [##########] 100%  4/4\n" in text
    assert "writing                [##########] 100%  0/0\n" in text


def test_synthetic_histories_follow_the_contracts_and_are_deterministic() -> None:
    events = list(synthetic.history(2, 60, seed=3, districts=("fyn", "bornholm"), validate=True))
    assert events == list(synthetic.history(2, 60, seed=3, districts=("fyn", "bornholm")))
    per_initiative = Counter(e["data"]["initiative_id"] for e in events
                             if "initiative_id" in e["data"])
    assert len(per_initiative) == 4 and len(events) == 4 * 60  # registrations carry no initiative
    assert all(REGISTRY[e["type"]].producer == e["producer"] for e in events)
    assert len({e["event_id"] for e in events}) == len(events)
    models = state.rebuild(events)[state.INITIATIVES]
    assert {m["district"] for m in models.values()} == {"fyn", "bornholm"}
    assert all(m["created_at"] and m["phase"] and m["counts"]["activities"] for m in
               models.values())


def test_the_list_pages_by_id_and_shows_influence_without_actor_counts() -> None:
    events = list(synthetic.history(3, 40, seed=8, districts=("fyn",)))
    built = state.rebuild(events)[state.INITIATIVES]

    ctx = Context(correlation_id="c", principal=Principal.of("nfc@politi.dk", "national_centre"))
    models = FakeReadModels({state.INITIATIVES: built, state.ACTORS: {}})
    first = list_initiatives(models, {"limit": 2}, ctx)
    rest = list_initiatives(models, {"limit": 2, "cursor": first["next_cursor"]}, ctx)
    ids = [i["initiative_id"] for i in first["items"] + rest["items"]]
    assert ids == sorted(built) and rest["next_cursor"] is None
    item = first["items"][0]
    model = built[item["initiative_id"]]
    assert item["influence"] == {k: model["influence"][k] for k in ("gini", "top20_share",
                                                                    "imbalanced")}
    assert list_initiatives(models, {"district": "bornholm"}, ctx)["items"] == []
    with pytest.raises(ValidationFailed):
        list_initiatives(models, {"limit": 500}, ctx)


@pytest.mark.parametrize("scope,viewer", [(None, PUBLIC), ("fyn", FYN), ("fyn", PUBLIC)])
def test_roll_up_and_dashboard_need_only_the_fields_the_store_query_fetches(scope, viewer) -> None:
    events = list(synthetic.history(4, 80, seed=12, districts=("fyn", "bornholm")))
    models = list(state.rebuild(events + hjoerring_story() + portfolio())[state.INITIATIVES].values())

    def only(fields: tuple[str, ...]) -> list[dict]:
        return [{k: m[k] for k in fields if k in m} for m in models]

    assert rollup(only(ROLLUP_FIELDS), scope=scope, viewer=viewer) == rollup(
        models, scope=scope, viewer=viewer)
    assert dashboard_html(only(DASHBOARD_FIELDS), scope=scope, viewer=viewer) == \
        dashboard_html(models, scope=scope, viewer=viewer)
