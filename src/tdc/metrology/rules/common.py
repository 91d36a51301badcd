"""Reading scheme parameters and test points, with messages that say what to correct."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tdc.metrology.rules.values import Message, ParamValue, Point, Reason, RuleInputError, TableRef

#: Magnitudes outside this range cannot come from a measurement (and would strain arithmetic).
MIN_MAGNITUDE = Decimal("1e-12")
MAX_MAGNITUDE = Decimal("1e15")

#: Plain-text names of parameters, for messages.
_LABELS: Mapping[str, tuple[str, str]] = {
    "e": ("khoảng chia kiểm định e", "verification scale interval e"),
    "d": ("giá trị độ chia d", "actual scale interval d"),
    "max": ("mức cân lớn nhất Max", "maximum capacity Max"),
    "min": ("mức cân nhỏ nhất Min", "minimum capacity Min"),
    "unit": ("đơn vị", "unit"),
    "zone": ("vùng lưu lượng", "flow zone"),
    "q": ("lưu lượng thử Q", "test flow rate Q"),
    "q1": ("lưu lượng nhỏ nhất Q1", "minimum flow rate Q1"),
    "q2": ("lưu lượng chuyển tiếp Q2", "transitional flow rate Q2"),
    "q3": ("lưu lượng danh định Q3", "permanent flow rate Q3"),
    "q4": ("lưu lượng quá tải Q4", "overload flow rate Q4"),
    "r": ("tỷ số R = Q3/Q1", "ratio R = Q3/Q1"),
    "temperature_c": ("nhiệt độ (°C)", "temperature (°C)"),
    "volume_l": ("lượng thử danh định (L)", "nominal test quantity (L)"),
    "mmq_l": ("lượng đo nhỏ nhất MMQ (L)", "minimum measured quantity MMQ (L)"),
    "line": ("dòng A/B của bảng sai số", "line A/B of the MPE table"),
    "quantity": ("đại lượng đo", "measured quantity"),
    "fare_digit": ("chữ số nhỏ nhất của tiền cước", "least significant digit of the fare"),
    "current": ("dòng điện thử", "test current"),
    "current_range": ("dải dòng điện", "current range"),
    "ib": ("dòng điện cơ bản Ib", "basic current Ib"),
    "i_min": ("dòng điện nhỏ nhất Imin", "minimum current Imin"),
    "i_tr": ("dòng điện chuyển tiếp Itr", "transitional current Itr"),
    "i_max": ("dòng điện lớn nhất Imax", "maximum current Imax"),
    "reference": ("giá trị chuẩn", "reference value"),
    "indication": ("số chỉ", "indication"),
}


#: Names that are not scheme parameters but the two readings of a test point.
_READINGS = frozenset({"reference", "indication"})


def parameter_names() -> list[str]:
    """The scheme parameters a verifier may give (with their labels in :func:`label`)."""
    return [name for name in _LABELS if name not in _READINGS]


def label(name: str) -> tuple[str, str]:
    return _LABELS.get(name, (name, name))


def to_decimal(value: ParamValue, field: str) -> Decimal:
    """A finite Decimal from a number or a numeric string, or a RuleInputError naming ``field``."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    vi, en = label(field.rsplit(".", 1)[-1])
    if not number.is_finite():
        raise RuleInputError(
            field,
            Message(
                vi=f"{vi.capitalize()} phải là một số hữu hạn (ví dụ 0.5): nhập lại.",
                en=f"The {en} must be a finite number (for example 0.5): enter it again.",
            ),
        )
    if number and not MIN_MAGNITUDE <= abs(number) < MAX_MAGNITUDE:
        raise RuleInputError(
            field,
            Message(
                vi=f"{vi.capitalize()} nằm ngoài khoảng có thể đo ({MIN_MAGNITUDE:f} đến dưới "
                f"{MAX_MAGNITUDE:,f}): kiểm tra đơn vị và dấu thập phân.",
                en=f"The {en} is outside any measurable range ({MIN_MAGNITUDE:f} to below "
                f"{MAX_MAGNITUDE:,f}): check the unit and the decimal point.",
            ),
        )
    return number


@dataclass(frozen=True)
class Params:
    """Scheme parameters, with a test point's own conditions laid over them."""

    values: Mapping[str, ParamValue]
    fields: Mapping[str, str]  # parameter name → input field path for messages

    @classmethod
    def of(cls, params: Mapping[str, ParamValue]) -> Params:
        return cls(dict(params), {name: name for name in params})

    def for_point(self, point: Point, index: int) -> Params:
        values = {**self.values, **point.conditions}
        fields = {**self.fields, **{n: f"points.{index}.{n}" for n in point.conditions}}
        return Params(values, fields)

    def field(self, name: str) -> str:
        return self.fields.get(name, name)

    def has(self, name: str) -> bool:
        return name in self.values

    def decimal(self, name: str) -> Decimal | None:
        if name not in self.values:
            return None
        return to_decimal(self.values[name], self.field(name))

    def refusal(self, name: str, message: Callable[[str, str], Message]) -> RuleInputError:
        """The refusal of parameter ``name``; ``message`` is given its name in Vietnamese and
        in English."""
        vi, en = label(name)
        return RuleInputError(self.field(name), message(vi, en))

    def within(
        self,
        name: str,
        value: Decimal,
        low: Decimal,
        high: Decimal | None,
        *,
        unbounded: str,
        message: Callable[[str], Message],
    ) -> None:
        """Refuse ``value`` of ``name`` outside ``low`` … ``high``; ``message`` is given the
        upper bound as written (``unbounded`` when there is none)."""
        if value < low or (high is not None and value > high):
            top = f"{high:f}" if high is not None else unbounded
            raise RuleInputError(self.field(name), message(top))

    def required_decimal(self, name: str, *, why: Message | None = None) -> Decimal:
        value = self.decimal(name)
        if value is None:
            raise self.refusal(
                name,
                lambda vi, en: (
                    why
                    or Message(
                        vi=f"Thiếu {vi}: nhập giá trị này.", en=f"The {en} is missing: enter it."
                    )
                ),
            )
        return value

    def positive(self, name: str, *, required: bool = True) -> Decimal | None:
        value = self.required_decimal(name) if required else self.decimal(name)
        if value is not None and value <= 0:
            raise self.refusal(
                name,
                lambda vi, en: Message(
                    vi=f"{vi.capitalize()} phải lớn hơn 0: kiểm tra lại giá trị.",
                    en=f"The {en} must be greater than 0: check the value.",
                ),
            )
        return value

    def required_positive(self, name: str) -> Decimal:
        value = self.positive(name)
        assert value is not None  # positive(required=True) raises instead of returning None
        return value

    def choice(self, name: str, choices: Collection[str], default: str | None = None) -> str:
        raw = self.values.get(name, default)
        options = ", ".join(choices)
        if raw is None:
            raise self.refusal(
                name,
                lambda vi, en: Message(
                    vi=f"Thiếu {vi}: chọn một trong {options}.",
                    en=f"The {en} is missing: choose one of {options}.",
                ),
            )
        text = str(raw).strip()
        if text not in choices:
            raise self.refusal(
                name,
                lambda vi, en: Message(
                    vi=f"{vi.capitalize()} “{text}” không hợp lệ: chọn một trong {options}.",
                    en=f"The {en} “{text}” is not valid: choose one of {options}.",
                ),
            )
        return text


def reject_unknown(
    params: Mapping[str, ParamValue], points: Sequence[Point], allowed: Collection[str], scheme: str
) -> None:
    """Refuse parameters the scheme does not use, so that a mistyped or misplaced one is not
    silently ignored."""
    for name in params:
        if name not in allowed:
            raise _unknown(name, name, allowed, scheme)
    for index, point in enumerate(points):
        for name in point.conditions:
            if name not in allowed:
                raise _unknown(name, f"points.{index}.{name}", allowed, scheme)


def _unknown(name: str, field: str, allowed: Collection[str], scheme: str) -> RuleInputError:
    options = ", ".join(sorted(allowed))
    return RuleInputError(
        field,
        Message(
            vi=f"Tham số “{name}” không dùng cho loại “{scheme}”: bỏ nó đi "
            f"(các tham số dùng được: {options}).",
            en=f"The parameter “{name}” is not used by “{scheme}”: remove it "
            f"(parameters it uses: {options}).",
        ),
    )


def check_point_values(point: Point, index: int, *, allow_zero_reference: bool) -> None:
    """Reference and indication must be finite; the reference may not be negative."""
    reference = to_decimal(point.reference, f"points.{index}.reference")
    to_decimal(point.indication, f"points.{index}.indication")
    if reference < 0 or (reference == 0 and not allow_zero_reference):
        bound_vi = "không âm" if allow_zero_reference else "lớn hơn 0"
        bound_en = "0 or more" if allow_zero_reference else "greater than 0"
        raise RuleInputError(
            f"points.{index}.reference",
            Message(
                vi=f"Giá trị chuẩn của điểm thử {index + 1} phải {bound_vi}: kiểm tra lại.",
                en=f"The reference value of test point {index + 1} must be {bound_en}: check it.",
            ),
        )


def percent_of(pct: Decimal, amount: Decimal) -> Decimal:
    return pct * amount / Decimal(100)


@dataclass
class Outcome:
    """What a scheme computed before the stage factor: initial-verification MPE per point."""

    points: list[tuple[Point, Decimal, str]]  # (point, initial MPE, band description)
    tables: list[TableRef]
    notices: list[Reason]


def class_error(accuracy_class: str, scheme: str, known: Collection[str]) -> RuleInputError:
    options = ", ".join(known)
    return RuleInputError(
        "accuracy_class",
        Message(
            vi=f"Cấp chính xác “{accuracy_class}” không có trong quy tắc “{scheme}”: "
            f"chọn một trong {options}.",
            en=f"Accuracy class “{accuracy_class}” is not known for “{scheme}”: "
            f"choose one of {options}.",
        ),
    )
