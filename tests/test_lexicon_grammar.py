"""The checkers of the grammar knowledge files catch what would silently break matching."""

from pathlib import Path

from rasad.lexicon.check import check_lexicon
from rasad.lexicon.check_grammar import check_institutions, check_titles, check_triggers


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_grammar_files_have_no_errors():
    errors = [i for i in check_lexicon() if i.severity == "error"]
    assert errors == []


def test_title_with_bad_sector_and_kind(tmp_path):
    path = _write(tmp_path, "titles.tsv", "phrase\trole_en\tsector\tkind\nوزير الدفاع\tdefence minister\tARMY\toffice\n"
                  "العقيد\tcolonel\t-\trank\nالسيد\tMr\t-\tcourtesy\n")
    messages = [i.message for i in check_titles(path)]
    assert any("sector 'ARMY'" in m for m in messages)
    assert any("needs a sector" in m for m in messages)
    assert any("kind 'courtesy'" in m for m in messages)


def test_institution_that_can_never_be_chosen(tmp_path):
    path = _write(tmp_path, "institutions.tsv",
                  "phrase\tname_en\tsector\tcountry\nالجيش\tarmy\tMIL\t\nجيش\tarmy\tMIL\t\n")
    issues = check_institutions(path)
    assert [i.line for i in issues if "never chosen" in i.message] == [3]


def test_trigger_file_problems(tmp_path):
    path = _write(tmp_path, "triggers.yaml", """
triggers:
  - {type: VISIT, label: a, pattern: "زار(", strength: strong}
  - {type: PARADE, label: b, pattern: "عرض", strength: strong}
  - {type: MEET, label: c, pattern: "لقاء", strength: weak, needs: [nowhere]}
support: {}
""")
    messages = [i.message for i in check_triggers(path)]
    assert any("bad pattern" in m for m in messages)
    assert any("type 'PARADE'" in m for m in messages)
    assert any("needs 'nowhere'" in m for m in messages)


def test_officials_file_rejects_bad_rows(tmp_path) -> None:
    import shutil

    from rasad.lexicon.check import check_lexicon
    from rasad.lexicon.load import installed_data_dir

    copy = tmp_path / "data"
    shutil.copytree(installed_data_dir(), copy)
    with (copy / "officials.tsv").open("a", encoding="utf-8") as f:
        f.write("فلان الفلاني\tXXQ\tminister\tGOV\t2020\t2010\n")
    errors = [str(i) for i in check_lexicon(copy) if i.severity == "error" and i.file == "officials.tsv"]
    assert any("XXQ" in e for e in errors) and any("from is after to" in e for e in errors), errors
