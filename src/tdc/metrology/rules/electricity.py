"""Active-energy electricity meters: relative MPE by class, current range and (for the MID
classes A/B/C) ambient temperature."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from tdc.metrology.rules.common import Outcome, Params, class_error, percent_of
from tdc.metrology.rules.tables import (
    ELECTRICITY_IEC,
    ELECTRICITY_MID,
    IecElectricityTable,
    MidElectricityTable,
    in_force,
)
from tdc.metrology.rules.values import Message, Point, Reason, RuleInputError

SCHEME = "electricity_meter"
PARAMETERS = frozenset(
    {"current", "current_range", "ib", "i_min", "i_tr", "i_max", "temperature_c", "unit"}
)
UNITS = ("Wh", "kWh")
RANGES = ("lower", "upper")


def evaluate(*, accuracy_class: str, params: Params, points: Sequence[Point], on: date) -> Outcome:
    mid = in_force(ELECTRICITY_MID, on)
    iec = in_force(ELECTRICITY_IEC, on)
    klass = _normalise(accuracy_class)
    params.choice("unit", UNITS, default="kWh")
    results = []
    notices: list[Reason] = []
    if klass in mid.data.bands[0].upper_pct:
        for index, point in enumerate(points):
            here = params.for_point(point, index)
            pct, band, notice = _mid_pct(here, mid.data, klass)
            notices.extend(notice)
            results.append((point, percent_of(pct, point.reference), band))
        return Outcome(results, [mid.ref()], notices[:1])
    if klass in iec.data.upper_pct:
        if params.has("temperature_c"):
            notices.append(_temperature_unused())
        for index, point in enumerate(points):
            here = params.for_point(point, index)
            pct, band = _iec_pct(here, iec.data, klass)
            results.append((point, percent_of(pct, point.reference), band))
        return Outcome(results, [iec.ref()], notices)
    raise class_error(accuracy_class, SCHEME, [*mid.data.bands[0].upper_pct, *iec.data.upper_pct])


def _normalise(accuracy_class: str) -> str:
    text = accuracy_class.strip().upper()
    return {"1.0": "1", "2.0": "2"}.get(text, text)


def _mid_pct(
    params: Params, table: MidElectricityTable, klass: str
) -> tuple[Decimal, str, list[Reason]]:
    notices: list[Reason] = []
    temperature = params.decimal("temperature_c")
    if temperature is None:
        temperature = table.reference_temperature_c
        notices.append(
            Reason(
                "reference_temperature_assumed",
                vi=f"Không có nhiệt độ: áp dụng nhiệt độ chuẩn {temperature:f} °C.",
                en=f"No temperature given: the reference temperature {temperature:f} °C was "
                "applied.",
            )
        )
    for band in table.bands:
        for low, high in band.ranges:
            if low <= temperature <= high:
                current_range = _current_range(params, ("i_min", "i_tr", "i_max"))
                pct = (band.lower_pct if current_range == "lower" else band.upper_pct)[klass]
                label = "Imin ≤ I < Itr" if current_range == "lower" else "Itr ≤ I ≤ Imax"
                return pct, f"{label}, {low:f}…{high:f} °C (±{pct:f} %)", notices
    lowest = min(low for band in table.bands for low, _ in band.ranges)
    highest = max(high for band in table.bands for _, high in band.ranges)
    raise RuleInputError(
        params.field("temperature_c"),
        Message(
            vi=f"Nhiệt độ {temperature} °C nằm ngoài {lowest:f}…{highest:f} °C của bảng sai số: "
            "kiểm tra giá trị.",
            en=f"A temperature of {temperature} °C is outside the table's {lowest:f}…"
            f"{highest:f} °C: check the value.",
        ),
    )


def _iec_pct(params: Params, table: IecElectricityTable, klass: str) -> tuple[Decimal, str]:
    current_range = _current_range(params, ("ib", "i_max"), table)
    if current_range == "lower":
        pct = table.lower_pct[klass]
        label = f"{table.lower_from_ib:f} Ib ≤ I < {table.transition_ib:f} Ib"
    else:
        pct = table.upper_pct[klass]
        label = f"{table.transition_ib:f} Ib ≤ I ≤ Imax"
    return pct, f"{label}, PF = 1 (±{pct:f} %)"


def _current_range(
    params: Params, limits: tuple[str, ...], iec: IecElectricityTable | None = None
) -> str:
    if params.has("current_range") or not params.has("current"):
        if not params.has("current_range"):
            raise RuleInputError(
                params.field("current_range"),
                Message(
                    vi="Thiếu dải dòng điện: nhập current_range (lower hoặc upper) hoặc dòng "
                    f"điện thử current cùng {', '.join(limits)}.",
                    en="The current range is missing: give current_range (lower or upper) or "
                    f"the test current with {', '.join(limits)}.",
                ),
            )
        return params.choice("current_range", RANGES)
    current = params.required_positive("current")
    if iec is not None:
        ib = params.required_positive("ib")
        start, transition = iec.lower_from_ib * ib, iec.transition_ib * ib
    else:
        start = params.required_positive("i_min")
        transition = params.required_positive("i_tr")
    i_max = params.positive("i_max", required=iec is None)
    params.within(
        "current",
        current,
        start,
        i_max,
        unbounded="Imax",
        message=lambda upper: Message(
            vi=f"Dòng điện thử {current} A nằm ngoài {start:f} … {upper} A, nơi bảng sai số "
            "áp dụng: chọn điểm thử trong khoảng này.",
            en=f"The test current {current} A is outside {start:f} … {upper} A, where the "
            "limits apply: test within that range.",
        ),
    )
    return "lower" if current < transition else "upper"


def _temperature_unused() -> Reason:
    return Reason(
        "temperature_not_used",
        vi="Giới hạn sai số IEC 62053-21 là ở điều kiện chuẩn: nhiệt độ đã nhập không được dùng.",
        en="IEC 62053-21 limits apply at reference conditions: the temperature given was not used.",
    )
