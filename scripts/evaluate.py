"""Run the pipeline over a gold file and score it with the evaluation scorer.

usage: python scripts/evaluate.py [GOLD.jsonl] [--show-errors] [--out PRED.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from rasad.model import Document
from rasad.pipeline import default_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(SHARED / "eval" / "dev" / "gold.jsonl"))
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    scorer = SHARED / "eval" / "score.py"
    if not Path(args.gold).exists() or not scorer.exists():
        print(f"no gold file or scorer beside the project ({args.gold})", file=sys.stderr)
        return 2
    pipeline = default_pipeline()
    out = Path(args.out) if args.out else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with open(args.gold, encoding="utf-8") as f, out.open("w", encoding="utf-8") as w:
        for line in f:
            if line.strip():
                doc = Document.from_dict(json.loads(line))
                w.write(json.dumps(pipeline.run(doc).to_record(), ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(scorer), args.gold, str(out)]
    if args.show_errors:
        cmd.append("--show-errors")
    if args.json:
        cmd.append("--json")
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
