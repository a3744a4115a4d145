"""Filters, sorting and hostile filter values, through the Python API and the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from rasad.cli import app
from rasad.store import queries
from rasad.store.db import Store
from rasad.store.ingest import Ingestor, stored_counts
from rasad.store.queries import EventFilter

from .conftest import Spec, StubPipeline, arabic_doc

SAFADI = ("أيمن الصفدي", "Ayman Al-Safadi", "JOR")
SHOUKRY = ("سامح شكري", "Sameh Shoukry", "EGY")
TAJANI = ("أنطونيو تاياني", "Antonio Tajani", "ITA")

SPECS = {
    "n1": [Spec("MEET", "JOR", "EGY", "2024-01-10", place="Amman", location="JOR", persons=[SAFADI, SHOUKRY],
                goldstein=2.8)],
    "n2": [Spec("CALL", "EGY", "JOR", "2024-02-03", persons=[SHOUKRY])],
    "n3": [Spec("VISIT", "JOR", "ITA", "2024-02-20", place="Rome", location="ITA", sectors=("MIL", "MIL"),
                goldstein=1.9, persons=[TAJANI])],
    "n4": [Spec("MIL_AID", "USA", "JOR", "2024-03-05", sectors=("GOV", "MIL"), goldstein=8.3)],
    "n5": [Spec("SIGN", "JOR", "EGY", None, goldstein=8.0)],  # undated: the publication date stands in
    "n6": [Spec("MEET", "ITA", "EGY", "2024-03-28", sectors=("SEC", "SEC"))],
}
PUBLISHED = {"n1": "2024-01-10", "n2": "2024-02-04", "n3": "2024-02-20", "n4": "2024-03-06", "n5": "2024-03-15",
             "n6": "2024-03-29"}
OUTLETS = {"n1": "بترا", "n2": "الأهرام اليوم", "n3": "وكالة نوفا", "n4": "بترا", "n5": "الأهرام اليوم",
           "n6": "Agenzia 100% Nova_Test"}
BODIES = {"n1": "وأكد الوزيران أهمية التنسيق", "n3": "زيارة رسمية إلى روما", "n4": "تسلّم آليات مدرعة",
          "n5": "مذكرة تفاهم في مجال الطاقة"}


@pytest.fixture
def filled(store: Store) -> Store:
    docs = [arabic_doc(d, published=PUBLISHED[d], source=OUTLETS[d], body=BODIES.get(d, "")) for d in SPECS]
    Ingestor(store, StubPipeline(SPECS)).ingest(docs)
    return store


def _docs(store: Store, f: EventFilter, sort: str = "date") -> list[str]:
    return [r["document"]["id"] for r in queries.find_events(store, f, sort=sort, limit=None)]


def test_each_filter(filled: Store) -> None:
    s = filled
    assert _docs(s, EventFilter()) == ["n1", "n2", "n3", "n4", "n5", "n6"]
    assert _docs(s, EventFilter(countries=["ITA"])) == ["n3", "n6"]
    assert _docs(s, EventFilter(countries=["ITA", "USA"])) == ["n3", "n4", "n6"]
    assert _docs(s, EventFilter(pair=("EGY", "JOR"))) == ["n1", "n2", "n5"]
    assert _docs(s, EventFilter(pair=("JOR", "EGY"), directed=True)) == ["n1", "n5"]
    assert _docs(s, EventFilter(types=["MEET", "CALL"])) == ["n1", "n2", "n6"]
    assert _docs(s, EventFilter(sectors=["MIL"])) == ["n3", "n4"]
    assert _docs(s, EventFilter(date_from=dt.date(2024, 2, 1), date_to=dt.date(2024, 3, 15))) == ["n2", "n3", "n4",
                                                                                                 "n5"]
    assert _docs(s, EventFilter(sources=["الاهرام"])) == ["n2", "n5"]  # hamza folded
    assert _docs(s, EventFilter(sources=["بترا", "نوفا"])) == ["n1", "n3", "n4"]
    assert _docs(s, EventFilter(text="مذكره تفاهم")) == ["n5"]  # taa marbuta folded
    assert _docs(s, EventFilter(text="زيارة رسمية  الى روما")) == ["n3"]  # spacing and hamza folded
    (one,) = queries.find_events(s, EventFilter(pair=("ITA", "JOR")))
    assert _docs(s, EventFilter(cluster=one["cluster_id"])) == ["n3"]
    # Combined: all must hold.
    assert _docs(s, EventFilter(countries=["JOR"], types=["MEET", "SIGN"], date_from=dt.date(2024, 3, 1))) == ["n5"]


def test_person_by_arabic_or_english_name(filled: Store) -> None:
    s = filled
    assert _docs(s, EventFilter(person="الصفدي")) == ["n1"]
    assert _docs(s, EventFilter(person="أيمن  الصَّفدي")) == ["n1"]  # tashkeel, hamza, spacing
    assert _docs(s, EventFilter(person="al safadi")) == ["n1"]  # case and hyphen
    assert _docs(s, EventFilter(person="SHOUKRY")) == ["n1", "n2"]
    assert _docs(s, EventFilter(person="شكري")) == ["n1", "n2"]
    assert _docs(s, EventFilter(person="Tajani")) == ["n3"]
    assert _docs(s, EventFilter(person="Blinken")) == []
    persons = queries.find_events(s, EventFilter(person="Tajani"))[0]["persons"]
    assert persons == [{"name": "أنطونيو تاياني", "name_en": "Antonio Tajani", "country": "ITA", "role": "minister",
                        "sector": "GOV"}]


def test_sorting_and_paging(filled: Store) -> None:
    s = filled
    assert _docs(s, EventFilter(), sort="-date") == ["n6", "n5", "n4", "n3", "n2", "n1"]
    assert _docs(s, EventFilter(), sort="-goldstein")[:3] == ["n4", "n5", "n1"]
    assert _docs(s, EventFilter(), sort="type") == ["n2", "n1", "n6", "n4", "n5", "n3"]
    page = queries.find_events(s, EventFilter(), sort="date", limit=2, offset=2)
    assert [r["document"]["id"] for r in page] == ["n3", "n4"]
    assert queries.count_events(s, EventFilter(countries=["JOR"])) == 5
    with pytest.raises(ValueError, match="unknown sort key"):
        queries.find_events(s, EventFilter(), sort="date; DROP TABLE events")


def test_merged_view_filters(filled: Store) -> None:
    s = filled
    rows = queries.find_clusters(s, EventFilter(pair=("EGY", "JOR")), sort="date", limit=None)
    assert [(r["type"], r["date"]) for r in rows] == [("MEET", "2024-01-10"), ("CALL", "2024-02-03"),
                                                       ("SIGN", None)]
    assert rows[0]["outlets"] == ["بترا"] and rows[0]["sources"] == 1
    assert [r["type"] for r in queries.find_clusters(s, EventFilter(person="Shoukry"), sort="date")] == ["MEET",
                                                                                                        "CALL"]
    assert [r["type"] for r in queries.find_clusters(s, EventFilter(sectors=["SEC"]))] == ["MEET"]
    assert queries.count_clusters(s, EventFilter(countries=["JOR"])) == 5


HOSTILE = [
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "') OR ('1'='1",
    "بترا' OR '1'='1",
    "1; DELETE FROM documents",
    "\x00",
    "%' UNION SELECT key, value FROM settings --",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_in_every_filter_find_nothing_and_change_nothing(filled: Store, value: str) -> None:
    s = filled
    before = stored_counts(s)
    tables = set(inspect(s.engine).get_table_names())
    filters = [
        EventFilter(countries=[value]), EventFilter(pair=(value, "JOR")), EventFilter(pair=("JOR", value),
                                                                                      directed=True),
        EventFilter(types=[value]), EventFilter(sectors=[value]), EventFilter(person=value),
        EventFilter(sources=[value]), EventFilter(text=value),
    ]
    for f in filters:
        # Only the outlet "Agenzia 100% Nova_Test" holds a "%" or a "_", and only it may match them.
        expected = ["n6"] if f.sources and value in ("%", "_") else []
        assert [r["document"]["id"] for r in queries.find_events(s, f, limit=None)] == expected, f
        assert len(queries.find_clusters(s, f, limit=None)) == len(expected), f
        assert sum(m.total for m in queries.stats(s, f).months) == len(expected)
    assert stored_counts(s) == before
    assert set(inspect(s.engine).get_table_names()) == tables


def test_like_wildcards_are_literal(filled: Store) -> None:
    # The Italian outlet's name holds a real "%" and "_": they match themselves and only themselves.
    assert _docs(filled, EventFilter(sources=["100%"])) == ["n6"]
    assert _docs(filled, EventFilter(sources=["nova_test"])) == ["n6"]
    assert _docs(filled, EventFilter(sources=["nova%test"])) == []


@pytest.mark.parametrize("value", [HOSTILE[0], HOSTILE[2], HOSTILE[5], HOSTILE[8]])
def test_hostile_values_on_the_command_line(filled: Store, store_url: str, value: str) -> None:
    runner = CliRunner()
    before = stored_counts(filled)
    for option in (["--country", value], ["--pair", value, "JOR"], ["--type", value], ["--sector", value],
                   ["--from", value], ["--to", value], ["--person", value], ["--source", value], ["--text", value]):
        for command in (["events", "-f", "jsonl"], ["events", "--merged", "-f", "jsonl"], ["export"]):
            result = runner.invoke(app, [*command, "--db", store_url, *option])
            assert "Traceback" not in result.output + result.stderr
            if option[0] in ("--person", "--source", "--text"):
                # Free text: accepted and matched literally (nothing matches).
                assert result.exit_code in (0, 2), (option, result.output, result.stderr)
                if result.exit_code == 0 and not (option[0] == "--source" and value in ("%", "_")):
                    assert result.stdout.strip() == "", (option, result.stdout)
            else:
                # Codes and dates: refused as a usage error.
                assert result.exit_code == 2, (option, result.output)
    stats = runner.invoke(app, ["stats", "--db", store_url, "--country", value])
    assert stats.exit_code == 2 and "Traceback" not in stats.output
    assert stored_counts(filled) == before


def test_cli_events_table_and_jsonl(filled: Store, store_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", store_url, "--pair", "egy", "jor", "--sort", "date"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "3 events (sorted by date)"
    assert lines[1].split()[:3] == ["id", "date", "type"]
    assert [line.split()[2] for line in lines[2:]] == ["MEET", "CALL", "SIGN"]
    assert "(2024-03-15)" in lines[4]  # an undated event shows its document's date
    result = runner.invoke(app, ["events", "--db", store_url, "--person", "Shoukry", "-f", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["type"] for r in records] == ["CALL", "MEET"]
    assert records[1]["persons"][0]["name_en"] == "Ayman Al-Safadi"
    result = runner.invoke(app, ["events", "--db", store_url, "--merged", "--country", "ITA", "--sort", "date"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "2 merged events (sorted by date)"
    assert "JOR → ITA" in result.stdout and "EGY – ITA" in result.stdout
    bad = runner.invoke(app, ["events", "--db", store_url, "--sort", "colour"])
    assert bad.exit_code == 2 and "unknown sort key" in bad.stderr
    bad = runner.invoke(app, ["events", "--db", store_url, "--from", "2024-05", "--to", "2024-04"])
    assert bad.exit_code == 2 and "after" in bad.stderr
