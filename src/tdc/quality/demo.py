"""Demo data of the quality module: conformity bodies, declarations under both regimes (some
with their receipt notice) and published warnings, in the demo province; deterministic."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from tdc.accounts.selectors import provincial_staff
from tdc.places.selectors import province_get
from tdc.quality import services
from tdc.quality.models import ConformityBody, Declaration, QualityWarning
from tdc.registry.selectors import organisation_all

if TYPE_CHECKING:
    from tdc.core.modules import DemoContext

_BODIES = [
    (
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3 (QUATEST 3)",
        "certification",
        "designated",
        [
            "QCVN 4:2009/BKHCN",
            "QCVN 9:2012/BKHCN",
            "QCVN 2:2021/BKHCN",
            "QCVN 3:2019/BKHCN",
            "QCVN 19:2025/BKHCN",
        ],
    ),
    (
        "Công ty Chứng nhận Phù hợp Việt",
        "certification",
        "accredited",
        ["QCVN 19:2025/BKHCN", "QCVN 3:2019/BKHCN", "QCVN 7:2019/BKHCN"],
    ),
    (
        "Phòng thử nghiệm Điện – Điện tử (VILAS 512)",
        "laboratory",
        "accredited",
        ["QCVN 4:2009/BKHCN", "QCVN 9:2012/BKHCN", "QCVN 19:2025/BKHCN"],
    ),
]

_PRODUCTS = [
    # product, brand, hs, qcvn, day, basis
    ("Nồi cơm điện", "Sunhouse", "8516.60.10", "QCVN 4:2009/BKHCN", dt.date(2026, 3, 11), "c0"),
    ("Nồi cơm điện", "Kangaroo", "8516.60.10", "QCVN 4:2009/BKHCN", dt.date(2026, 8, 12), "c0"),
    ("Bóng đèn LED", "Rạng Đông", "8539.52.90", "QCVN 19:2025/BKHCN", dt.date(2026, 9, 9), "lab"),
    (
        "Đồ chơi trẻ em bằng nhựa",
        "Duy Tân",
        "9503.00.99",
        "QCVN 3:2019/BKHCN",
        dt.date(2026, 10, 7),
        "c1",
    ),
]


@transaction.atomic
def seed(*, context: DemoContext) -> None:
    """Bodies, declarations and warnings, once (nothing is added when they exist)."""
    if Declaration.objects.exists():
        return
    province = province_get(context.province_id)
    officer = provincial_staff("provincial_officer").filter(province_id=province.pk).first()
    leader = provincial_staff("provincial_leader").filter(province_id=province.pk).first()
    if officer is None or leader is None:
        return
    bodies = []
    for index, (name, kind, status, scope) in enumerate(_BODIES, start=1):
        bodies.append(
            services.body_create(
                by=officer,
                province=province,
                name=name,
                kind=kind,
                status=status,
                registration_number=f"{index:03d}/TĐC-{status[:2].upper()}",
                scope_qcvn=scope,
                valid_from=dt.date(2024, 1, 1),
                valid_until=dt.date(2029, 12, 31),
            )
        )
    orgs = list(organisation_all().filter(province_id=province.pk).order_by("pk")[:4])
    for n, (product, brand, hs, qcvn, day, basis) in enumerate(_PRODUCTS):
        if not orgs:
            break
        org = orgs[n % len(orgs)]
        extra: dict[str, object]
        if basis == "lab":
            extra = {
                "basis": "self_assessment",
                "lab": bodies[2],
                "lab_report_number": f"TN-{context.random.randint(100, 999)}",
                "lab_report_date": day - dt.timedelta(days=40),
                "assessment_signed_on": day,
            }
        else:
            extra = {
                "basis": "certification",
                "body": bodies[int(basis[1])],
                "certificate_number": f"CN-{day.year}-{context.random.randint(1000, 9999)}",
                "certificate_valid_until": day + dt.timedelta(days=3 * 365),
            }
        declaration = services.declaration_file(
            by=officer,
            declarant=org,
            received_on=day,
            kind="regulation",
            product=product,
            brand=brand,
            hs_code=hs,
            qcvn=qcvn,
            declared_on=day,
            origin="Việt Nam",
            **extra,  # type: ignore[arg-type]
        )
        if n != len(_PRODUCTS) - 1:
            services.declaration_accept(
                declaration=declaration, by=leader, accepted_on=day + dt.timedelta(days=2)
            )
    warning = services.warning_create(
        by=officer,
        province=province,
        title="Mũ bảo hiểm không đạt QCVN 2:2021/BKHCN bán tại chợ",
        product="Mũ bảo hiểm cho người đi mô tô, xe máy",
        brand="Không rõ nhãn hiệu",
        batch="Không có số lô",
        hazard="injury",
        description="Mẫu lấy trong đợt khảo sát không đạt chỉ tiêu hấp thụ xung động.",
        measure="Không mua, không sử dụng; cơ sở kinh doanh ngừng bán và thu hồi.",
        source="province",
    )
    services.warning_publish(warning=warning, by=leader, on=dt.date(2026, 10, 20))
    context.counts["quality"] = (
        ConformityBody.objects.count()
        + Declaration.objects.count()
        + QualityWarning.objects.count()
    )
    from tdc.quality.demo_imports import seed_imports

    seed_imports(context=context)
