"""State inspection of imported goods: deadlines, missed-deadline notices, exemptions, the
lot-versus-certificate check, reduced and stepped-up inspection. Pure: no Django.

Two regimes, chosen by the registration date (quality-facts §0, §2):

* **legacy "nhóm 2"** (NĐ 132/2008 as amended by NĐ 74/2018 and NĐ 154/2018 Art. 4, until
  30/06/2026): the registration is confirmed within 1 working day, the importer hands in the
  certificate within 15 working days of clearance, the result notice follows within 1 working
  day of a complete dossier;
* **risk-based** (NĐ 37/2026 Art. 82–86, from 01/07/2026, high-risk goods only): an incomplete
  dossier is completed within 7 working days, a label fixed within 5, the result notice follows
  within 1 working day, and a notice "Lô hàng không hoàn thiện đầy đủ hồ sơ" within 1 working
  day after a missed deadline.

No period is a constant here: each comes from a versioned reference row (:class:`Param`, keyed
by :class:`Step`) in force on the registration date, handed in by the caller with the label
of the row, so a deadline keeps the version that produced it. Working days come from an
injected :class:`WorkingCalendar` (in the application: ``tdc.core.calendar``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol

from tdc.quality.rules.declarations import add_months
from tdc.quality.rules.errors import QualityRuleError
from tdc.quality.rules.regime import Regime, RegimeResult, RiskClass


class WorkingCalendar(Protocol):
    """The working-day calendar the rules count in."""

    def is_working_day(self, day: dt.date) -> bool: ...

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The day ``n`` working days after ``start`` (day one: the next working day)."""
        ...


class Step(StrEnum):
    """Keys of the reference rows (``quality.ImportPeriod``) the rules read."""

    CONFIRM = "import_confirm"
    CERTIFICATE = "import_certificate"
    COMPLETION = "import_completion"
    LABEL_FIX = "import_label_fix"
    RESULT = "import_result"
    MISSED_NOTICE = "import_missed_notice"
    REDUCED_LOTS = "import_reduced_lots"
    REDUCED_MONTHS = "import_reduced_months"
    REDUCED_REPORT_MONTHS = "import_reduced_report_months"
    STEPPED_VIOLATIONS = "import_stepped_violations"
    STEPPED_WINDOW_MONTHS = "import_stepped_window_months"


@dataclass(frozen=True)
class Param:
    """One reference value in force: an amount (working days, months or a count) and the label
    of the row it comes from."""

    amount: int
    version: str = ""


Params = Mapping[str, Param]


class Due(NamedTuple):
    day: dt.date
    version: str


def param(params: Params, step: Step, day: dt.date) -> Param:
    """The row of ``step`` in force on ``day``, or a clear refusal naming what is missing."""
    found = params.get(step.value)
    if found is None:
        raise QualityRuleError(
            "date",
            f"No reference value “{step.value}” is in force on {day:%d/%m/%Y}: ask the "
            "administrator to load the import-inspection time limits.",
            message_vi=f"Chưa có giá trị tham chiếu “{step.value}” áp dụng vào ngày "
            f"{day:%d/%m/%Y}: hãy đề nghị quản trị hệ thống nạp thời hạn kiểm tra hàng nhập "
            "khẩu.",
            code="no_rule",
            params={"step": step.value, "date": day.isoformat()},
        )
    return found


def require_working_day(day: dt.date, field: str, calendar: WorkingCalendar) -> None:
    """Refuse an act of the authority dated on a day off (weekend, holiday, Tết)."""
    if not calendar.is_working_day(day):
        raise QualityRuleError(
            field,
            f"{day:%d/%m/%Y} is not a working day: date the act on a working day.",
            message_vi=f"Ngày {day:%d/%m/%Y} không phải là ngày làm việc (ngày nghỉ, lễ, Tết): "
            "hãy ghi ngày làm việc thực hiện.",
            code="non_working_day",
            params={"date": day.isoformat()},
        )


def due(
    step: Step, start: dt.date, params: Params, calendar: WorkingCalendar, *, field: str
) -> Due:
    """The last day of the working-day limit ``step`` counted from ``start``; a deadline the
    calendar puts on a day off is refused (the calendar is inconsistent), nothing is kept."""
    row = param(params, step, start)
    day = calendar.add_working_days(start, row.amount)
    if row.amount and not calendar.is_working_day(day):
        raise QualityRuleError(
            field,
            f"The deadline computed for {start:%d/%m/%Y} falls on {day:%d/%m/%Y}, a day off: "
            "check the working-day calendar.",
            message_vi=f"Thời hạn tính từ ngày {start:%d/%m/%Y} rơi vào ngày {day:%d/%m/%Y} "
            "là ngày nghỉ: hãy kiểm tra lịch ngày làm việc.",
            code="non_working_deadline",
            params={"start": start.isoformat(), "day": day.isoformat()},
        )
    return Due(day, row.version)


def confirm_due(registered_on: dt.date, params: Params, calendar: WorkingCalendar) -> Due:
    """The registration is confirmed within 1 working day (both regimes)."""
    return due(Step.CONFIRM, registered_on, params, calendar, field="registered_on")


def dossier_due(
    regime: Regime,
    *,
    notified_on: dt.date,
    cleared_on: dt.date | None,
    params: Params,
    calendar: WorkingCalendar,
) -> Due | None:
    """When an incomplete dossier must be completed: legacy, the certificate within 15 working
    days of clearance (unknown until the goods are cleared); risk-based, 7 working days from
    the inspection body's request."""
    if regime is Regime.GROUP2:
        if cleared_on is None:
            return None
        return due(Step.CERTIFICATE, cleared_on, params, calendar, field="cleared_on")
    return due(Step.COMPLETION, notified_on, params, calendar, field="on")


def result_due(complete_on: dt.date, params: Params, calendar: WorkingCalendar) -> Due:
    """The result notice within 1 working day of a complete dossier."""
    return due(Step.RESULT, complete_on, params, calendar, field="on")


def label_fix_due(notified_on: dt.date, params: Params, calendar: WorkingCalendar) -> Due:
    """A non-conforming label is fixed within 5 working days (risk-based regime)."""
    return due(Step.LABEL_FIX, notified_on, params, calendar, field="on")


@dataclass(frozen=True)
class Missed:
    """A deadline that has passed: the notice may be issued from ``notice_from`` (the next
    working day) and is due by ``notice_due``."""

    deadline: dt.date
    notice_from: dt.date
    notice_due: Due


def missed_deadline(
    deadline: dt.date | None, today: dt.date, params: Params, calendar: WorkingCalendar
) -> Missed | None:
    """The missed-deadline notice of a dossier not completed by ``deadline``; ``None`` while the
    deadline has not passed (the importer still has the whole last day)."""
    if deadline is None or today <= deadline:
        return None
    return Missed(
        deadline=deadline,
        notice_from=calendar.add_working_days(deadline, 1),
        notice_due=due(Step.MISSED_NOTICE, deadline, params, calendar, field="on"),
    )


# --- Who must register -----------------------------------------------------------------------

IMPORT_INSPECTION = "import_inspection"


def require_inspection(result: RegimeResult, day: dt.date) -> None:
    """Goods registered for inspection must be subject to it on the registration day: a
    legacy "nhóm 2" row with import inspection, or high-risk goods from 01/07/2026 (medium-risk
    imports need only the declaration, NĐ 37/2026 Art. 82(1))."""
    if result.regime is Regime.RISK_BASED and result.risk_class is not RiskClass.HIGH:
        shown = {RiskClass.MEDIUM: "trung bình", RiskClass.LOW: "thấp"}.get(
            result.risk_class or RiskClass.LOW, "thấp"
        )
        raise QualityRuleError(
            "hs_code",
            f"On {day:%d/%m/%Y} these goods are not high-risk: they need no state inspection "
            "at import (medium risk: the conformity declaration only).",
            message_vi=f"Ngày {day:%d/%m/%Y} hàng hóa này có mức độ rủi ro {shown}, không "
            "phải kiểm tra nhà nước về chất lượng khi nhập khẩu (rủi ro trung bình: chỉ công "
            "bố hợp quy trước khi lưu thông).",
            code="not_high_risk",
            params={"date": day.isoformat()},
        )
    if IMPORT_INSPECTION not in result.measures:
        raise QualityRuleError(
            "hs_code",
            f"On {day:%d/%m/%Y} the list row of these goods requires no import inspection.",
            message_vi=f"Ngày {day:%d/%m/%Y} danh mục không quy định kiểm tra chất lượng khi "
            "nhập khẩu đối với hàng hóa này.",
            code="no_import_inspection",
            params={"date": day.isoformat()},
        )


# --- The lot against its certificate ---------------------------------------------------------


@dataclass(frozen=True)
class LotFacts:
    """What the importer declares of the lot."""

    registered_on: dt.date
    qcvn: str
    model_type: str = ""
    origin: str = ""
    quantity: float | None = None
    customs_declaration: str = ""


@dataclass(frozen=True)
class CertificateFacts:
    """What the certificate of conformity says, and its issuing body's standing."""

    number: str
    kind: str  # "lot" or "type"
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None
    qcvn: str = ""
    model_type: str = ""
    origin: str = ""
    quantity: float | None = None
    customs_declaration: str = ""
    body_status: str = ""  # registered / accredited / designated ("" when not in the register)
    body_scope: tuple[str, ...] = ()


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).strip().casefold())


def _qcvn_key(text: str) -> str:
    """``QCVN 04:2009/BKHCN`` and ``qcvn 4:2009/bkhcn`` are the same regulation."""
    folded = _fold(text).replace(" ", "")
    return re.sub(r"(?<=qcvn)0+(?=\d)", "", folded)


def check_certificate(
    lot: LotFacts, cert: CertificateFacts, *, regime: Regime, list_qcvn: Sequence[str] = ()
) -> list[QualityRuleError]:
    """Every contradiction between the lot and its certificate (an empty list: none).

    The certificate must be in force on the registration day, be for the QCVN the lot is
    registered under (and the list names), cover the lot's type, origin, customs declaration
    and quantity when it says them, and, from 01/07/2026, come from a designated body
    (NĐ 37/2026 Art. 66(2)(b), 83)."""
    errors: list[QualityRuleError] = []
    day = lot.registered_on

    def add(field: str, message: str, message_vi: str, code: str) -> None:
        errors.append(QualityRuleError(field, message, message_vi=message_vi, code=code))

    if cert.valid_until is not None and cert.valid_until < day:
        add(
            "certificate_valid_until",
            f"The certificate expired on {cert.valid_until:%d/%m/%Y}, before the registration.",
            f"Giấy chứng nhận hết hiệu lực ngày {cert.valid_until:%d/%m/%Y}, trước ngày đăng ký "
            "kiểm tra: lô hàng không thể dựa vào giấy chứng nhận này.",
            "certificate_expired",
        )
    if cert.issued_on is not None and cert.issued_on > day:
        add(
            "certificate_issued_on",
            "The certificate is dated after the registration.",
            f"Giấy chứng nhận ghi ngày cấp {cert.issued_on:%d/%m/%Y}, sau ngày đăng ký kiểm tra "
            f"{day:%d/%m/%Y}: hãy kiểm tra lại ngày cấp.",
            "certificate_after_registration",
        )
    if cert.qcvn and _qcvn_key(cert.qcvn) != _qcvn_key(lot.qcvn):
        add(
            "certificate_qcvn",
            f"The certificate is for {cert.qcvn}, the lot is registered under {lot.qcvn}.",
            f"Giấy chứng nhận cấp theo {cert.qcvn} nhưng lô hàng đăng ký theo {lot.qcvn}: "
            "số liệu lô hàng mâu thuẫn với giấy chứng nhận.",
            "certificate_qcvn_mismatch",
        )
    if list_qcvn and _qcvn_key(lot.qcvn) not in {_qcvn_key(q) for q in list_qcvn}:
        add(
            "qcvn",
            f"The goods are managed under {', '.join(list_qcvn)}, not {lot.qcvn}.",
            f"Hàng hóa này được quản lý theo {', '.join(list_qcvn)}, không phải {lot.qcvn}.",
            "qcvn_not_on_list",
        )
    if cert.model_type and lot.model_type and _fold(cert.model_type) != _fold(lot.model_type):
        add(
            "model_type",
            f"The certificate covers type {cert.model_type}, the lot declares {lot.model_type}.",
            f"Giấy chứng nhận cấp cho kiểu/loại {cert.model_type} nhưng lô hàng khai "
            f"{lot.model_type}: số liệu lô hàng mâu thuẫn với giấy chứng nhận.",
            "model_mismatch",
        )
    if cert.origin and lot.origin and _fold(cert.origin) != _fold(lot.origin):
        add(
            "origin",
            f"The certificate names the origin {cert.origin}, the lot {lot.origin}.",
            f"Giấy chứng nhận ghi xuất xứ {cert.origin} nhưng lô hàng khai {lot.origin}.",
            "origin_mismatch",
        )
    _check_lot_and_body(lot, cert, regime, add)
    return errors


def _check_lot_and_body(
    lot: LotFacts, cert: CertificateFacts, regime: Regime, add: Callable[[str, str, str, str], None]
) -> None:
    """A lot certificate's declaration and quantity; the body's scope and standing."""
    if cert.kind == "lot":
        if (
            cert.customs_declaration
            and lot.customs_declaration
            and _fold(cert.customs_declaration) != _fold(lot.customs_declaration)
        ):
            add(
                "customs_declaration",
                "The lot certificate names another customs declaration.",
                f"Giấy chứng nhận lô hàng ghi tờ khai hải quan {cert.customs_declaration}, "
                f"khác tờ khai {lot.customs_declaration} của lô hàng.",
                "declaration_mismatch",
            )
        if cert.quantity is not None and lot.quantity is not None and lot.quantity > cert.quantity:
            add(
                "quantity",
                f"The lot ({lot.quantity:g}) is larger than the certified quantity "
                f"({cert.quantity:g}).",
                f"Số lượng lô hàng ({lot.quantity:g}) lớn hơn số lượng được chứng nhận "
                f"({cert.quantity:g}).",
                "quantity_exceeds_certificate",
            )
    if cert.body_scope and _qcvn_key(lot.qcvn) not in {_qcvn_key(q) for q in cert.body_scope}:
        add(
            "certificate_body",
            f"The certifying body's scope does not include {lot.qcvn}.",
            f"Phạm vi chỉ định/đăng ký của tổ chức chứng nhận không bao gồm {lot.qcvn}.",
            "body_out_of_scope",
        )
    if regime is Regime.RISK_BASED and cert.body_status and cert.body_status != "designated":
        add(
            "certificate_body",
            "High-risk goods need a certificate from a designated body.",
            "Hàng hóa rủi ro cao phải có giấy chứng nhận của tổ chức chứng nhận được chỉ định.",
            "body_not_designated",
        )


# --- Exemptions (NĐ 37/2026 Art. 86(1)–(2)) --------------------------------------------------


def check_exemption(
    ground: str, *, safety_warning: bool, special_control: bool, high_risk_other_law: bool
) -> None:
    """A ground of Art. 86(1) exempts the lot unless Art. 86(2) takes the exemption away."""
    if not ground:
        raise QualityRuleError(
            "ground",
            "Name the ground of exemption.",
            message_vi="Hãy chọn căn cứ miễn kiểm tra (Điều 86 khoản 1 NĐ 37/2026).",
            code="required",
        )
    if safety_warning or special_control or high_risk_other_law:
        raise QualityRuleError(
            "ground",
            "No exemption for goods under a safety warning, on a special-control list or "
            "treated as high-risk by another law (Art. 86(2)).",
            message_vi="Không được miễn kiểm tra đối với hàng hóa có cảnh báo về an toàn, thuộc "
            "danh mục kiểm soát đặc biệt hoặc được luật khác xác định là rủi ro cao (Điều 86 "
            "khoản 2 NĐ 37/2026).",
            code="exemption_excluded",
        )


# --- Same goods ------------------------------------------------------------------------------


def goods_key(
    *, hs_code: str, product: str, brand: str, model_type: str, manufacturer: str, origin: str
) -> str:
    """A stable key of "the same goods" (same name, brand, type, factory and origin, Art.
    86(3)): case, spacing and Unicode form do not matter."""
    parts = [hs_code, product, brand, model_type, manufacturer, origin]
    text = "\x1f".join(_fold(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


# --- Reduced inspection (Art. 86(3)) ---------------------------------------------------------


@dataclass(frozen=True)
class LotOutcome:
    """A decided lot of the same goods and importer: the day of the result, pass or fail."""

    decided_on: dt.date
    passed: bool


@dataclass(frozen=True)
class Event:
    """What happened after clearance: a quarterly report (``report``) or a stop condition
    (``circulation_fail``, ``complaint``, ``post_check_fail``)."""

    day: dt.date
    kind: str


REPORT = "report"


@dataclass(frozen=True)
class Grant:
    since: dt.date  # the day of the last passing lot of the run
    until: dt.date  # last day of the reduced inspection
    stopped_on: dt.date | None = None
    stop_reason: str = ""


@dataclass(frozen=True)
class ReducedStatus:
    eligible: bool
    grant: Grant | None
    passes_in_row: int
    needed: int
    failed_under_reduced: dt.date | None
    versions: tuple[str, ...]

    @property
    def reason(self) -> str:
        if self.eligible and self.grant is not None:
            return f"reduced until {self.grant.until:%d/%m/%Y}"
        if self.grant is not None and self.grant.stopped_on is not None:
            return f"stopped on {self.grant.stopped_on:%d/%m/%Y}: {self.grant.stop_reason}"
        return f"{self.passes_in_row} of {self.needed} consecutive passing lots"


def _first_stop(grant: Grant, events: Sequence[Event], upto: dt.date, report_months: int) -> Grant:
    """The grant with its first stop by ``upto``: a stop event, or a quarter with no report."""
    stops = [e for e in events if e.kind != REPORT and grant.since < e.day <= upto]
    first: tuple[dt.date, str] | None = None
    if stops:
        event = min(stops, key=lambda e: e.day)
        first = (event.day, event.kind)
    if report_months > 0:
        reports = sorted(e.day for e in events if e.kind == REPORT)
        start = grant.since
        while True:
            end = add_months(start, report_months)
            if end > upto or end > grant.until or (first is not None and end >= first[0]):
                break
            if not any(start < day <= end for day in reports):
                first = (end, "missed_report")
                break
            start = end
    if first is None:
        return grant
    return Grant(grant.since, grant.until, first[0], first[1])


def reduced_inspection(
    *, lots: Iterable[LotOutcome], events: Iterable[Event], on: dt.date, params: Params
) -> ReducedStatus:
    """Whether a new lot registered on ``on`` falls under reduced inspection.

    Walking the decided lots in order: ``REDUCED_LOTS`` consecutive passes grant reduced
    inspection for ``REDUCED_MONTHS`` from the last of them; a failing lot, a stop event (goods
    in circulation failing, a verified complaint, a failed post-check) or a quarter of
    ``REDUCED_REPORT_MONTHS`` without the importer's report ends it. Lots decided while a grant
    runs do not start a new run; a fail under reduced inspection is remembered for stepped-up
    inspection."""
    needed = param(params, Step.REDUCED_LOTS, on)
    months = param(params, Step.REDUCED_MONTHS, on)
    report = param(params, Step.REDUCED_REPORT_MONTHS, on)
    history = sorted((lot for lot in lots if lot.decided_on <= on), key=lambda x: x.decided_on)
    stops = sorted((e for e in events if e.day <= on), key=lambda e: e.day)
    streak = 0
    grant: Grant | None = None
    failed_under: dt.date | None = None
    for lot in history:
        if grant is not None and grant.stopped_on is None and lot.decided_on <= grant.until:
            grant = _first_stop(grant, stops, lot.decided_on, report.amount)
            if grant.stopped_on is None:
                if not lot.passed:
                    grant = Grant(grant.since, grant.until, lot.decided_on, "failing_lot")
                    failed_under = lot.decided_on
                continue
        if lot.passed:
            streak += 1
            if streak >= needed.amount:
                until = add_months(lot.decided_on, months.amount) - dt.timedelta(days=1)
                grant = Grant(lot.decided_on, until)
                streak = 0
        else:
            streak = 0
    eligible = False
    if grant is not None and grant.stopped_on is None:
        grant = _first_stop(grant, stops, on, report.amount)
        eligible = grant.stopped_on is None and on <= grant.until
    return ReducedStatus(
        eligible=eligible,
        grant=grant,
        passes_in_row=streak,
        needed=needed.amount,
        failed_under_reduced=failed_under,
        versions=tuple(v for v in (needed.version, months.version, report.version) if v),
    )


# --- Stepped-up inspection (Art. 84) ---------------------------------------------------------


class SteppedReason(StrEnum):
    FAILED_UNDER_REDUCED = "failed_under_reduced"
    ORIGIN_WARNING = "origin_warning"
    REPEATED_VIOLATIONS = "repeated_violations"


@dataclass(frozen=True)
class SteppedStatus:
    reasons: tuple[SteppedReason, ...]
    versions: tuple[str, ...]

    @property
    def applies(self) -> bool:
        return bool(self.reasons)


def stepped_up(
    *,
    on: dt.date,
    reduced: ReducedStatus,
    importer_failures: Iterable[dt.date],
    origin_on_warning_list: bool,
    params: Params,
) -> SteppedStatus:
    """Stepped-up inspection: the goods failed after being granted reduced inspection, come
    from a country on a high-risk warning list, or the importer failed repeatedly; the window
    and the count are reference values."""
    count = param(params, Step.STEPPED_VIOLATIONS, on)
    window = param(params, Step.STEPPED_WINDOW_MONTHS, on)
    since = add_months(on, -window.amount)
    reasons: list[SteppedReason] = []
    if reduced.failed_under_reduced is not None and reduced.failed_under_reduced > since:
        reasons.append(SteppedReason.FAILED_UNDER_REDUCED)
    if origin_on_warning_list:
        reasons.append(SteppedReason.ORIGIN_WARNING)
    if sum(1 for day in importer_failures if since < day <= on) >= count.amount:
        reasons.append(SteppedReason.REPEATED_VIOLATIONS)
    return SteppedStatus(tuple(reasons), tuple(v for v in (count.version, window.version) if v))


def inspection_level(reduced: ReducedStatus, stepped: SteppedStatus) -> str:
    """``stepped_up`` wins over ``reduced``; otherwise ``normal``."""
    if stepped.applies:
        return "stepped_up"
    return "reduced" if reduced.eligible else "normal"
