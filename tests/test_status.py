"""The status stage on its own: cue rules as data, judged on hand-made mentions."""

from __future__ import annotations

import shutil
from pathlib import Path

from rasad.extract.status import CueRule, Facts, Status, judge
from rasad.lexicon.check import check_lexicon
from rasad.lexicon.load import default_lexicon, installed_data_dir
from rasad.model import Mention, Token


def _tokens(words: str) -> list[Token]:
    out, at = [], 0
    for w in words.split():
        out.append(Token(w, at, at + len(w), 0))
        at += len(w) + 1
    return out


def _mention(kind: str, value: str, k: int, tokens: list[Token]) -> Mention:
    t = tokens[k]
    return Mention(kind, t.nstart, t.nend, 0, t.text, k, k + 1, value=value)


WORDS = "اكد الوزير انه سيزور اندونيسيا ويوقع اتفاقيه دفاعيه"


def test_a_plan_word_before_an_imperfect_verb_reaches_it() -> None:
    tokens = _tokens(WORDS)
    cue, trigger = _mention("cue", "plan", 3, tokens), _mention("trigger", "SIGN", 5, tokens)
    rules = [CueRule("plan", Status.PLANNED, 0, 0), CueRule("plan", Status.PLANNED, 99, -1,
                                                               when=("imperfect_trigger",))]
    verdict = judge(trigger, "sign", [cue], [], rules, Facts(tokens, False))
    assert verdict is not None and verdict.status is Status.PLANNED and verdict.rule is rules[1]


def test_a_rule_limited_to_a_type_leaves_others_alone() -> None:
    tokens = _tokens(WORDS)
    cue, trigger = _mention("cue", "topic", 4, tokens), _mention("trigger", "SIGN", 5, tokens)
    rules = [CueRule("topic", Status.TOPIC, 5, -1, types=frozenset({"MIL_COOP"}))]
    assert judge(trigger, "sign", [cue], [], rules, Facts(tokens, False)) is None


def test_window_after_the_trigger() -> None:
    tokens = _tokens(WORDS)
    trigger, cue = _mention("trigger", "VISIT", 3, tokens), _mention("cue", "plan", 7, tokens)
    near = CueRule("plan", Status.PLANNED, 0, 4)
    far = CueRule("plan", Status.PLANNED, 0, 2)
    assert judge(trigger, "visit-verb", [cue], [], [near], Facts(tokens, False)) is not None
    assert judge(trigger, "visit-verb", [cue], [], [far], Facts(tokens, False)) is None


def test_the_installed_rules_load_with_typed_statuses() -> None:
    rules = default_lexicon().cue_rules
    assert rules and all(isinstance(r.status, Status) for r in rules)


def test_check_rejects_unknown_cue_status_and_fact(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(installed_data_dir(), copy)
    path = copy / "triggers.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{cue: opinion, before: 12", "{cue: opinions, before: 12")
    text = text.replace("status: report_denied, when: [story_denies]", "status: rumour, when: [story_denied]")
    path.write_text(text, encoding="utf-8")
    errors = [str(i) for i in check_lexicon(copy) if i.severity == "error"]
    assert any("unknown cue 'opinions'" in e and e.startswith("triggers.yaml:") for e in errors), errors
    assert any("unknown status 'rumour'" in e for e in errors), errors
    assert any("unknown fact 'story_denied'" in e for e in errors), errors


def test_check_rejects_unknown_role_and_word_class(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(installed_data_dir(), copy)
    triggers = copy / "triggers.yaml"
    text = triggers.read_text(encoding="utf-8").replace("role: travel}", "role: sail}", 1)
    triggers.write_text(text, encoding="utf-8")
    classes = copy / "word_classes.yaml"
    classes.write_text(classes.read_text(encoding="utf-8").replace("origin_words:", "origins:"), encoding="utf-8")
    errors = [str(i) for i in check_lexicon(copy) if i.severity == "error"]
    assert any("role 'sail'" in e and e.startswith("triggers.yaml:") for e in errors), errors
    assert any("unknown word class 'origins'" in e and e.startswith("word_classes.yaml:") for e in errors), errors


def test_occasions_carry_the_status_the_story_gives_them() -> None:
    from rasad.model import Document
    from rasad.pipeline import default_pipeline

    text = ("ذكرت وسائل إعلام أن وزير الخارجية التركي وصل إلى الدوحة في زيارة رسمية.\n"
            "لكن وزارة الخارجية القطرية نفت أن يكون الوزير التركي قد زار الدوحة.")
    analysis = default_pipeline().run(Document("d", text))
    statuses = {(o.head.type, o.status) for o in analysis.occasions}
    assert ("VISIT", Status.DENIED) in statuses
    assert analysis.events == []
