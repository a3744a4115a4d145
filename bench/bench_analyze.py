"""Throughput of the whole pipeline in one process.

    python bench/bench_analyze.py            # text report
    python bench/bench_analyze.py --json     # one JSON object

Runs the default pipeline over the dev set (``../shared/eval/dev/gold.jsonl``
beside the repository; the bundled examples when it is absent), repeated until
at least ``--docs`` documents, each copy with its own id so that nothing keyed
by id can short-cut the work. Loading the knowledge files and a first pass over
the distinct documents happen before the clock starts: the figure is the
steady state a long batch sees, and the load time is reported on its own.

In the same run it times one Aho-Corasick pass (pyahocorasick, in the ``dev``
extra) over the same documents: an automaton of every lexicon entry's phrase
(its normalised lookup key) run over each document's normalised text, the
least any lexicon lookup can cost. The ratio says how many such passes one
analysis costs.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO.parent / "shared" / "eval" / "dev" / "gold.jsonl"
EXAMPLES = REPO / "examples" / "articles.jsonl"


def load_documents(path: Path) -> list[dict]:
    from rasad.io.readers import ReadError, read_documents

    docs = []
    for item in read_documents([path]):
        if isinstance(item, ReadError):
            print(f"bench: skipped {item}", file=sys.stderr)
            continue
        docs.append(item)
    return docs


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def aho_corasick_pass(texts: list[str]) -> dict:
    """Documents/s of one Aho-Corasick pass over ``texts`` (already normalised) with every
    lexicon entry's phrase, counting the matches; the automaton is built before the clock starts."""
    try:
        import ahocorasick
    except ImportError:
        return {"note": "pyahocorasick is not installed (pip install -e \".[dev]\"): no Aho-Corasick pass"}
    from rasad.lexicon.load import default_lexicon

    automaton = ahocorasick.Automaton()
    for entry in default_lexicon().matcher.entries:
        phrase = " ".join(entry.key)
        automaton.add_word(phrase, phrase)
    automaton.make_automaton()
    for text in texts[:200]:  # warm-up, as for the pipeline
        sum(1 for _ in automaton.iter(text))
    # A pass takes a fraction of a second, so one stall of the machine would skew it: best of five.
    elapsed = float("inf")
    for _ in range(5):
        found = 0
        start = time.perf_counter()
        for text in texts:
            for _ in automaton.iter(text):
                found += 1
        elapsed = min(elapsed, time.perf_counter() - start)
    return {"phrases": len(automaton), "matches": found, "seconds": round(elapsed, 3),
            "documents_per_second": round(len(texts) / elapsed, 1)}


def run(min_docs: int, corpus: Path | None) -> dict:
    import dataclasses

    start_load = time.perf_counter()
    from rasad.pipeline import default_pipeline

    note = None
    if corpus is None:
        corpus = DEV_SET if DEV_SET.is_file() else EXAMPLES
        if corpus == EXAMPLES:
            note = f"{DEV_SET} is absent: measured on the bundled examples instead"
    base = load_documents(corpus)
    if not base:
        raise SystemExit(f"bench: no readable documents in {corpus}")
    pipeline = default_pipeline()
    for doc in base:  # warm-up: lexicon loading, regex compilation, caches
        pipeline.run(doc)
    load_s = time.perf_counter() - start_load

    rounds = -(-min_docs // len(base))
    docs = [dataclasses.replace(d, id=f"{d.id}#{r}") for r in range(rounds) for d in base]
    chars = sum(len(d.text) for d in docs)
    events = 0
    start = time.perf_counter()
    for doc in docs:
        events += len(pipeline.run(doc).events)
    elapsed = time.perf_counter() - start
    rate = len(docs) / elapsed
    from rasad.text.normalise import normalise

    aho = aho_corasick_pass([normalise(d.text).text for d in docs])
    if "documents_per_second" in aho:
        aho["ratio"] = round(aho["documents_per_second"] / rate, 1)
    return {
        "corpus": str(corpus),
        "note": note,
        "distinct_documents": len(base),
        "documents": len(docs),
        "characters": chars,
        "events": events,
        "seconds": round(elapsed, 3),
        "documents_per_second": round(rate, 1),
        "characters_per_second": round(chars / elapsed),
        "load_and_warmup_seconds": round(load_s, 3),
        "peak_memory_mb": round(peak_rss_mb(), 1),
        "aho_corasick": aho,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents to analyse (at least)")
    parser.add_argument("--corpus", type=Path, help="a JSONL of documents instead of the dev set")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))  # also runs from a checkout that is not installed
    result = run(max(1, args.docs), args.corpus)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    if result["note"]:
        print(f"note: {result['note']}")
    print(f"corpus           {result['corpus']} ({result['distinct_documents']} distinct documents)")
    print(f"documents        {result['documents']:,} in {result['seconds']:.2f} s "
          f"({result['events']:,} events)")
    print(f"documents/s      {result['documents_per_second']:,.1f}")
    print(f"characters/s     {result['characters_per_second']:,}")
    print(f"load + warm-up   {result['load_and_warmup_seconds']:.2f} s (not timed above)")
    print(f"peak memory      {result['peak_memory_mb']:.1f} MB (max RSS)")
    print(f"python           {result['implementation']} {result['python']} on {result['machine']}")
    aho = result["aho_corasick"]
    if "ratio" in aho:
        print(f"aho-corasick pass  {aho['documents_per_second']:,.1f} docs/s "
              f"({aho['phrases']:,} lexicon phrases, {aho['matches']:,} matches)")
        print(f"ratio  {aho['ratio']:,.1f}× slower than one Aho-Corasick pass")
    else:
        print(f"note: {aho['note']}")


if __name__ == "__main__":
    main()
