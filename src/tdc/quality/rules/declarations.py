"""What a conformity declaration must rest on, checked on its declaration date.

Legacy regime (TT 28/2012/TT-BKHCN as amended, quality-facts §1.1): a hợp quy declaration rests
on the declarant's self-assessment with a test report from a **registered** lab, no older than
12 months, or on a certificate from a registered (or designated, as the QCVN requires) body.
Risk-based regime (NĐ 37/2026 Art. 66(2), §1.2): medium risk → certificate of an **accredited**
body, or self-assessment with a report of an accredited or designated lab; high risk →
certificate of a **designated** body. Which of these a product allows is the ``measures`` of its
list row (reference data); only the standing order and the lab's minimum standing per regime,
read in the texts, are here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from tdc.quality.rules.errors import QualityRuleError
from tdc.quality.rules.regime import Regime, RegimeResult

#: Standing of a body, weakest first.
STANDING_ORDER = ("registered", "accredited", "designated")

SELF_ASSESSMENT = "declaration_self_assessment"
#: Certification measures and the standing each asks of the body.
CERTIFICATION_MEASURES = {
    "declaration_registered_cert": "registered",
    "declaration_accredited_cert": "accredited",
    "declaration_designated_cert": "designated",
}
#: The least standing of the lab whose report a self-assessment rests on, per regime.
LAB_STANDING = {Regime.GROUP2: "registered", Regime.RISK_BASED: "accredited"}
#: How old a lab report may be on the declaration date (TT 28/2012 Art. 9: 12 months).
DEFAULT_REPORT_MONTHS = 12


class Basis(StrEnum):
    SELF_ASSESSMENT = "self_assessment"
    CERTIFICATION = "certification"


@dataclass(frozen=True)
class BodyFacts:
    """What the check needs to know of a conformity body."""

    name: str
    kind: str
    standing: str
    scope_qcvn: tuple[str, ...]
    valid_from: dt.date
    valid_until: dt.date
    suspended_from: dt.date | None = None
    suspended_until: dt.date | None = None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative: back), the last day of a shorter month."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _norm(qcvn: str) -> str:
    return "".join(qcvn.upper().split())


def _rank(standing: str) -> int:
    return STANDING_ORDER.index(standing) if standing in STANDING_ORDER else -1


def _body_problem(
    body: BodyFacts, *, field: str, kind: str, least: str, qcvn: str, day: dt.date
) -> QualityRuleError | None:
    shown = f"{day:%d/%m/%Y}"
    if body.kind != kind:
        return QualityRuleError(
            field,
            f"{body.name} is not a body of the kind this basis needs.",
            message_vi=f"{body.name} không phải là loại tổ chức mà căn cứ công bố này yêu cầu.",
            code="wrong_kind",
        )
    if _rank(body.standing) < _rank(least):
        return QualityRuleError(
            field,
            f"{body.name} is only {body.standing}; this product needs a body at least {least}.",
            message_vi=f"{body.name} chưa đủ tư cách: sản phẩm này cần tổ chức ít nhất ở mức "
            f"“{_STANDING_VI[least]}”, tổ chức này chỉ ở mức "
            f"“{_STANDING_VI.get(body.standing, body.standing)}”.",
            code="standing",
            params={"least": least},
        )
    if not (body.valid_from <= day <= body.valid_until):
        return QualityRuleError(
            field,
            f"{body.name} was not valid on the declaration date {shown} (valid "
            f"{body.valid_from:%d/%m/%Y}–{body.valid_until:%d/%m/%Y}).",
            message_vi=f"{body.name} không còn hiệu lực vào ngày công bố {shown} (hiệu lực từ "
            f"{body.valid_from:%d/%m/%Y} đến {body.valid_until:%d/%m/%Y}).",
            code="body_validity",
        )
    if (
        body.suspended_from
        and body.suspended_from <= day
        and (body.suspended_until is None or day <= body.suspended_until)
    ):
        return QualityRuleError(
            field,
            f"{body.name} was suspended on the declaration date {shown}.",
            message_vi=f"{body.name} đang bị đình chỉ vào ngày công bố {shown}.",
            code="body_suspended",
        )
    if _norm(qcvn) not in {_norm(q) for q in body.scope_qcvn}:
        return QualityRuleError(
            field,
            f"{qcvn} is outside the scope of {body.name}.",
            message_vi=f"{qcvn} nằm ngoài phạm vi được chứng nhận/thử nghiệm của {body.name}.",
            code="body_scope",
        )
    return None


_STANDING_VI = {
    "registered": "đã đăng ký",
    "accredited": "được công nhận",
    "designated": "được chỉ định",
}


def check_basis(
    *,
    result: RegimeResult,
    basis: str,
    qcvn: str,
    declared_on: dt.date,
    body: BodyFacts | None = None,
    lab: BodyFacts | None = None,
    lab_report_date: dt.date | None = None,
    certificate_valid_until: dt.date | None = None,
    report_months: int = DEFAULT_REPORT_MONTHS,
) -> None:
    """Raise the first reason the declaration cannot be received, or return ``None``.

    ``result`` is what governs the product on ``declared_on`` (:func:`ProductIndex.resolve`).
    """
    shown = f"{declared_on:%d/%m/%Y}"
    if result.qcvn and _norm(qcvn) not in {_norm(q) for q in result.qcvn}:
        listed = ", ".join(result.qcvn)
        raise QualityRuleError(
            "qcvn",
            f"{qcvn} is not the regulation governing this product on {shown}: {listed}.",
            message_vi=f"{qcvn} không phải quy chuẩn áp dụng cho sản phẩm này vào ngày {shown}: "
            f"{listed}.",
            code="qcvn_mismatch",
        )
    measures = set(result.measures)
    if basis == Basis.SELF_ASSESSMENT:
        _check_self_assessment(
            result, measures, qcvn, declared_on, lab, lab_report_date, report_months
        )
    elif basis == Basis.CERTIFICATION:
        _check_certification(measures, qcvn, declared_on, body, certificate_valid_until)
    else:
        raise QualityRuleError(
            "basis",
            "Choose the basis of the declaration.",
            message_vi="Hãy chọn căn cứ công bố.",
            code="required",
        )


def _check_self_assessment(
    result: RegimeResult,
    measures: set[str],
    qcvn: str,
    declared_on: dt.date,
    lab: BodyFacts | None,
    lab_report_date: dt.date | None,
    report_months: int,
) -> None:
    shown = f"{declared_on:%d/%m/%Y}"
    if measures and SELF_ASSESSMENT not in measures:
        raise QualityRuleError(
            "basis",
            "This product may not be declared on self-assessment: it needs a certificate.",
            message_vi="Sản phẩm này không được công bố dựa trên tự đánh giá: cần giấy chứng "
            "nhận của tổ chức chứng nhận.",
            code="basis_not_allowed",
        )
    if lab is None or lab_report_date is None:
        raise QualityRuleError(
            "lab",
            "A self-assessment needs the lab and the date of its test report.",
            message_vi="Công bố dựa trên tự đánh giá cần ghi phòng thử nghiệm và ngày của "
            "phiếu kết quả thử nghiệm.",
            code="required",
        )
    problem = _body_problem(
        lab,
        field="lab",
        kind="laboratory",
        least=LAB_STANDING[result.regime],
        qcvn=qcvn,
        day=declared_on,
    )
    if problem:
        raise problem
    oldest = add_months(declared_on, -report_months)
    if lab_report_date > declared_on or lab_report_date < oldest:
        raise QualityRuleError(
            "lab_report_date",
            f"The test report of {lab_report_date:%d/%m/%Y} is older than {report_months} "
            f"months on {shown} (or later than it): test again.",
            message_vi=f"Phiếu kết quả thử nghiệm ngày {lab_report_date:%d/%m/%Y} đã quá "
            f"{report_months} tháng tính đến ngày công bố {shown} (hoặc sau ngày công bố): "
            "hãy thử nghiệm lại.",
            code="report_age",
            params={"months": report_months},
        )


def _check_certification(
    measures: set[str],
    qcvn: str,
    declared_on: dt.date,
    body: BodyFacts | None,
    certificate_valid_until: dt.date | None,
) -> None:
    shown = f"{declared_on:%d/%m/%Y}"
    allowed = [CERTIFICATION_MEASURES[m] for m in measures if m in CERTIFICATION_MEASURES]
    least = min(allowed, key=_rank) if allowed else "registered"
    if body is None:
        raise QualityRuleError(
            "body",
            "Name the certification body that issued the certificate.",
            message_vi="Hãy ghi tổ chức chứng nhận đã cấp giấy chứng nhận.",
            code="required",
        )
    problem = _body_problem(
        body, field="body", kind="certification", least=least, qcvn=qcvn, day=declared_on
    )
    if problem:
        raise problem
    if certificate_valid_until is not None and certificate_valid_until < declared_on:
        raise QualityRuleError(
            "certificate_valid_until",
            f"The certificate expired on {certificate_valid_until:%d/%m/%Y}, before {shown}.",
            message_vi=f"Giấy chứng nhận đã hết hiệu lực ngày {certificate_valid_until:%d/%m/%Y}, "
            f"trước ngày công bố {shown}.",
            code="certificate_expired",
        )


def receipt_valid_until(
    *,
    basis: str,
    certificate_valid_until: dt.date | None,
    assessment_signed_on: dt.date | None,
    self_assessment_years: int = 3,
) -> dt.date | None:
    """The last day of the receipt notice: the certificate's for a certified product, three
    years from the signature of the self-assessment report otherwise (TT 28/2012)."""
    if basis == Basis.CERTIFICATION:
        return certificate_valid_until
    if assessment_signed_on is None:
        return None
    return add_months(assessment_signed_on, 12 * self_assessment_years) - dt.timedelta(days=1)
