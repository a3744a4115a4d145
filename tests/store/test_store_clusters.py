"""Cross-source merging: one real-world event reported by many outlets is one cluster, and only one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from rasad.model import Document
from rasad.store import clusters, models
from rasad.store.clusters import ClusterState, Mention, date_interval, gap_days
from rasad.store.db import Store
from rasad.store.ingest import Ingestor

from .conftest import Spec, StubPipeline, arabic_doc

# Ten outlets report that the Libyan and Pakistani armies signed a military
# cooperation agreement in Benghazi on 18 December 2025, each in its own
# words (written for this test), some a day later, one without naming the
# city, two without a date of their own.
BENGHAZI = [
    ("2025-12-19", "بنغازي - وقّع الجيش الليبي والجيش الباكستاني أمس في مدينة بنغازي مذكرة تفاهم للتعاون "
                   "العسكري في مجالات التدريب والتأهيل."),
    ("2025-12-19", "وقعت القيادة العامة للجيش الليبي مع الجيش الباكستاني أمس الثلاثاء في بنغازي اتفاقية تعاون "
                   "عسكري تشمل تبادل الخبرات."),
    ("2025-12-19", "شهدت بنغازي أمس توقيع اتفاقية للتعاون العسكري بين الجيش الليبي والجيش الباكستاني بحضور عدد "
                   "من كبار الضباط."),
    ("2025-12-19", "أعلنت القيادة العامة أن الجيش الليبي وقع أمس في بنغازي اتفاقية تعاون دفاعي مع الجيش "
                   "الباكستاني."),
    ("2025-12-19", "في بنغازي، وقع رئيس أركان الجيش الليبي ونظيره الباكستاني أمس مذكرة تفاهم لتطوير التعاون "
                   "العسكري بين البلدين."),
    ("2025-12-19", "وقّعت ليبيا وباكستان أمس في بنغازي اتفاقية للتعاون العسكري تتضمن برامج تدريب مشتركة للضباط."),
    ("2025-12-18", "وقّع الجيش الليبي اليوم في بنغازي مذكرة تفاهم للتعاون العسكري مع الجيش الباكستاني."),
    ("2025-12-20", "وقع الجيش الليبي يوم الخميس في بنغازي اتفاقية تعاون عسكري مع الجيش الباكستاني."),
    ("2025-12-19", "وقع الجيش الليبي اتفاقية تعاون عسكري مع الجيش الباكستاني."),
    ("2025-12-19", "وقعت ليبيا وباكستان اتفاقية تعاون عسكري في بنغازي."),
]
OUTLETS = ["وكالة الأنباء الليبية", "قناة ليبيا الأحرار", "صحيفة الوسط", "بوابة الوسط", "وكالة أنباء باكستان",
           "صحيفة الشرق", "موقع المرصد", "إذاعة بنغازي", "صحيفة الصباح", "نشرة الدفاع العربي"]


def _benghazi_docs() -> list[Document]:
    return [Document(id=f"benghazi-{i}", text=text, published=dt.date.fromisoformat(pub), source=OUTLETS[i],
                     home_country="LBY", url=f"https://outlet{i}.example/news/{1000 + i}")
            for i, (pub, text) in enumerate(BENGHAZI)]


def _clusters(store: Store) -> list[dict]:
    with store.read() as conn:
        return [dict(r) for r in conn.execute(
            select(models.Cluster.__table__, models.Place.name.label("place"))
            .outerjoin(models.Place, models.Place.id == models.Cluster.place_id)
            .order_by(models.Cluster.id)).mappings()]


def test_ten_outlets_one_agreement_is_one_cluster_with_ten_sources(store: Store) -> None:
    controls = [
        # The same pair signing again two weeks later: another event.
        Document(id="later", text="وقع الجيش الليبي في بنغازي اتفاقية جديدة للتعاون العسكري مع الجيش الباكستاني "
                                  "اليوم.", published=dt.date(2026, 1, 2), source="صحيفة الوسط", home_country="LBY"),
        # The same day, another pair: another event.
        Document(id="turkey", text="وقّع الجيش الليبي أمس في بنغازي مذكرة تفاهم للتعاون العسكري مع الجيش التركي.",
                 published=dt.date(2025, 12, 19), source="صحيفة الصباح", home_country="LBY"),
    ]
    summary = Ingestor(store).ingest([*_benghazi_docs(), *controls])
    assert (summary.new, summary.failed) == (12, 0)
    signs = [c for c in _clusters(store) if c["type"] == "SIGN"]
    main = [c for c in signs if c["pair"] == "LBY-PAK" and c["n_documents"] > 1]
    assert len(main) == 1
    c = main[0]
    assert (c["n_sources"], c["n_documents"], c["n_events"]) == (10, 10, 10)
    assert (c["date"], c["place"], c["location_country"]) == ("2025-12-18", "Benghazi", "LBY")
    assert c["first_reported"] == dt.date(2025, 12, 18)
    with store.read() as conn:
        first = conn.execute(select(models.Document.doc_id).where(models.Document.id == c["first_document_id"]))
        assert first.scalar_one() == "benghazi-6"  # the one published on the day
        linked = conn.execute(select(models.Document.doc_id).join(models.Event)
                              .where(models.Event.cluster_id == c["id"])).scalars().all()
        assert sorted(linked) == sorted(f"benghazi-{i}" for i in range(10))
        assert clusters.check(conn) == []
    others = {(x["pair"], x["date"]) for x in signs if x["id"] != c["id"]}
    assert others == {("LBY-PAK", "2026-01-02"), ("LBY-TUR", "2025-12-18")}


def _ingest(store: Store, specs: dict[str, list[Spec]], published: dict[str, str | None] | None = None,
            sources: dict[str, str] | None = None) -> None:
    docs = [arabic_doc(d, published=(published or {}).get(d, "2024-05-10"), source=(sources or {}).get(d, f"o-{d}"))
            for d in specs]
    Ingestor(store, StubPipeline(specs)).ingest(docs)


def _groups(store: Store) -> list[list[str]]:
    """Documents per cluster, as sorted lists, in cluster order."""
    with store.read() as conn:
        rows = conn.execute(select(models.Event.cluster_id, models.Document.doc_id)
                            .join(models.Document).order_by(models.Event.cluster_id, models.Document.doc_id)).all()
    out: dict[int, list[str]] = {}
    for cid, doc in rows:
        out.setdefault(cid, []).append(doc)
    return list(out.values())


def test_window_and_place_rules(store: Store) -> None:
    _ingest(store, {
        "a": [Spec("MEET", "JOR", "EGY", "2024-05-01", place="Cairo")],
        "b": [Spec("MEET", "EGY", "JOR", "2024-05-04", place="Cairo")],  # 3 days, other order: same meeting
        "c": [Spec("MEET", "JOR", "EGY", "2024-05-05", place="Cairo")],  # 4 days from the cluster's date: new
        "d": [Spec("MEET", "JOR", "EGY", "2024-05-01", place="Amman")],  # same day, another city: new
        "e": [Spec("MEET", "JOR", "EGY", "2024-05-02")],  # no city: joins the nearest (a's)
        "f": [Spec("CALL", "JOR", "EGY", "2024-05-01")],  # another type
    })
    assert _groups(store) == [["a", "b", "e"], ["c"], ["d"], ["f"]]


def test_directed_types_keep_the_direction(store: Store) -> None:
    _ingest(store, {
        "a": [Spec("VISIT", "JOR", "ITA", "2024-05-01")],
        "b": [Spec("VISIT", "ITA", "JOR", "2024-05-01")],  # the return visit is another event
        "c": [Spec("VISIT", "JOR", "ITA", "2024-05-02")],
        "d": [Spec("MIL_AID", "USA", "LBN", "2024-05-01")],
        "e": [Spec("MIL_AID", "LBN", "USA", "2024-05-01")],
    })
    assert _groups(store) == [["a", "c"], ["b"], ["d"], ["e"]]


def test_undated_mentions_use_the_publication_date(store: Store) -> None:
    _ingest(store, {
        "a": [Spec("SIGN", "MAR", "MRT", "2024-03-10")],
        "b": [Spec("SIGN", "MAR", "MRT")],  # published 2024-03-12: within 3 days of a's date
        "c": [Spec("SIGN", "MAR", "MRT")],  # published 2024-03-20: its own cluster
        "d": [Spec("SIGN", "MAR", "MRT")],  # no publication date either: its own cluster
        "e": [Spec("SIGN", "MAR", "MRT", "2024-03-19")],  # joins c's (anchored on c's publication day)
    }, published={"a": "2024-03-11", "b": "2024-03-12", "c": "2024-03-20", "d": None, "e": "2024-03-21"})
    assert _groups(store) == [["a", "b"], ["c", "e"], ["d"]]
    by_docs = {c["n_events"]: c for c in _clusters(store)}
    assert [c["date"] for c in _clusters(store)] == ["2024-03-10", "2024-03-19", None]
    assert by_docs[1]["date_start"] is None  # no date at all: never a candidate for others


def test_month_only_dates_match_their_month(store: Store) -> None:
    _ingest(store, {
        "a": [Spec("MIL_COOP", "SAU", "PAK", "2024-01")],
        "b": [Spec("MIL_COOP", "SAU", "PAK", "2024-01-21")],  # inside January: same exercise
        "c": [Spec("MIL_COOP", "SAU", "PAK", "2024-02-05")],  # 5 days after January: another
    })
    assert _groups(store) == [["a", "b"], ["c"]]
    # A day beats a month as the best-attested date.
    assert _clusters(store)[0]["date"] == "2024-01-21"


def test_best_attested_date_and_place() -> None:
    def m(i: int, date: str | None, place: int | None, published: str, outlet: str | None) -> Mention:
        return Mention(event_id=i, document_id=i, date=date, place_id=place, location_country="TUN",
                       published=dt.date.fromisoformat(published), ingested=dt.date(2030, 1, 1), outlet=outlet,
                       goldstein=1.9 if i != 3 else 2.8, confidence=0.5 + i / 10)

    state = ClusterState()
    for mention in [m(1, "2024-03-13", 7, "2024-03-14", "A"), m(2, "2024-03-12", 9, "2024-03-13", "B"),
                    m(3, "2024-03-13", 9, "2024-03-15", "A"), m(4, "2024-03-12", None, "2024-03-16", None),
                    m(5, "2024-03", 7, "2024-03-20", None)]:
        state.add(mention)
    v = state.values()
    # Two mentions each for the 12th and the 13th: the earlier day wins the tie.
    assert v["date"] == "2024-03-12" and v["date_start"] == v["date_end"] == dt.date(2024, 3, 12)
    # Places 7 and 9 twice each: 9 was reported first (2024-03-13, before 7's 2024-03-14).
    assert v["place_id"] == 9
    assert v["first_reported"] == dt.date(2024, 3, 13) and v["first_document_id"] == 2
    # Outlets A, B, and two documents without one (each its own source).
    assert (v["n_events"], v["n_documents"], v["n_sources"]) == (5, 5, 4)
    assert v["goldstein"] == 1.9 and v["confidence"] == 1.0


def test_intervals() -> None:
    assert date_interval("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_interval("2024-02-30") is None and date_interval("soon") is None and date_interval(None) is None
    day = (dt.date(2024, 3, 4), dt.date(2024, 3, 4))
    assert gap_days(day, date_interval("2024-03")) == 0
    assert gap_days(day, date_interval("2024-02")) == 4
    assert gap_days(day, (dt.date(2024, 3, 1), dt.date(2024, 3, 1))) == 3


def test_recompute_reproduces_incremental_clusters_and_applies_a_new_window(store: Store) -> None:
    specs = {}
    for i in range(40):
        day = 1 + (i * 7) % 28
        specs[f"d{i:02d}"] = [
            Spec("MEET", "JOR", ["EGY", "IRQ"][i % 2], f"2024-04-{day:02d}", place=[None, "Amman", "Cairo"][i % 3]),
            Spec("VISIT", ["JOR", "ITA"][i % 2], ["ITA", "JOR"][i % 2], None if i % 5 == 0 else f"2024-04-{day:02d}"),
        ]
    published = {d: f"2024-04-{1 + int(d[1:]) % 28:02d}" for d in specs}
    _ingest(store, specs, published=published, sources={d: f"outlet {int(d[1:]) % 6}" for d in specs})
    before = _clusters(store)
    groups = _groups(store)
    result = clusters.recompute(store)
    assert (result.events, result.clusters) == (80, len(before))
    assert _groups(store) == groups
    after = _clusters(store)
    keep = ("id", "type", "pair", "date", "date_start", "place_id", "n_events", "n_sources", "first_reported")
    assert [{k: c[k] for k in keep} for c in after] == [{k: c[k] for k in keep} for c in before]
    with store.read() as conn:
        assert clusters.check(conn) == []

    wider = clusters.recompute(store, window=10)
    assert wider.clusters < len(before)
    with store.read() as conn:
        assert clusters.get_window(conn) == 10
        assert clusters.check(conn) == []
    # Later ingests use the stored window.
    Ingestor(store, StubPipeline({"late": [Spec("MEET", "JOR", "EGY", "2024-04-24")]})).ingest(
        [arabic_doc("late", published="2024-04-24")])
    with store.read() as conn:
        late = conn.execute(select(models.Cluster.n_events).join(models.Event)
                            .join(models.Document).where(models.Document.doc_id == "late")).scalar_one()
    assert late > 1  # 9 days after the meetings of 15 April: within 10, not within 3
