"""Benchmark runner: ``python -m bench.run [names…] [--quick]`` (``make bench``).

Runs the registered benchmarks (all of them by default), prints one table and writes
``var/bench/<name>.json``. Exits non-zero when a benchmark failed or measured errors; a missed
target is reported in the table and the JSON but does not fail the run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bench
from bench.registry import OUT_DIR, REPO_DIR, Benchmark, Context, Result, benchmarks

_NOT_BENCHMARKS = {"run", "__main__"}


def discover() -> dict[str, Benchmark]:
    """Import every module of the package; benchmark modules register themselves."""
    for module in pkgutil.iter_modules(bench.__path__):
        if module.name not in _NOT_BENCHMARKS:
            importlib.import_module(f"bench.{module.name}")
    return benchmarks()


def parse_args(argv: list[str] | None, known: dict[str, Benchmark]) -> argparse.Namespace:
    listing = "\n".join(f"  {b.name:<12} {b.description}" for b in known.values())
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Run TĐC benchmarks; prints a table and writes var/bench/<name>.json.",
        epilog=f"benchmarks:\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="short durations (a smoke run)")
    parser.add_argument(
        "--db", default="sqlite,postgres", help="databases, comma-separated (sqlite,postgres)"
    )
    parser.add_argument("--duration", type=float, help="seconds measured per subject")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up before measuring")
    parser.add_argument(
        "--json-dir", type=Path, default=OUT_DIR, help="where <name>.json goes (var/bench)"
    )
    parser.add_argument("--rounds", type=int, help="interleaved repetitions of each measurement")
    parser.add_argument(
        "--loadgen", choices=["auto", "wrk", "python"], default="auto", help="HTTP load generator"
    )
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return args


def main(argv: list[str] | None = None) -> int:
    known = discover()
    args = parse_args(argv, known)
    ctx = Context(
        quick=args.quick,
        databases=tuple(d.strip() for d in args.db.split(",") if d.strip()),
        duration=args.duration,
        warmup=args.warmup,
        rounds=args.rounds,
        loadgen=args.loadgen,
        out_dir=args.json_dir,
    )
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    selected = [known[n] for n in args.names] if args.names else list(known.values())
    results: list[tuple[Benchmark, Result]] = []
    failed = False
    for benchmark in selected:
        print(f"== {benchmark.name}: {benchmark.description}", flush=True)
        began = time.time()
        try:
            result = benchmark.fn(ctx)
        except Exception:  # a broken benchmark must not hide the others' figures
            traceback.print_exc()
            print(f"!! {benchmark.name} failed", flush=True)
            failed = True
            continue
        write_json(benchmark, result, ctx, began, args)
        results.append((benchmark, result))
        failed = failed or bool(result.problems)
    print()
    print(render(results, ctx))
    return 1 if failed else 0


def write_json(
    benchmark: Benchmark, result: Result, ctx: Context, began: float, args: argparse.Namespace
) -> None:
    payload: dict[str, Any] = {
        "benchmark": benchmark.name,
        "description": benchmark.description,
        "started_at": datetime.fromtimestamp(began, UTC).isoformat(timespec="seconds"),
        "elapsed_s": round(time.time() - began, 1),
        "quick": ctx.quick,
        "argv": sys.argv[1:],
        **result.to_json(),
    }
    path = ctx.out_dir / f"{benchmark.name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def render(results: list[tuple[Benchmark, Result]], ctx: Context) -> str:
    """One table per benchmark (their figures differ), then targets, problems and notes."""
    blocks: list[str] = []
    for benchmark, result in results:
        header = ["benchmark", benchmark.subject_header, "db", *(c.header for c in result.columns)]
        lines = [
            [
                benchmark.name,
                row.subject,
                row.db,
                *(c.render(row.values.get(c.key)) for c in result.columns),
            ]
            for row in result.rows
        ]
        block = table(header, lines, text_columns=3)
        for target in result.targets:
            verdict = "met" if target.met else "NOT MET"
            block.append(
                f"target {target.name}: {target.value:.0%} (≥ {target.threshold:.0%}) {verdict}"
            )
        for problem in result.problems:
            block.append(f"ERRORS — figures not valid: {problem}")
        block += [f"note: {note}" for note in result.notes]
        block.append(f"json: {_shown(ctx.out_dir / f'{benchmark.name}.json')}")
        blocks.append("\n".join(block))
    return "\n\n".join(blocks)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)


def table(header: list[str], lines: list[list[str]], *, text_columns: int) -> list[str]:
    """Aligned columns: the first ``text_columns`` left-aligned, the figures right-aligned."""
    widths = [len(h) for h in header]
    for line in lines:
        widths = [max(w, len(cell)) for w, cell in zip(widths, line, strict=True)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(w) if i < text_columns else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [fmt(header), *(fmt(line) for line in lines)]


if __name__ == "__main__":
    sys.exit(main())
