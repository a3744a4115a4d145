"""bench/bench_analyze.py reports the Aho-Corasick pass and the ratio beside its own figures."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from conftest import REPO


def _bench_analyze():
    spec = importlib.util.spec_from_file_location("bench_analyze", REPO / "bench" / "bench_analyze.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_analyze_times_an_aho_corasick_pass_in_the_same_run(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("ahocorasick")
    bench = _bench_analyze()
    corpus = REPO / "examples" / "articles.jsonl"
    bench.main(["--docs", "20", "--corpus", str(corpus)])
    text = capsys.readouterr().out
    assert "documents/s      " in text
    assert "aho-corasick pass  " in text and " docs/s" in text
    assert "× slower than one Aho-Corasick pass" in text
    bench.main(["--docs", "20", "--corpus", str(corpus), "--json"])
    result = json.loads(capsys.readouterr().out)
    aho = result["aho_corasick"]
    assert aho["phrases"] > 1000 and aho["matches"] > 0
    assert aho["documents_per_second"] > 0 and aho["ratio"] > 0
    assert result["documents"] >= 20


def test_bench_analyze_says_so_without_pyahocorasick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ahocorasick", None)  # import fails as if not installed
    assert "not installed" in _bench_analyze().aho_corasick_pass(["نص"])["note"]
