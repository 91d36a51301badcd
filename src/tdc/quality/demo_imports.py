"""Demo lots of import inspection, deterministic: rice cookers whose three passing lots under
the legacy regime make the fourth (September 2026) a reduced inspection, and helmets with an
incomplete dossier that missed its deadline, a label fixed then failed, and a lot just
registered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tdc.accounts.selectors import provincial_staff
from tdc.quality import services
from tdc.quality.models import ConformityBody, ImportRegistration
from tdc.registry.selectors import organisation_all

if TYPE_CHECKING:
    from tdc.core.modules import DemoContext

D = dt.date

_COOKER = {
    "product": "Nồi cơm điện",
    "brand": "Kangaroo",
    "model_type": "KG18RC",
    "manufacturer": "Zhongshan Kangaroo Electric Appliance Co., Ltd",
    "origin": "Trung Quốc",
    "hs_code": "8516.60.10",
    "qcvn": "QCVN 4:2009/BKHCN",
    "unit": "chiếc",
    "gtin": "8936075120018",
}
_HELMET = {
    "product": "Mũ bảo hiểm cho người đi mô tô, xe máy",
    "brand": "Yohe",
    "model_type": "Y-878",
    "manufacturer": "Guangzhou Yohe Helmet Co., Ltd",
    "origin": "Trung Quốc",
    "hs_code": "6506.10.10",
    "qcvn": "QCVN 2:2021/BKHCN",
    "unit": "chiếc",
    "gtin": "",
}


def _values(goods: dict[str, str], day: dt.date, quantity: int, n: int, body: Any) -> dict:
    return {
        **goods,
        "customs_declaration": f"10{n:010d}",
        "quantity": Decimal(quantity),
        "certificate_kind": "lot",
        "certificate_number": f"CN-NK-{day.year}-{n:04d}",
        "certificate_body": body,
        "certificate_issued_on": day - dt.timedelta(days=7),
        "certificate_valid_until": day + dt.timedelta(days=365),
        "certificate_qcvn": goods["qcvn"],
        "certificate_model": goods["model_type"],
        "certificate_origin": goods["origin"],
        "certificate_quantity": Decimal(quantity),
        "registered_on": day,
    }


def seed_imports(*, context: DemoContext) -> None:
    """The lots, once (nothing is added when registrations exist)."""
    if ImportRegistration.objects.exists():
        return
    province_id = context.province_id
    officer = provincial_staff("provincial_officer").filter(province_id=province_id).first()
    leader = provincial_staff("provincial_leader").filter(province_id=province_id).first()
    body = ConformityBody.objects.filter(status="designated").order_by("pk").first()
    orgs = list(
        organisation_all()
        .filter(province_id=province_id, tax_code__isnull=False)
        .order_by("pk")[:2]
    )
    if officer is None or leader is None or body is None or len(orgs) < 2:
        return
    cookers, helmets = orgs
    base = context.random.randint(10_000_000, 89_999_999)

    def register(org: Any, goods: dict[str, str], day: dt.date, qty: int, n: int) -> Any:
        return services.import_register(
            by=officer, importer=org, **_values(goods, day, qty, base + n, body)
        )

    # Three passing lots under the legacy regime, then a fourth at reduced inspection.
    for n, (day, confirm, decide) in enumerate(
        [
            (D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 11)),
            (D(2026, 4, 13), D(2026, 4, 14), D(2026, 4, 15)),
            (D(2026, 5, 11), D(2026, 5, 12), D(2026, 5, 13)),
        ]
    ):
        lot = register(cookers, _COOKER, day, 1200, n)
        lot = services.import_confirm(registration=lot, by=officer, on=confirm, complete=True)
        lot = services.import_decide(registration=lot, by=leader, on=decide, passed=True)
    # From 01/07/2026 the importer reports every 3 months to keep the reduced inspection.
    services.import_event_record(
        by=officer, registration=lot, kind="report", day=D(2026, 8, 3), note="Báo cáo quý III/2026"
    )
    register(cookers, _COOKER, D(2026, 9, 14), 800, 3)

    # Helmets (high risk from 01/07/2026): dossier incomplete, deadline missed.
    lot = register(helmets, _HELMET, D(2026, 8, 27), 3000, 4)
    lot = services.import_confirm(
        registration=lot,
        by=officer,
        on=D(2026, 8, 28),
        complete=False,
        missing_items="Ảnh chụp nhãn chính và nội dung nhãn phụ tiếng Việt",
    )
    services.import_missed(registration=lot, by=leader, on=D(2026, 9, 11))
    # A label to fix, not fixed in 5 working days: the labelling notice.
    lot = register(helmets, _HELMET, D(2026, 10, 5), 1500, 5)
    lot = services.import_confirm(registration=lot, by=officer, on=D(2026, 10, 6), complete=True)
    lot = services.import_label_fix(
        registration=lot, by=officer, on=D(2026, 10, 6), reason="Nhãn phụ thiếu tên nhà nhập khẩu"
    )
    services.import_decide(
        registration=lot,
        by=leader,
        on=D(2026, 10, 14),
        passed=False,
        reason="Không khắc phục nhãn trong 5 ngày làm việc",
    )
    # Just registered.
    register(helmets, _HELMET, D(2026, 11, 16), 2000, 6)
    context.counts["quality-imports"] = ImportRegistration.objects.count()
