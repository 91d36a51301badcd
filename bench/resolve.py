"""The foundations benchmark ``resolve``: legacy addresses resolved to today's units.

``python -m bench.run resolve`` builds 10,000 addresses written before 1 July 2025 from the
legacy communes in the database, in the styles people write them (full text with unit prefixes,
without diacritics, abbreviated "TP.HCM" / "Q.1" / "H." / "P.", without prefixes, with house
numbers in front, and the old units' codes), and resolves each with
:func:`tdc.places.resolver.resolve_address`. It reports the time to build the in-memory index,
the per-address median and p95 after warm-up, and how many resolved to one commune, to several
candidates (a commune split between new ones) or to nothing.

The measurement runs in a child process (``python -m bench.resolve --measure``) against a
throw-away database, like every benchmark of the package.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench import harness
from bench.registry import Column, Context, Result, Row, register

ADDRESSES = 10_000
QUICK_ADDRESSES = 500
WARMUP = 1_000
SEED = 2025
STYLES = ("full", "folded", "abbreviated", "bare", "house", "codes")

COLUMNS = [
    Column("addresses", "addresses", "{:,d}"),
    Column("median_us", "median µs", "{:,.0f}"),
    Column("p95_us", "p95 µs", "{:,.0f}"),
    Column("resolved", "one commune", "{:.1%}"),
    Column("ambiguous", "ambiguous", "{:.1%}"),
    Column("province_only", "province only", "{:.1%}"),
    Column("not_found", "not found", "{:.1%}"),
    Column("correct", "right commune", "{:.1%}"),
    Column("index_ms", "index build ms", "{:,.0f}"),
]


# ---------------------------------------------------------------------------------------------
# Legacy addresses as people write them (also used by the ``imports`` benchmark)


@dataclass(frozen=True)
class LegacyUnit:
    """A legacy commune with its district and province, and the new communes it became."""

    code: str
    name: str
    district_code: str
    district: str
    province_code: str
    province: str
    successors: tuple[str, ...]


_PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")
_ABBREVIATED = {
    "Thành phố": "TP.",
    "Thị trấn": "TT.",
    "Thị xã": "TX.",
    "Phường": "P.",
    "Huyện": "H.",
    "Quận": "Q.",
    "Tỉnh": "T.",
    "Xã": "X.",
}
_CITY_ABBREVIATIONS = {"Thành phố Hồ Chí Minh": "TP.HCM", "Thành phố Hà Nội": "TP.HN"}
_STREETS = ("Nguyễn Trãi", "Lê Lợi", "Trần Hưng Đạo", "Hùng Vương", "Quốc lộ 1A", "đường số 7")


def legacy_units() -> list[LegacyUnit]:
    """Every legacy commune of the database with its names and successors (Django set up)."""
    from tdc.places.models import CommuneSuccession, LegacyCommune

    successors: dict[str, list[str]] = {}
    for old, new in CommuneSuccession.objects.values_list("legacy_commune_id", "commune_id"):
        successors.setdefault(old, []).append(new)
    return [
        LegacyUnit(code, name, dcode, dname, pcode, pname, tuple(successors.get(code, ())))
        for code, name, dcode, dname, pcode, pname in LegacyCommune.objects.order_by(
            "code"
        ).values_list(
            "code", "name", "district_id", "district__name", "province_id", "province__name"
        )
    ]


def _split(name: str) -> tuple[str, str]:
    for prefix in _PREFIXES:
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :]
    return "", name


def _abbreviate(name: str) -> str:
    if name in _CITY_ABBREVIATIONS:
        return _CITY_ABBREVIATIONS[name]
    prefix, bare = _split(name)
    if not prefix:
        return name
    short = _ABBREVIATED[prefix]
    return f"{short}{bare}" if bare.isdigit() else f"{short} {bare}"


def strip_marks(text: str) -> str:
    """Text without diacritics, case kept: "Phường Đống Đa" → "Phuong Dong Da"."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D")


def legacy_address(unit: LegacyUnit, style: str, rng: random.Random) -> str | dict[str, str]:
    """The address of ``unit`` written in ``style`` (one of :data:`STYLES`)."""
    parts = (unit.name, unit.district, unit.province)
    if style == "full":
        return ", ".join(parts)
    if style == "folded":
        return ", ".join(strip_marks(p) for p in parts)
    if style == "abbreviated":
        return ", ".join(_abbreviate(p) for p in parts)
    if style == "bare":
        return ", ".join(_split(p)[1] for p in parts)
    if style == "house":
        lower = ", ".join(
            f"{prefix.lower()} {bare}" if prefix else bare for prefix, bare in map(_split, parts)
        )
        return f"Số {rng.randint(1, 499)} {rng.choice(_STREETS)}, {lower}"
    if style == "codes":
        return {
            "province": unit.province_code,
            "district": unit.district_code,
            "commune": unit.code,
        }
    raise ValueError(f"unknown address style {style!r}")


def sample_addresses(
    units: Sequence[LegacyUnit], count: int, rng: random.Random, styles: Sequence[str] = STYLES
) -> list[tuple[str, LegacyUnit, str | dict[str, str]]]:
    """``count`` addresses of random legacy communes, styles in turn: (style, unit, address)."""
    chosen = [rng.choice(units) for _ in range(count)]
    return [
        (styles[i % len(styles)], unit, legacy_address(unit, styles[i % len(styles)], rng))
        for i, unit in enumerate(chosen)
    ]


# ---------------------------------------------------------------------------------------------
# The benchmark (runner side)


@register(
    "resolve", "Resolve 10,000 legacy addresses: median and p95 per address", subject_header="style"
)
def run(ctx: Context) -> Result:
    count = QUICK_ADDRESSES if ctx.quick else ADDRESSES
    result = Result(columns=COLUMNS, rows=[])
    result.conditions = {"addresses": count, "warmup_addresses": WARMUP, "seed": SEED}
    result.notes += [
        "index build ms: building the in-memory index once from the places tables (first "
        "resolution in a process).",
        "Addresses of random legacy communes (all 63 old provinces), the styles in turn; "
        "timed one by one with perf_counter_ns after the index is built and "
        f"{WARMUP:,} addresses resolved as warm-up. 'right commune': the one commune found is a "
        "successor of the commune the address was built from.",
        "ambiguous: the old commune was split between several new communes (all candidates "
        "kept); province only: no commune could be chosen but the new province is known.",
    ]
    for db in ctx.databases:
        with harness.database(db, "resolve", ctx) as url:
            if url is None:
                result.notes.append(f"{db}: skipped (no server binaries found)")
                continue
            env = harness.django_env(url)
            ctx.log(f"{db}: migrate, load reference data, resolve {count:,} addresses …")
            out: dict[str, Any] = harness.last_json_line(
                harness.run_django(
                    ["-m", "bench.resolve", "--measure", "--addresses", str(count)],
                    env,
                    capture=True,
                )
            )
            ctx.log(
                f"{db}: index built in {out['index_build_ms']:.0f} ms, "
                f"median {out['styles']['all']['median_us']:.0f} µs"
            )
            result.conditions[f"{db}_index_build_ms"] = out["index_build_ms"]
            result.conditions[f"{db}_legacy_communes"] = out["legacy_communes"]
            for style, figures in out["styles"].items():
                if style == "all":
                    figures = {**figures, "index_ms": out["index_build_ms"]}
                result.rows.append(Row(style, db, figures))
    return result


# ---------------------------------------------------------------------------------------------
# The measurement (child process)


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _figures(outcomes: list[tuple[float, str, bool]]) -> dict[str, Any]:
    times = [t for t, _o, _c in outcomes]
    n = len(outcomes)

    def share(kind: str) -> float:
        return sum(1 for _t, o, _c in outcomes if o == kind) / n

    return {
        "addresses": n,
        "median_us": statistics.median(times),
        "p95_us": _percentile(times, 0.95),
        "resolved": share("resolved"),
        "ambiguous": share("ambiguous"),
        "province_only": share("province_only"),
        "not_found": share("not_found"),
        "correct": sum(1 for _t, _o, c in outcomes if c) / n,
    }


def measure(count: int) -> dict[str, Any]:
    from django.core.management import call_command

    from tdc.places.resolver import get_index, reset_index, resolve_address

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0, stdout=_Null())
    units = legacy_units()
    rng = random.Random(SEED)
    warmup = sample_addresses(units, WARMUP, random.Random(SEED + 1))
    addresses = sample_addresses(units, count, rng)

    reset_index()
    began = time.perf_counter()
    get_index()
    index_build_ms = (time.perf_counter() - began) * 1000
    for _style, _unit, address in warmup:
        resolve_address(address)

    by_style: dict[str, list[tuple[float, str, bool]]] = {s: [] for s in STYLES}
    clock = time.perf_counter_ns
    for style, unit, address in addresses:
        began_ns = clock()
        result = resolve_address(address)
        elapsed_us = (clock() - began_ns) / 1000
        if result.commune is not None:
            outcome = "resolved"
        elif result.ambiguous:
            outcome = "ambiguous"
        elif result.province is not None:
            outcome = "province_only"
        else:
            outcome = "not_found"
        correct = result.commune is not None and result.commune.code in unit.successors
        by_style[style].append((elapsed_us, outcome, correct))
    styles = {s: _figures(o) for s, o in by_style.items() if o}
    styles["all"] = _figures([o for outcomes in by_style.values() for o in outcomes])
    return {
        "index_build_ms": index_build_ms,
        "legacy_communes": len(units),
        "styles": styles,
    }


class _Null:
    def write(self, *_: object) -> None:
        pass

    def flush(self) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure address resolution (child process).")
    parser.add_argument("--measure", action="store_true", required=True)
    parser.add_argument("--addresses", type=int, default=ADDRESSES)
    args = parser.parse_args(argv)

    import django

    django.setup()
    print(json.dumps(measure(args.addresses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
