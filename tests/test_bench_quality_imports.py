"""The ``quality-imports`` benchmark runs end to end (``--quick``) on PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_bench_smoke import _quick_run

pytestmark = pytest.mark.slow


@pytest.mark.skipif(
    os.environ.get("TDC_TEST_POSTGRES") != "1", reason="the benchmark needs PostgreSQL"
)
def test_it_measures_reduced_inspection_eligibility_on_postgres(tmp_path: Path) -> None:
    stdout, result = _quick_run("quality-imports", tmp_path)

    assert "p95 ms" in stdout
    assert result["problems"] == []
    rows = {row["subject"]: row["values"] for row in result["rows"]}
    eligibility = rows["reduced-inspection eligibility"]
    assert eligibility["lots"] == result["conditions"]["lots"]
    assert 0 < eligibility["p50_ms"] <= eligibility["p95_ms"]
    assert "quality_imp_goods_idx" in result["conditions"]["plan"]
    assert len(result["targets"]) == 1
