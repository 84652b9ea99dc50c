"""The query benchmark's timing loop (bench/bench_query.py): servers interleaved round by
round, each with its own budget, leaving at its first error. Fake calls, no servers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def _bench_query() -> Any:
    spec = importlib.util.spec_from_file_location("bench_query", REPO / "bench" / "bench_query.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _bench_query()


def _server(name: str, log: list[str], seconds: float, fail_at: int | None = None) -> Any:
    def call(i: int) -> tuple[float, int | str]:
        log.append(f"{name}{i}")
        return seconds, "timeout" if i == fail_at else 7

    return call


def test_requests_alternate_between_servers_round_by_round() -> None:
    log: list[str] = []
    calls = {"a": _server("a", log, 0.001), "b": _server("b", log, 0.002)}
    result = bench.timed_together(calls, repeat=4, budget=10.0)
    assert log == ["a0", "b0", "a1", "b1", "b2", "a2", "a3", "b3", "b4", "a4"]
    assert result["a"]["n"] == 4 and result["b"]["n"] == 4
    assert result["a"]["p50_ms"] == 1.0 and result["b"]["p50_ms"] == 2.0


def test_a_given_warm_up_is_not_sent_again() -> None:
    log: list[str] = []
    calls = {"a": _server("a", log, 0.001), "b": _server("b", log, 0.001)}
    bench.timed_together(calls, repeat=1, budget=10.0, first={"a": (0.001, 7), "b": (0.001, 7)})
    assert log == ["a1", "b1"]


def test_an_error_or_a_spent_budget_ends_one_server_only() -> None:
    log: list[str] = []
    calls = {
        "slow": _server("slow", log, 1.0),
        "failing": _server("failing", log, 0.001, fail_at=2),
        "quick": _server("quick", log, 0.001),
    }
    result = bench.timed_together(calls, repeat=6, budget=2.5)
    assert result["failing"] == {"error": "timeout"}
    assert result["slow"]["n"] == 3  # three samples, then over its budget
    assert result["quick"]["n"] == 6
    assert list(result) == ["slow", "failing", "quick"]


def test_a_warm_up_over_budget_is_the_only_sample() -> None:
    log: list[str] = []
    result = bench.timed_together({"a": _server("a", log, 5.0)}, repeat=5, budget=1.0)
    assert result["a"] == {"p50_ms": 5000.0, "p95_ms": 5000.0, "n": 1}
    assert log == ["a0"]
