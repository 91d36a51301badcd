"""Where benchmarks register themselves, and the shapes of what they return.

A benchmark is a function ``run(ctx: Context) -> Result`` in a module of the ``bench`` package::

    from bench.registry import Column, Context, Result, Row, register

    @register("imports", "Import 100,000 organisations: rows/s next to raw inserts")
    def run(ctx: Context) -> Result:
        ...
        return Result(columns=[Column("rows_s", "rows/s", "{:,.0f}")], rows=[...])

The runner imports every module of the package (so registering is all a new benchmark does),
calls the benchmarks asked for in registration order, prints their rows as one table and writes
each result to ``var/bench/<name>.json``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_DIR / "var" / "bench"


@dataclass(frozen=True)
class Column:
    """One figure of a benchmark's rows: its key in ``Row.values``, header and format."""

    key: str
    header: str
    fmt: str = "{}"

    def render(self, value: Any) -> str:
        if value is None:
            return "–"
        try:
            return self.fmt.format(value)
        except (ValueError, TypeError):
            return str(value)


@dataclass
class Row:
    """One measured subject (an endpoint, an import path…) on one database."""

    subject: str
    db: str
    values: dict[str, Any]


@dataclass
class Target:
    """A threshold the issue sets, checked against figures of the same run."""

    name: str
    value: float
    threshold: float
    met: bool
    unit: str = ""


@dataclass
class Result:
    columns: list[Column]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    #: Settings and conditions worth keeping with the figures (durations, concurrency, tools).
    conditions: dict[str, Any] = field(default_factory=dict)
    #: Figures that are not valid (errors during the measurement): the run exits non-zero.
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": [asdict(c) for c in self.columns],
            "rows": [asdict(r) for r in self.rows],
            "notes": self.notes,
            "targets": [asdict(t) for t in self.targets],
            "conditions": self.conditions,
            "problems": self.problems,
        }


@dataclass
class Context:
    """What the runner passes to every benchmark."""

    quick: bool = False
    #: Databases to measure on: "sqlite", "postgres" (skipped with a note when unavailable).
    databases: tuple[str, ...] = ("sqlite", "postgres")
    #: Overrides of the measuring window in seconds (None: the benchmark's own defaults).
    duration: float | None = None
    warmup: float | None = None
    #: Interleaved repetitions of each measurement (None: the benchmark's default).
    rounds: int | None = None
    #: Load generator for HTTP benchmarks: "auto" (wrk, installed when missing), "wrk", "python".
    loadgen: str = "auto"
    out_dir: Path = OUT_DIR
    started: float = field(default_factory=time.time)

    def log(self, message: str) -> None:
        print(f"  [{time.time() - self.started:6.1f}s] {message}", flush=True)


BenchmarkFn = Callable[[Context], Result]


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    fn: BenchmarkFn
    #: Header of the subject column in the table (endpoint, import path…).
    subject_header: str = "subject"


_BENCHMARKS: dict[str, Benchmark] = {}


def register(
    name: str, description: str, *, subject_header: str = "subject"
) -> Callable[[BenchmarkFn], BenchmarkFn]:
    """Register ``fn`` as the benchmark ``name`` (unique across the package)."""

    def decorator(fn: BenchmarkFn) -> BenchmarkFn:
        existing = _BENCHMARKS.get(name)
        if existing is not None and existing.fn.__module__ != fn.__module__:
            raise ValueError(f"Benchmark {name!r} is registered twice ({existing.fn.__module__}).")
        _BENCHMARKS[name] = Benchmark(name, description, fn, subject_header)
        return fn

    return decorator


def benchmarks() -> dict[str, Benchmark]:
    """Registered benchmarks in registration order."""
    return dict(_BENCHMARKS)
