"""Demo data of the library: the sourced seed catalogue (loaded when missing) plus one local
technical regulation of the demo province, clearly marked as illustrative, with a review in
progress, so that every screen (status filter, lifecycle, QCĐP scoping) shows something."""

from __future__ import annotations

import datetime as dt

from tdc.accounts.selectors import provincial_staff
from tdc.core.modules import DemoContext
from tdc.places.selectors import province_get
from tdc.standards.choices import Confidence, EventKind
from tdc.standards.loading import load
from tdc.standards.models import Standard
from tdc.standards.services import standard_create, standard_event_add

DEMO_SOURCE = "Dữ liệu minh họa (demo) — không phải văn bản thật"


def seed(*, context: DemoContext) -> None:
    """Once: nothing is added when the demo regulation exists."""
    load()
    if Standard.objects.filter(kind="QCĐP", source=DEMO_SOURCE).exists():
        return
    province = province_get(context.province_id)
    officer = provincial_staff("provincial_officer").filter(province_id=province.pk).first()
    if officer is None:
        return
    regulation = standard_create(
        by=officer,
        designation=f"QCĐP 1:2024/P{province.pk}",
        title_vi="Quy chuẩn kỹ thuật địa phương về chất lượng nước sạch (minh họa)",
        title_en="Local regulation on clean water quality (illustrative)",
        ics_codes=["13.060.20"],
        issuing_decision="Quyết định minh họa của UBND tỉnh",
        issued_on=dt.date(2024, 3, 1),
        effective_from=dt.date(2024, 6, 1),
        scope_text="Dữ liệu minh họa cho màn hình quy chuẩn địa phương.",
        source=DEMO_SOURCE,
        confidence=Confidence.UNCONFIRMED,
        province=province,
    )
    standard_event_add(
        standard=regulation,
        by=officer,
        kind=EventKind.REVIEW_OPENED,
        on=context.today - dt.timedelta(days=30),
        decision="Kế hoạch rà soát minh họa",
        note="Rà soát định kỳ (minh họa).",
    )
    context.counts["standards"] = Standard.objects.count()
