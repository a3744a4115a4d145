"""Checkers for the grammar knowledge files: titles, institutions, triggers, stop words and
context-bound nationality adjectives. Registered with rasad.lexicon.check on import."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from rasad.extract.status import FUTURE_DATE, PREDICATES, Status
from rasad.lexicon.check import (
    ERROR,
    WARNING,
    Issue,
    _duplicate_rows,
    arabic_name_issues,
    read_table,
    register,
    valid_iso3,
)
from rasad.lexicon.check_content import YamlFile, key_lines
from rasad.lexicon.load import wrap_pattern
from rasad.lexicon.matcher import entry_key
from rasad.model import EVENT_TYPES, SECTORS

TITLE_KINDS = frozenset({"office", "rank", "honorific", "modifier"})


def _phrase_issues(name: str, rows, column: str, what: str) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[tuple, int] = {}
    for row in rows:
        phrase = row.cells[column]
        for severity, message in arabic_name_issues(phrase, what):
            issues.append(Issue(name, row.line, severity, message))
        # Honorifics keep their article in the matcher, so they are their own keys.
        honorific = row.cells.get("kind") in ("honorific", "rank")
        key = (entry_key(phrase, keep_article=honorific), honorific)
        if key in seen:
            issues.append(Issue(name, row.line, WARNING,
                                f"{what} {phrase!r} matches like line {seen[key]}: one of them is never chosen"))
        else:
            seen[key] = row.line
    return issues


@register("titles.tsv")
def check_titles(path: Path) -> list[Issue]:
    rows, issues = read_table(path, ("phrase", "role_en", "sector", "kind"))
    issues += _duplicate_rows(path.name, rows)
    issues += _phrase_issues(path.name, rows, "phrase", "title")
    for row in rows:
        kind, sector = row.cells["kind"], row.cells["sector"]
        if kind not in TITLE_KINDS:
            issues.append(Issue(path.name, row.line, ERROR, f"kind {kind!r} is not one of {sorted(TITLE_KINDS)}"))
        if sector != "-" and sector not in SECTORS:
            issues.append(Issue(path.name, row.line, ERROR, f"sector {sector!r} is not one of {SECTORS} or -"))
        if kind in ("office", "rank") and sector == "-":
            issues.append(Issue(path.name, row.line, ERROR, "an office or rank needs a sector"))
        if not row.cells["role_en"]:
            issues.append(Issue(path.name, row.line, ERROR, "empty role_en"))
    return issues


@register("institutions.tsv")
def check_institutions(path: Path) -> list[Issue]:
    rows, issues = read_table(path, ("phrase", "name_en", "sector", "country"))
    issues += _duplicate_rows(path.name, rows)
    issues += _phrase_issues(path.name, rows, "phrase", "institution")
    for row in rows:
        state = row.cells["country"]
        if state and state.upper() not in valid_iso3():
            issues.append(Issue(path.name, row.line, ERROR, f"unknown ISO 3166 code {state!r}"))
        if row.cells["sector"] not in SECTORS:
            issues.append(Issue(path.name, row.line, ERROR, f"sector {row.cells['sector']!r} is not one of {SECTORS}"))
    return issues


@register("nisba_context.tsv")
def check_context_nisba(path: Path) -> list[Issue]:
    rows, issues = read_table(path, ("nisba", "iso3"))
    issues += _duplicate_rows(path.name, rows)
    for row in rows:
        if row.cells["iso3"].upper() not in valid_iso3():
            issues.append(Issue(path.name, row.line, ERROR, f"unknown ISO 3166 code {row.cells['iso3']!r}"))
        if not row.cells["nisba"].endswith("ي"):
            issues.append(Issue(path.name, row.line, ERROR, "a nationality adjective must end in ي"))
    return issues


@register("stopwords.txt")
def check_stopwords(path: Path) -> list[Issue]:
    issues: list[Issue] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        for w in words:
            if re.search(r"[A-Za-z]", w):
                issues.append(Issue(path.name, n, ERROR, f"stop word {w!r} contains Latin letters"))
    return issues


@register("triggers.yaml")
def check_triggers(path: Path) -> list[Issue]:
    f = YamlFile(path)
    if f.issue is not None:
        return [f.issue]
    name, text, data, lines = f.name, f.text, f.data, f.lines
    issues: list[Issue] = []
    support = data.get("support") or {}
    for key in data.get("recalls") or {}:
        if key not in EVENT_TYPES:
            issues.append(Issue(name, lines.get(("recalls", str(key)), 0), ERROR,
                                f"recalls.{key}: unknown event type; one of {sorted(EVENT_TYPES)}"))
    for section in ("support", "cues", "recalls"):
        for key, pattern in (data.get(section) or {}).items():
            try:
                wrap_pattern(str(pattern))
            except re.error as exc:
                issues.append(Issue(name, lines.get((section, str(key)), 0), ERROR,
                                    f"{section}.{key}: bad regular expression: {exc}"))
    labels: set[str] = set()
    for k, t in enumerate(data.get("triggers") or []):
        where = f"trigger {k + 1} ({t.get('label', '?')})"
        line = lines.get(("triggers", str(k)), 0)
        for severity, message in _trigger_problems(t, labels, support):
            issues.append(Issue(name, line, severity, f"{where}: {message}"))
        labels.add(t.get("label"))
    issues += check_cue_rules(name, text, data, labels)
    return issues


# The roles a trigger may give its parties, by event type: who travels and who hosts, who
# gives and who receives (the events stage reads them).
TRIGGER_ROLES = {
    "VISIT": frozenset({"travel", "receive", "return", "depart"}),
    "MEET": frozenset({"meet", "receive", "talks"}),
    "CALL": frozenset({"call"}),
    "SIGN": frozenset({"sign"}),
    "MIL_COOP": frozenset({"coop"}),
    "MIL_AID": frozenset({"handover", "give", "gift", "arrive"}),
}


def _trigger_problems(t: dict, labels: set[str], support: dict) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if t.get("type") not in EVENT_TYPES:
        problems.append((ERROR, f"type {t.get('type')!r} is not one of {EVENT_TYPES}"))
    elif t.get("role", "") not in TRIGGER_ROLES[t["type"]]:
        problems.append((ERROR, f"role {t.get('role')!r} is not one of {sorted(TRIGGER_ROLES[t['type']])}"))
    if t.get("strength", "strong") not in ("strong", "weak"):
        problems.append((ERROR, "strength must be strong or weak"))
    if not t.get("label") or t.get("label") in labels:
        problems.append((ERROR, "missing or repeated label"))
    for pattern_key in ("pattern", "exclude", "not_before"):
        if t.get(pattern_key):
            try:
                wrap_pattern(str(t[pattern_key]))
            except re.error as exc:
                problems.append((ERROR, f"bad {pattern_key}: {exc}"))
    problems += [(ERROR, f"needs {alternative!r}, which support does not define")
                 for need in t.get("needs") or [] for alternative in str(need).split("|")
                 if alternative not in support]
    if t.get("strength") == "weak" and not t.get("needs"):
        problems.append((WARNING, "a weak trigger without needs is never kept"))
    return problems


def check_cue_rules(name: str, text: str, data: dict, labels: set[str]) -> list[Issue]:
    """Every cue rule names a cue of `cues` (or future_date), a known status, predicate,
    event type and trigger label, and has whole-number windows."""
    lines = key_lines(text)
    known_cues = set(data.get("cues") or {}) | {FUTURE_DATE}
    issues: list[Issue] = []
    for k, raw in enumerate(data.get("cue_rules") or []):
        line = lines.get(("cue_rules", str(k)), 0)
        problems = _cue_rule_problems(raw, known_cues, labels) if isinstance(raw, dict) else ["not a mapping"]
        issues += [Issue(name, line, ERROR, f"cue rule {k + 1}: {p}") for p in problems]
    return issues


def _cue_rule_problems(raw: dict, known_cues: set[str], labels: set[str]) -> list[str]:
    problems = []
    if raw.get("cue") not in known_cues:
        problems.append(f"unknown cue {raw.get('cue')!r}; one of {sorted(known_cues)}")
    if raw.get("status") not in {s.value for s in Status}:
        problems.append(f"unknown status {raw.get('status')!r}; one of {[s.value for s in Status]}")
    problems += [f"{key} must be a whole number of tokens" for key in ("before", "after")
                 if not isinstance(raw.get(key), int)]
    problems += [f"{key}: unknown fact {p!r}; one of {sorted(PREDICATES)}"
                 for key in ("when", "unless") for p in raw.get(key) or () if p not in PREDICATES]
    problems += [f"unknown event type {t!r}" for t in raw.get("types") or () if t not in EVENT_TYPES]
    problems += [f"except_labels: {label!r} is not a trigger label"
                 for label in raw.get("except_labels") or () if label not in labels]
    unknown = set(raw) - _CUE_RULE_KEYS
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    return problems


_CUE_RULE_KEYS = frozenset({"cue", "status", "before", "after", "types", "except_labels", "when", "unless"})


@register("names_en.tsv")
def check_names(path: Path) -> list[Issue]:
    rows, issues = read_table(path, ("name_ar", "name_en"))
    issues += _duplicate_rows(path.name, rows)
    for row in rows:
        for severity, message in arabic_name_issues(row.cells["name_ar"], "name"):
            issues.append(Issue(path.name, row.line, severity, message))
        if not re.fullmatch(r"[A-Za-z][A-Za-z '\-]*", row.cells["name_en"]):
            issues.append(Issue(path.name, row.line, ERROR, f"English spelling {row.cells['name_en']!r} is not plain"))
    return issues


@register("state_references.tsv")
def check_state_references(path: Path) -> list[Issue]:
    rows, issues = read_table(path, ("phrase", "candidates"))
    issues += _duplicate_rows(path.name, rows)
    for row in rows:
        for code in row.cells["candidates"].split("|"):
            if code.strip().upper() not in valid_iso3():
                issues.append(Issue(path.name, row.line, ERROR, f"unknown ISO 3166 code {code!r}"))
    return issues


@register("calibration.yaml")
def check_calibration(path: Path) -> list[Issue]:
    """The fitted score mapping: points (raw, calibrated) with both in [0, 1], raw scores rising
    and calibrated values never falling, since a higher score must never mean less trust."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        return [Issue(name, 0, ERROR, f"not valid YAML: {exc}")]
    points = data.get("points") if isinstance(data, dict) else None
    if not isinstance(points, list) or not points:
        return [Issue(name, 0, ERROR, "'points' must be a non-empty list of [raw, calibrated] pairs")]
    issues: list[Issue] = []
    previous: tuple[float, float] | None = None
    for k, point in enumerate(points, 1):
        if not (isinstance(point, list) and len(point) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)):
            issues.append(Issue(name, 0, ERROR, f"point {k}: {point!r} is not a pair of numbers"))
            previous = None
            continue
        raw, value = float(point[0]), float(point[1])
        for what, v in (("raw score", raw), ("calibrated value", value)):
            if not 0.0 <= v <= 1.0:
                issues.append(Issue(name, 0, ERROR, f"point {k}: {what} {v} is outside [0, 1]"))
        if previous is not None:
            if raw <= previous[0]:
                issues.append(Issue(name, 0, ERROR, f"point {k}: raw score {raw} does not rise after {previous[0]}"))
            if value < previous[1]:
                issues.append(Issue(name, 0, ERROR,
                                    f"point {k}: calibrated value {value} falls below {previous[1]}: not monotone"))
        previous = (raw, value)
    return issues


@register("officials.tsv")
def check_officials(path: Path) -> list[Issue]:
    rows, issues = read_table(path, ("name_ar", "country", "role_en", "sector", "from", "to"))
    issues += _duplicate_rows(path.name, rows)
    for row in rows:
        c = row.cells
        for severity, message in arabic_name_issues(c["name_ar"], "name"):
            issues.append(Issue(path.name, row.line, severity, message))
        if c["country"].upper() not in valid_iso3():
            issues.append(Issue(path.name, row.line, ERROR, f"country {c['country']!r} is not an ISO alpha-3 code"))
        if c["sector"] not in SECTORS:
            issues.append(Issue(path.name, row.line, ERROR, f"sector {c['sector']!r} is not one of {SECTORS}"))
        years = [c[k] for k in ("from", "to")]
        if any(y and not (y.isdigit() and len(y) == 4) for y in years):
            issues.append(Issue(path.name, row.line, ERROR, "from/to must be four-digit years or empty"))
        elif all(years) and int(years[0]) > int(years[1]):
            issues.append(Issue(path.name, row.line, ERROR, "from is after to"))
    return issues


@register("word_classes.yaml")
def check_word_classes(path: Path) -> list[Issue]:
    from rasad.lexicon.load import WORD_CLASSES

    f = YamlFile(path)
    if f.issue is not None:
        return [f.issue]
    data, lines = f.data, f.lines
    issues = [Issue(path.name, lines.get((str(name),), 0), ERROR,
                    f"unknown word class {name!r}; one of {list(WORD_CLASSES)}")
              for name in data if name not in WORD_CLASSES]
    issues += [Issue(path.name, 0, ERROR, f"word class {name!r} is missing") for name in WORD_CLASSES
               if name not in data]
    issues += [Issue(path.name, lines.get((str(name),), 0), ERROR, f"word class {name!r} must be a list of words")
               for name, words in data.items() if not isinstance(words, list)]
    return issues
