"""What calibrate.py and error_causes.py share: the evaluation data beside the project,
the shared scorer loaded from its file, and the pipeline run over a gold file.

The scorer is imported by path, not copied: a prediction counts as right exactly when
``score.py`` would match it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from rasad.model import Document
from rasad.pipeline import Analysis, Pipeline, default_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV_GOLD = SHARED / "eval" / "dev" / "gold.jsonl"


def load_scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("rasad_eval_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def missing(*paths: Path) -> Path | None:
    """The first of ``paths`` that is not a file, or None."""
    return next((p for p in paths if not p.is_file()), None)


def skip_message(path: Path) -> str:
    return f"{path} is absent (the evaluation data lives beside the project, in ../shared): nothing to do"


@dataclass
class Scored:
    """One gold document with the pipeline's analysis of it and the scorer's matching."""

    id: str
    gold: list[dict[str, Any]]
    analysis: Analysis
    pred: list[dict[str, Any]]  # the records of analysis.events, in the same order
    matched: list[tuple[dict[str, Any], dict[str, Any]]]

    def is_matched(self, event: dict[str, Any]) -> bool:
        return any(event is g or event is p for g, p in self.matched)


def run(gold_path: Path, scorer: ModuleType, pipeline: Pipeline | None = None) -> Iterator[Scored]:
    pipeline = pipeline or default_pipeline()
    with gold_path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            data = json.loads(line)
            analysis = pipeline.run(Document.from_dict(data))
            gold = [e for e in data.get("events", []) if e.get("type") in scorer.TYPES]
            # Events of types the scorer does not know stay out of both lists, as in score.py.
            pred = [e.to_dict() for e in analysis.events]
            known = [p for p in pred if p.get("type") in scorer.TYPES]
            yield Scored(str(data["id"]), gold, analysis, pred, scorer.match_doc(gold, known))


def exit_if_absent(*paths: Path) -> None:
    gone = missing(*paths)
    if gone is not None:
        print(skip_message(gone), file=sys.stderr)
        raise SystemExit(0)
