"""Water meters (OIML R 49 / ISO 4064): relative MPE by flow zone and water temperature."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from tdc.metrology.rules.common import Outcome, Params, class_error, percent_of
from tdc.metrology.rules.tables import WATER_METER_MPE, WaterMeterTable, in_force
from tdc.metrology.rules.values import Message, Point, Reason, RuleInputError

SCHEME = "water_meter"
PARAMETERS = frozenset({"zone", "q", "q1", "q2", "q3", "q4", "r", "temperature_c", "unit"})
UNITS = ("L", "m3")
ZONES = ("lower", "upper")


def evaluate(*, accuracy_class: str, params: Params, points: Sequence[Point], on: date) -> Outcome:
    table = in_force(WATER_METER_MPE, on)
    klass = accuracy_class.strip()
    if klass not in table.data.classes:
        raise class_error(accuracy_class, SCHEME, list(table.data.classes))
    limits = table.data.classes[klass]
    params.choice("unit", UNITS, default="L")
    notices: list[Reason] = []
    results = []
    for index, point in enumerate(points):
        here = params.for_point(point, index)
        zone = _zone(here, table.data)
        if zone == "lower":
            pct, band = limits.lower_pct, "Q1 ≤ Q < Q2"
        else:
            temperature = _temperature(here, table.data)
            threshold = table.data.temperature_threshold_c
            if temperature is None:
                notices.append(_cold_default(threshold))
            if temperature is not None and temperature > threshold:
                pct, band = limits.upper_pct_warm, f"Q2 ≤ Q ≤ Q4, > {threshold:f} °C"
            else:
                pct, band = limits.upper_pct_cold, f"Q2 ≤ Q ≤ Q4, ≤ {threshold:f} °C"
        results.append((point, percent_of(pct, point.reference), f"{band} (±{pct:f} %)"))
    return Outcome(results, [table.ref()], notices[:1])


def _zone(params: Params, table: WaterMeterTable) -> str:
    zone = params.choice("zone", ZONES) if params.has("zone") else None
    q = params.positive("q", required=False)
    if q is None:
        if zone is None:
            raise RuleInputError(
                params.field("zone"),
                Message(
                    vi="Thiếu vùng lưu lượng: nhập zone (lower hoặc upper) hoặc lưu lượng thử q "
                    "cùng Q1 (hoặc Q3 và R).",
                    en="The flow zone is missing: give zone (lower or upper) or the test flow "
                    "rate q with Q1 (or Q3 and R).",
                ),
            )
        return zone
    q1, q2, q4 = _flow_limits(params, table)
    params.within(
        "q",
        q,
        q1,
        q4,
        unbounded="Q4",
        message=lambda top: Message(
            vi=f"Lưu lượng thử q = {q} nằm ngoài khoảng Q1 = {q1:f} … Q4 = {top}: "
            "đồng hồ chỉ được thử trong dải lưu lượng danh định.",
            en=f"The test flow rate q = {q} is outside Q1 = {q1:f} … Q4 = {top}: "
            "meters are tested within their rated flow range.",
        ),
    )
    derived = "lower" if q < q2 else "upper"
    if zone is not None and zone != derived:
        raise RuleInputError(
            params.field("zone"),
            Message(
                vi=f"Vùng “{zone}” mâu thuẫn với q = {q} (thuộc vùng “{derived}”): "
                "bỏ zone hoặc sửa q.",
                en=f"Zone “{zone}” contradicts q = {q} (which is in the “{derived}” zone): "
                "drop zone or correct q.",
            ),
        )
    return derived


def _flow_limits(params: Params, table: WaterMeterTable) -> tuple[Decimal, Decimal, Decimal | None]:
    q3 = params.positive("q3", required=False)
    q1 = params.positive("q1", required=False)
    if q1 is None:
        r = params.positive("r", required=False)
        if q3 is None or r is None:
            raise RuleInputError(
                params.field("q1"),
                Message(
                    vi="Để xác định vùng từ q cần Q1, hoặc Q3 và R: nhập các giá trị ghi trên "
                    "đồng hồ.",
                    en="Finding the zone from q needs Q1, or Q3 and R: enter the values marked "
                    "on the meter.",
                ),
            )
        q1 = q3 / r
    q2 = params.positive("q2", required=False) or table.q2_over_q1 * q1
    q4 = params.positive("q4", required=False)
    if q4 is None and q3 is not None:
        q4 = table.q4_over_q3 * q3
    if q2 <= q1 or (q4 is not None and q4 <= q2):
        raise RuleInputError(
            params.field("q2"),
            Message(
                vi="Các lưu lượng phải tăng dần Q1 < Q2 < Q4: kiểm tra các giá trị đã nhập.",
                en="Flow rates must increase Q1 < Q2 < Q4: check the values entered.",
            ),
        )
    return q1, q2, q4


def _temperature(params: Params, table: WaterMeterTable) -> Decimal | None:
    temperature = params.decimal("temperature_c")
    low, high = table.temperature_range_c
    if temperature is not None and not low <= temperature <= high:
        raise RuleInputError(
            params.field("temperature_c"),
            Message(
                vi=f"Nhiệt độ nước {temperature} °C nằm ngoài {low:f}…{high:f} °C: "
                "kiểm tra giá trị.",
                en=f"A water temperature of {temperature} °C is outside {low:f}…{high:f} °C: "
                "check the value.",
            ),
        )
    return temperature


def _cold_default(threshold: Decimal) -> Reason:
    return Reason(
        "cold_water_assumed",
        vi=f"Không có nhiệt độ nước: áp dụng sai số cho nước ≤ {threshold:f} °C (nước lạnh).",
        en=f"No water temperature given: the limits for water ≤ {threshold:f} °C (cold water) "
        "were applied.",
    )
