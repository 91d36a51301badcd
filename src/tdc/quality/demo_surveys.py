"""Demo data of quality surveys: an approved survey plan of the demo province (fuel, helmets,
toys, steel, fertiliser) judged by guarded acceptance, a laboratory in scope, samples at each
stage, laboratory results (three non-conforming, each referred to inspections) and one warning
published from a finding; deterministic from the context's seed, skipped when already there."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction

from tdc.accounts.selectors import provincial_staff
from tdc.places.selectors import province_get
from tdc.quality import services
from tdc.quality.models import SurveyPlan
from tdc.registry.selectors import organisation_all

if TYPE_CHECKING:
    from tdc.core.modules import DemoContext

_LAB_SCOPE = [
    "QCVN 1:2022/BKHCN",
    "QCVN 01-189:2019/BNNPTNT",
    "QCVN 2:2021/BKHCN",
    "QCVN 3:2019/BKHCN",
    "QCVN 7:2019/BKHCN",
    "QCVN 4:2009/BKHCN",
]

# group, QCVN, product, brand, place, quantity, results (code, value, unit, U) or None (stage)
_SAMPLES: list[tuple[str, str, str, str, str, str, Any]] = [
    (
        "fuel",
        "QCVN 1:2022/BKHCN",
        "Xăng RON 95-III",
        "Petrolimex",
        "Cửa hàng xăng dầu số 3",
        "2 lít",
        [("petrol-ron95", "95.9", "RON", "0.3"), ("petrol-sulfur-l3", "96", "mg/kg", "6")],
    ),
    (
        "fuel",
        "QCVN 1:2022/BKHCN",
        "Xăng RON 95-III",
        "Xăng dầu Tân Phát",
        "Cửa hàng xăng dầu Tân Phát",
        "2 lít",
        [("petrol-ron95", "95.2", "RON", "0.3"), ("petrol-sulfur-l3", "212", "mg/kg", "8")],
    ),
    (
        "fuel",
        "QCVN 1:2022/BKHCN",
        "Dầu điêzen DO 0,05S-II",
        "PV Oil",
        "Cửa hàng xăng dầu số 7",
        "2 lít",
        [("diesel-sulfur-l3", "41", "mg/kg", "4"), ("diesel-flash-point", "62", "°C", "2")],
    ),
    (
        "helmet",
        "QCVN 2:2021/BKHCN",
        "Mũ bảo hiểm nửa đầu",
        "Không rõ nhãn hiệu",
        "Sạp 14, chợ trung tâm",
        "3 chiếc",
        [("impact-acceleration", "342", "g (gia tốc)", "12"), ("strap-extension", "18", "mm", "1")],
    ),
    (
        "toy",
        "QCVN 3:2019/BKHCN",
        "Bộ đồ chơi nấu ăn bằng nhựa",
        "Happy Kids",
        "Cửa hàng đồ chơi Bé Vui",
        "2 bộ",
        [("migration-lead", "132", "mg/kg", "9"), ("migration-cadmium", "6", "mg/kg", "1")],
    ),
    (
        "toy",
        "QCVN 3:2019/BKHCN",
        "Xe ô tô đồ chơi",
        "Duy Tân",
        "Siêu thị mini An Phú",
        "2 chiếc",
        [("migration-lead", "11", "mg/kg", "2"), ("migration-chromium", "3", "mg/kg", "1")],
    ),
    (
        "steel",
        "QCVN 7:2019/BKHCN",
        "Thép thanh vằn CB400-V D16",
        "Hòa Phát",
        "Cửa hàng vật liệu xây dựng Minh Long",
        "3 đoạn × 0,5 m",
        [
            ("cb400-yield", "452", "MPa", "6"),
            ("cb400-tensile", "618", "MPa", "7"),
            ("cb400-elongation", "19", "% (độ giãn dài)", "1"),
        ],
    ),
    (
        "fertiliser",
        "QCVN 01-189:2019/BNNPTNT",
        "Phân bón NPK 16-16-8",
        "Nông Phát",
        "Đại lý vật tư nông nghiệp Hai Lúa",
        "1 kg",
        "handed_over",
    ),
    (
        "helmet",
        "QCVN 2:2021/BKHCN",
        "Mũ bảo hiểm trẻ em",
        "Nón Sơn",
        "Cửa hàng Nón Sơn",
        "3 chiếc",
        "sealed",
    ),
    (
        "fuel",
        "QCVN 1:2022/BKHCN",
        "Xăng E5 RON 92-II",
        "Mipec",
        "Cửa hàng xăng dầu số 12",
        "2 lít",
        "sampled",
    ),
]


def _sample(
    context: DemoContext,
    *,
    plan: SurveyPlan,
    by: Any,
    leader: Any,
    lab: Any,
    org: Any,
    row: Any,
    day: dt.date,
) -> None:
    group, qcvn, product, brand, place, quantity, outcome = row
    sample = services.sample_take(
        plan=plan,
        by=by,
        business=org,
        product_group=group,
        qcvn=qcvn,
        product=product,
        brand=brand,
        batch=f"L{day:%y%m}-{context.random.randint(10, 99)}",
        gtin="",
        place=place,
        sampled_on=day,
        quantity=quantity,
    )
    if outcome == "sampled":
        return
    sample = services.sample_seal(
        sample=sample,
        by=by,
        seal_number=f"NP-{context.random.randint(10000, 99999)}",
        sealed_on=day,
    )
    if outcome == "sealed":
        return
    services.sample_hand_over(
        sample=sample, by=by, lab=lab, handed_over_on=day + dt.timedelta(days=1)
    )
    if outcome == "handed_over":
        return
    sample = services.results_record(
        sample=sample,
        by=by,
        rows=[{"code": c, "value": v, "unit": u, "uncertainty": k} for c, v, u, k in outcome],
        report_number=f"KQ-{context.random.randint(100, 999)}/{day.year}",
        reported_on=day + dt.timedelta(days=12),
    )
    if sample.verdict == "non_conforming" and sample.product_group == "helmet":
        warning = services.sample_warning_create(sample=sample, by=by)
        services.warning_publish(warning=warning, by=leader, on=day + dt.timedelta(days=14))


@transaction.atomic
def seed(*, context: DemoContext) -> None:
    """One survey plan with its samples, once."""
    if SurveyPlan.objects.exists():
        return
    province = province_get(context.province_id)
    officer = provincial_staff("provincial_officer").filter(province_id=province.pk).first()
    leader = provincial_staff("provincial_leader").filter(province_id=province.pk).first()
    orgs = list(organisation_all().filter(province_id=province.pk).order_by("pk")[:60])
    if officer is None or leader is None or not orgs:
        return
    start = context.today - dt.timedelta(days=100)
    lab = services.body_create(
        by=officer,
        province=province,
        name="Phòng thử nghiệm Chất lượng hàng hóa (VILAS 004)",
        kind="laboratory",
        status="designated",
        registration_number="004/TĐC-CĐ-TN",
        scope_qcvn=_LAB_SCOPE,
        valid_from=dt.date(2024, 1, 1),
        valid_until=dt.date(2029, 12, 31),
    )
    plan = services.survey_plan_create(
        by=officer,
        province=province,
        year=start.year,
        title=f"Khảo sát chất lượng hàng hóa lưu thông trên thị trường năm {start.year}",
        product_groups=["fuel", "helmet", "toy", "steel", "fertiliser"],
        legal_basis=(
            "Luật Chất lượng sản phẩm, hàng hóa (sửa đổi bởi Luật 78/2025/QH15); "
            "Nghị định 37/2026/NĐ-CP; Kế hoạch khảo sát của Sở Khoa học và Công nghệ"
        ),
        decision_rule="guarded",
    )
    plan = services.survey_plan_approve(plan=plan, by=leader, on=dt.date(start.year, 1, 2))
    for index, row in enumerate(_SAMPLES):
        day = max(dt.date(start.year, 1, 3), start - dt.timedelta(days=3 * index))
        org = orgs[context.random.randrange(len(orgs))]
        _sample(context, plan=plan, by=officer, leader=leader, lab=lab, org=org, row=row, day=day)
    context.counts["quality_surveys"] = plan.samples.count()
