"""``evaluate``: one entry point over every MPE scheme, applying the stage and the verdict."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tdc.metrology.rules import dispensers, electricity, nawi, taximeters, water
from tdc.metrology.rules.common import Outcome, Params, check_point_values, reject_unknown
from tdc.metrology.rules.tables import IN_SERVICE_FACTOR, RuleTable, in_force, overriding
from tdc.metrology.rules.values import (
    Confidence,
    Evaluation,
    Message,
    ParamValue,
    Point,
    PointResult,
    Reason,
    RuleInputError,
    Stage,
    TableRef,
)

#: More test points than any verification procedure asks for.
MAX_POINTS = 500


@dataclass(frozen=True)
class Scheme:
    """One family of instruments and the function that computes its initial MPE per point."""

    name: str
    parameters: frozenset[str]
    compute: Callable[..., Outcome]
    #: Whether a test point with a zero reference makes sense (a scale's zero point does).
    zero_reference: bool = False


SCHEMES: Mapping[str, Scheme] = {
    s.name: s
    for s in (
        Scheme(nawi.SCHEME, nawi.PARAMETERS, nawi.evaluate, zero_reference=True),
        Scheme(water.SCHEME, water.PARAMETERS, water.evaluate),
        Scheme(dispensers.SCHEME, dispensers.PARAMETERS, dispensers.evaluate),
        Scheme(taximeters.SCHEME, taximeters.PARAMETERS, taximeters.evaluate),
        Scheme(electricity.SCHEME, electricity.PARAMETERS, electricity.evaluate),
    )
}


def evaluate(
    scheme: str,
    *,
    accuracy_class: str,
    stage: str,
    params: Mapping[str, ParamValue],
    points: Sequence[Point],
    on: date | None = None,
    overrides: Mapping[str, RuleTable[Any]] | None = None,
) -> Evaluation:
    """Each test point's MPE and verdict under ``scheme``, with the tables in force on ``on``
    (default: the newest version). ``overrides`` gives versions of tables by key (the
    editable reference data of the numbers marked UNCONFIRMED), used instead of the module's.

    Raises ``RuleInputError`` naming the input to correct when the inputs cannot be evaluated.
    """
    rule = _scheme(scheme)
    stage_value = _stage(stage)
    _check_points(points, rule)
    reject_unknown(params, points, rule.parameters, rule.name)
    day = on or date.max
    with overriding(overrides):
        outcome = rule.compute(
            accuracy_class=accuracy_class, params=Params.of(params), points=points, on=day
        )
        tables = list(outcome.tables)
        factor = Decimal(1)
        if stage_value is Stage.IN_SERVICE:
            factor_table = in_force(IN_SERVICE_FACTOR[rule.name], day)
            factor = factor_table.data
            tables.append(factor_table.ref())
    results = tuple(_judge(point, mpe * factor, band) for point, mpe, band in outcome.points)
    passed = all(result.passed for result in results)
    return Evaluation(
        scheme=rule.name,
        accuracy_class=accuracy_class.strip(),
        stage=stage_value,
        points=results,
        passed=passed,
        reasons=_reasons(results),
        notices=(*outcome.notices, *_caveats(tables)),
        tables=tuple(dict.fromkeys(tables)),
    )


def _scheme(name: str) -> Scheme:
    if name not in SCHEMES:
        options = ", ".join(SCHEMES)
        raise RuleInputError(
            "scheme",
            Message(
                vi=f"Không có quy tắc sai số “{name}”: chọn một trong {options}.",
                en=f"There is no MPE scheme “{name}”: choose one of {options}.",
            ),
        )
    return SCHEMES[name]


def _stage(stage: str) -> Stage:
    try:
        return Stage(stage)
    except ValueError:
        options = ", ".join(s.value for s in Stage)
        raise RuleInputError(
            "stage",
            Message(
                vi=f"Giai đoạn “{stage}” không hợp lệ: chọn {options} (ban đầu hoặc đang sử dụng).",
                en=f"The stage “{stage}” is not valid: choose {options}.",
            ),
        ) from None


def _check_points(points: Sequence[Point], rule: Scheme) -> None:
    if not points or len(points) > MAX_POINTS:
        raise RuleInputError(
            "points",
            Message(
                vi=f"Cần từ 1 đến {MAX_POINTS} điểm thử: nhập ít nhất một cặp giá trị chuẩn và "
                "số chỉ.",
                en=f"Give between 1 and {MAX_POINTS} test points: enter at least one pair of "
                "reference and indication.",
            ),
        )
    for index, point in enumerate(points):
        check_point_values(point, index, allow_zero_reference=rule.zero_reference)


def _judge(point: Point, mpe: Decimal, band: str) -> PointResult:
    error = point.indication - point.reference
    return PointResult(
        reference=point.reference,
        indication=point.indication,
        error=error,
        mpe=mpe,
        passed=abs(error) <= mpe,
        band=band,
    )


def _reasons(results: Sequence[PointResult]) -> tuple[Reason, ...]:
    failed = [(i, r) for i, r in enumerate(results) if not r.passed]
    if not failed:
        return (
            Reason(
                "all_within_mpe",
                vi=f"Mọi điểm thử ({len(results)}) có sai số nằm trong sai số lớn nhất cho phép.",
                en=f"Every test point ({len(results)}) is within the maximum permissible error.",
            ),
        )
    return tuple(
        Reason(
            "point_exceeds_mpe",
            vi=f"Điểm thử {i + 1} (chuẩn {r.reference}): sai số {r.error} vượt sai số lớn nhất "
            f"cho phép ±{r.mpe} ({r.band}).",
            en=f"Test point {i + 1} (reference {r.reference}): error {r.error} exceeds the "
            f"maximum permissible error ±{r.mpe} ({r.band}).",
        )
        for i, r in failed
    )


def _caveats(tables: Sequence[TableRef]) -> tuple[Reason, ...]:
    return tuple(
        Reason(
            "unconfirmed_table",
            vi=f"Bảng {t.key} ({t.version}) CHƯA ĐƯỢC XÁC NHẬN với văn bản chính thức "
            f"({t.legal_basis}): kiểm tra trước khi dùng kết quả cho quyết định pháp lý.",
            en=f"Table {t.key} ({t.version}) is UNCONFIRMED against the official text "
            f"({t.legal_basis}): check it before relying on the verdict.",
        )
        for t in dict.fromkeys(tables)
        if t.confidence is Confidence.UNCONFIRMED
    )
