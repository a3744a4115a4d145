"""Checker for content.yaml: area and instrument codes from the contract's closed lists,
patterns that compile, activity rules that name known areas and trigger labels.
Registered with rasad.lexicon.check on import; messages carry the YAML line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from rasad.lexicon.check import ERROR, Issue, register
from rasad.lexicon.load import wrap_pattern
from rasad.model import AREAS, EVENT_TYPES, INSTRUMENTS

QUALIFIERS = frozenset({"first", "duration"})
_SECTIONS = {"areas": AREAS, "instruments": INSTRUMENTS, "describes": EVENT_TYPES, "qualifiers": QUALIFIERS}


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """1-based line of every mapping key, by its path ("activity", "by_trigger", "exercise")."""
    lines: dict[tuple[str, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*path, str(key.value))
                lines[sub] = key.start_mark.line + 1
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for k, item in enumerate(node.value):
                lines[(*path, str(k))] = item.start_mark.line + 1
                walk(item, (*path, str(k)))

    root = yaml.compose(text)
    if root is not None:
        walk(root, ())
    return lines


class YamlFile:
    """A knowledge YAML file read with the line of every key, or the issue that stops reading it."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.text = path.read_text(encoding="utf-8")
        self.data: dict = {}
        self.lines: dict[tuple[str, ...], int] = {}
        self.issue: Issue | None = None
        try:
            data = yaml.safe_load(self.text) or {}
            self.lines = key_lines(self.text)
        except yaml.YAMLError as exc:
            self.issue = Issue(self.name, 0, ERROR, f"not valid YAML: {exc}")
            return
        if not isinstance(data, dict):
            self.issue = Issue(self.name, 0, ERROR, "expected a mapping of sections")
        else:
            self.data = data


def _trigger_labels(directory: Path) -> set[str] | None:
    path = directory / "triggers.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(t.get("label")) for t in data.get("triggers") or []}


@register("content.yaml")
def check_content(path: Path) -> list[Issue]:
    f = YamlFile(path)
    if f.issue is not None:
        return [f.issue]
    name, data, lines = f.name, f.data, f.lines
    issues: list[Issue] = []
    for section, allowed in _SECTIONS.items():
        for key, pattern in (data.get(section) or {}).items():
            line = lines.get((section, str(key)), 0)
            if key not in allowed:
                issues.append(Issue(name, line, ERROR, f"{section}: unknown code {key!r}; one of {sorted(allowed)}"))
            try:
                wrap_pattern(str(pattern))
            except re.error as exc:
                issues.append(Issue(name, line, ERROR, f"{section}.{key}: bad regular expression: {exc}"))
    issues += _check_activity(name, data.get("activity") or {}, lines, _trigger_labels(path.parent))
    for section in data:
        if section not in (*_SECTIONS, "activity"):
            issues.append(Issue(name, lines.get((str(section),), 0), ERROR, f"unknown section {section!r}"))
    return issues


def _check_activity(name: str, activity: dict, lines: dict[tuple[str, ...], int],
                    labels: set[str] | None) -> list[Issue]:
    issues: list[Issue] = []

    def area(code: object, where: tuple[str, ...]) -> None:
        if code not in AREAS:
            issues.append(Issue(name, lines.get(where, 0), ERROR, f"activity: unknown area {code!r}"))

    for k, code in enumerate(activity.get("areas") or []):
        area(code, ("activity", "areas", str(k)))
    for label, code in (activity.get("by_trigger") or {}).items():
        where = ("activity", "by_trigger", str(label))
        area(code, where)
        if labels is not None and label not in labels:
            issues.append(Issue(name, lines.get(where, 0), ERROR,
                                f"activity.by_trigger: {label!r} is not a trigger label of triggers.yaml"))
    for code, covered in (activity.get("absorbs") or {}).items():
        area(code, ("activity", "absorbs", str(code)))
        for k, other in enumerate(covered or []):
            area(other, ("activity", "absorbs", str(code), str(k)))
    return issues
