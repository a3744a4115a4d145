"""Readers and writers: every kind of bad input becomes a ReadError, good input keeps its order."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path

import pytest
from conftest import ARABIC_AID, ARABIC_CALL, ARABIC_VISIT

from rasad.io.readers import ReadError, decode_bytes, iter_directory, read_documents, text_problem
from rasad.io.writers import JsonlWriter, JsonWriter, TableWriter, make_writer
from rasad.model import Document


def _read(*paths: Path | str, **kw) -> list:
    return list(read_documents([str(p) for p in paths], **kw))


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def _only_error(items: list) -> ReadError:
    assert len(items) == 1, items
    assert isinstance(items[0], ReadError), items
    return items[0]


# -- .txt ---------------------------------------------------------------------

def test_txt_article_id_is_stem_and_text_is_content(tmp_path: Path) -> None:
    f = tmp_path / "visit-2024.txt"
    f.write_text(ARABIC_VISIT + "\n", encoding="utf-8")
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.id == "visit-2024"
    assert doc.text == ARABIC_VISIT + "\n"
    assert doc.published is None and doc.home_country is None


@pytest.mark.parametrize("content", [b"", b"   \n\t \r\n"])
def test_empty_or_blank_txt_is_reported(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "blank.txt"
    f.write_bytes(content)
    err = _only_error(_read(f))
    assert err.doc_id == "blank"
    assert err.source == str(f)
    assert err.reason == "empty text"


def test_binary_txt_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    err = _only_error(_read(f))
    assert err.doc_id == "image"
    assert "binary" in err.reason


def test_undecodable_txt_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    # Windows-1256 Arabic: text, but not UTF-8 and without a UTF-16 byte order mark.
    f.write_bytes("وزير الدفاع".encode("cp1256"))
    err = _only_error(_read(f))
    assert err.doc_id == "latin"
    assert "undecodable" in err.reason and "UTF-8" in err.reason


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(ARABIC_CALL.encode(encoding))
    [doc] = _read(f)
    assert isinstance(doc, Document)
    assert doc.text == ARABIC_CALL  # no BOM left at offset 0 to shift every span


def test_non_arabic_txt_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "english.txt"
    f.write_text("The defence ministers of two countries met in Rome today. " * 5 + "وزير",
                 encoding="utf-8")
    err = _only_error(_read(f))
    assert err.reason == "no Arabic text"
    assert err.doc_id == "english"


def test_arabic_with_some_latin_is_accepted() -> None:
    assert text_problem(ARABIC_VISIT + " (NATO, F-16)") is None
    assert text_problem("12345 ... 2024-01-01") == "no Arabic text"


def test_oversize_txt_is_refused_without_reading_it(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    err = _only_error(_read(f))
    assert time.perf_counter() - start < 1.0
    assert err.doc_id == "huge"
    assert "size limit" in err.reason and "50 MB" in err.reason


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARABIC_VISIT * 20, encoding="utf-8")
    assert isinstance(_read(f)[0], Document)
    err = _only_error(_read(f, max_bytes=1000))
    assert "size limit" in err.reason


def test_missing_path_is_reported(tmp_path: Path) -> None:
    err = _only_error(_read(tmp_path / "nope.txt"))
    assert err.reason == "no such file or directory"


# -- .jsonl --------------------------------------------------------------------

def test_jsonl_malformed_line_in_the_middle_keeps_the_rest(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(_line(id="a1", text=ARABIC_VISIT) + '{"id": "a2", "text": "وزير\n'
                 + "\n" + _line(id="a3", text=ARABIC_CALL), encoding="utf-8")
    items = _read(f)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document"]
    assert [items[0].id, items[2].id] == ["a1", "a3"]
    err = items[1]
    assert err.source == f"{f}:2"
    assert err.reason.startswith("malformed JSON")
    assert str(err).startswith(f"{f}:2: malformed JSON")


def test_jsonl_missing_or_bad_fields_are_reported(tmp_path: Path) -> None:
    f = tmp_path / "fields.jsonl"
    f.write_text(_line(id="no-text", title="عنوان")
                 + _line(id="bad-date", text=ARABIC_VISIT, published="12/03/2024")
                 + _line(id="bad-home", text=ARABIC_VISIT, home_country="Jordan")
                 + "[1, 2]\n"
                 + _line(id="ok", text=ARABIC_AID), encoding="utf-8")
    items = _read(f)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [i.id for i in items if isinstance(i, Document)] == ["ok"]
    assert [e.doc_id for e in errors] == ["no-text", "bad-date", "bad-home", ""]
    assert [e.source for e in errors] == [f"{f}:{n}" for n in (1, 2, 3, 4)]
    assert "'text' is missing" in errors[0].reason
    assert "'published'" in errors[1].reason
    assert "'home_country'" in errors[2].reason
    assert "JSON object" in errors[3].reason
    assert errors[0].label == f"no-text ({f}:1)"


def test_jsonl_non_arabic_and_empty_text_are_reported(tmp_path: Path) -> None:
    f = tmp_path / "text.jsonl"
    f.write_text(_line(id="en", text="Ministers met in Paris.") + _line(id="blank", text="  \n")
                 + _line(id="ar", text=ARABIC_CALL), encoding="utf-8")
    items = _read(f)
    assert [(i.doc_id, i.reason) for i in items[:2]] == [("en", "no Arabic text"), ("blank", "empty text")]
    assert items[2].id == "ar"


def test_jsonl_oversize_line_is_skipped_and_the_next_is_read(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    f.write_text(_line(id="big", text=ARABIC_VISIT * 200) + _line(id="small", text=ARABIC_CALL),
                 encoding="utf-8")
    items = _read(f, max_bytes=1000)
    assert isinstance(items[0], ReadError) and items[0].source == f"{f}:1"
    assert "size limit" in items[0].reason
    assert isinstance(items[1], Document) and items[1].id == "small"


def test_jsonl_text_over_limit_within_line_bound(tmp_path: Path) -> None:
    f = tmp_path / "t.jsonl"
    f.write_text(_line(id="long", text="ب" * 600), encoding="utf-8")  # 1200 bytes of text
    err = _only_error(_read(f, max_bytes=1000))
    assert err.doc_id == "long" and "size limit" in err.reason


def test_jsonl_undecodable_line_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(_line(id="a", text=ARABIC_VISIT).encode()
                  + b'{"id": "b", "text": "' + "وزير".encode("cp1256") + b'"}\n'
                  + _line(id="c", text=ARABIC_CALL).encode())
    items = _read(f)
    assert items[0].id == "a" and items[2].id == "c"
    assert items[1].source == f"{f}:2" and "undecodable" in items[1].reason


def test_jsonl_binary_file_is_one_error(tmp_path: Path) -> None:
    f = tmp_path / "blob.jsonl"
    f.write_bytes(bytes(range(256)) * 40)
    err = _only_error(_read(f))
    assert "binary" in err.reason and err.source == str(f)


def test_jsonl_missing_id_is_named_after_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "noid.jsonl"
    f.write_text("\n" + _line(text=ARABIC_VISIT), encoding="utf-8")
    [doc] = _read(f)
    assert doc.id == "noid:2"


def test_jsonl_utf16_with_bom(tmp_path: Path) -> None:
    f = tmp_path / "u16.jsonl"
    f.write_bytes((_line(id="x", text=ARABIC_VISIT) + _line(id="y", text=ARABIC_AID)).encode("utf-16"))
    assert [d.id for d in _read(f)] == ["x", "y"]


def test_defaults_fill_only_missing_fields(tmp_path: Path) -> None:
    f = tmp_path / "d.jsonl"
    f.write_text(_line(id="has", text=ARABIC_VISIT, published="2023-01-05", home_country="EGY")
                 + _line(id="lacks", text=ARABIC_CALL), encoding="utf-8")
    t = tmp_path / "plain.txt"
    t.write_text(ARABIC_AID, encoding="utf-8")
    has, lacks, plain = _read(f, t, defaults={"published": "2024-06-30", "home_country": "JOR"})
    assert (has.published, has.home_country) == (dt.date(2023, 1, 5), "EGY")
    assert (lacks.published, lacks.home_country) == (dt.date(2024, 6, 30), "JOR")
    assert (plain.published, plain.home_country) == (dt.date(2024, 6, 30), "JOR")


# -- .json, folders, stdin --------------------------------------------------------

def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "solo", "text": ARABIC_VISIT}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "m1", "text": ARABIC_CALL}, {"id": "m2"},
                                {"text": ARABIC_AID}]), encoding="utf-8")
    items = _read(one, many)
    assert items[0].id == "solo" and items[1].id == "m1"
    assert isinstance(items[2], ReadError) and items[2].doc_id == "m2"
    assert items[2].source == f"{many}[1]"
    assert items[3].id == "many:2"


def test_malformed_json_file(tmp_path: Path) -> None:
    f = tmp_path / "broken.json"
    f.write_text('{"id": "x",\n "text": }', encoding="utf-8")
    err = _only_error(_read(f))
    assert err.source == f"{f}:2" and err.reason.startswith("malformed JSON")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARABIC_AID, encoding="utf-8")
    two = _line(id="y1", text=ARABIC_CALL) + _line(id="y2", text=ARABIC_AID)
    (tmp_path / "a" / "y.jsonl").write_text(two, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARABIC_VISIT, encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text(ARABIC_VISIT, encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text(ARABIC_VISIT, encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_directory(tmp_path)] == \
        ["a/y.jsonl", "b/z.txt", "c.txt"]
    assert [d.id for d in _read(tmp_path)] == ["y1", "y2", "z", "c"]


def test_stdin_jsonl() -> None:
    data = "\n  " + _line(id="s1", text=ARABIC_VISIT) + "not json\n" + _line(id="s2", text=ARABIC_CALL)
    items = _read("-", stdin=io.BytesIO(data.encode()))
    assert items[0].id == "s1" and items[2].id == "s2"
    assert items[1].source == "<stdin>:3" and "malformed JSON" in items[1].reason


def test_stdin_plain_article() -> None:
    [doc] = _read("-", stdin=io.BytesIO(("\ufeff" + ARABIC_AID).encode("utf-8")))
    assert doc.id == "stdin" and doc.text == ARABIC_AID


def test_stdin_long_jsonl_is_streamed_whole() -> None:
    lines = "".join(_line(id=f"n{i}", text=ARABIC_VISIT) for i in range(500))  # well past the sniff buffer
    items = _read("-", stdin=io.BytesIO(lines.encode()))
    assert [d.id for d in items] == [f"n{i}" for i in range(500)]


def test_stdin_bad_input() -> None:
    assert _only_error(_read("-", stdin=io.BytesIO(b""))).reason == "empty text"
    assert "binary" in _only_error(_read("-", stdin=io.BytesIO(b"\x00\x01\x02abc"))).reason
    err = _only_error(_read("-", stdin=io.BytesIO(ARABIC_VISIT.encode() * 50), max_bytes=1000))
    assert err.doc_id == "stdin" and "size limit" in err.reason


def test_decode_bytes_reasons() -> None:
    assert decode_bytes(ARABIC_CALL.encode("utf-16-be").join([b"\xfe\xff", b""])) == ARABIC_CALL
    with pytest.raises(ValueError, match="undecodable bytes at offset 0"):
        decode_bytes(b"\xff\xfa abc")


# -- writers ------------------------------------------------------------------------

RECORD = {
    "id": "r1",
    "events": [{
        "type": "VISIT", "cameo": "042", "plover": "CONSULT",
        "source": {"country": "JOR", "sector": "MIL", "text": "وزير الدفاع الأردني"},
        "target": {"country": "ITA", "sector": "MIL", "text": "نظيره الإيطالي"},
        "location": {"country": "ITA", "place": "Rome"},
        "date": "2024-03-12",
        "persons": [{"name": "سامر الخطيب", "name_en": "Samer al-Khatib", "country": "JOR",
                     "role": "minister of defence", "sector": "MIL"}],
        "evidence": [{"start": 0, "end": 40}],
        "confidence": 0.875,
    }],
    "persons": [],
}


def test_jsonl_writer_one_line_per_record_arabic_unescaped() -> None:
    out = io.StringIO()
    w = JsonlWriter(out)
    w.write(RECORD)
    w.write({"id": "r2", "events": [], "persons": []})
    w.close()
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["r1", "r2"]
    assert "سامر الخطيب" in lines[0]
    assert json.loads(lines[0]) == RECORD


@pytest.mark.parametrize("n", [0, 1, 3])
def test_json_writer_writes_one_valid_array(n: int) -> None:
    out = io.StringIO()
    w = JsonWriter(out)
    for i in range(n):
        w.write({"id": f"d{i}", "events": [], "persons": []})
    w.close()
    assert [r["id"] for r in json.loads(out.getvalue())] == [f"d{i}" for i in range(n)]


def test_table_writer_shows_every_column() -> None:
    out = io.StringIO()
    doc = Document(id="r1", text=ARABIC_VISIT, title="زيارة رسمية", published=dt.date(2024, 3, 12))
    w = TableWriter(out)
    w.write(RECORD, doc)
    w.write({"id": "r2", "events": [], "persons": []})
    w.close()
    text = out.getvalue()
    assert "\x1b[" not in text  # no colour codes in a file
    first = text.splitlines()[0]
    assert first.startswith("r1") and "زيارة رسمية" in first and "2024-03-12" in first and "1 event" in first
    for cell in ("VISIT", "JOR/MIL", "ITA/MIL", "Rome, ITA", "2024-03-12",
                 "سامر الخطيب (Samer al-Khatib)", "0.88"):
        assert cell in text, cell
    assert text.index("r1") < text.index("r2")
    assert "r2  0 events" in text and "no in-scope event" in text


def test_table_writer_bidi_reorders_arabic_only() -> None:
    pytest.importorskip("bidi")
    out = io.StringIO()
    TableWriter(out, bidi=True).write(RECORD)
    text = out.getvalue()
    assert "بيطخلا رماس (Samer al-Khatib)" in text


def test_make_writer_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        make_writer("xml")
