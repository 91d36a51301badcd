"""The demo province's complaints: about 200 filed by the public over the last eighteen months
through :func:`~tdc.complaints.services.complaint_submit` (so each is encrypted, routed, given
its deadline, and its handlers are notified), then handled by the demo officers through
:func:`~tdc.complaints.services.complaint_update` into every state of the workflow. The
handling times are then set back to the days they would have happened on.

The tracking codes and the encrypted reporter details are drawn by the services themselves
(they are secrets), so they differ from one run to the next; everything else follows the seed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tdc.complaints.choices import ComplaintCategory, ComplaintStatus, HandlingLevel
from tdc.complaints.models import Complaint
from tdc.complaints.services import complaint_submit, complaint_update
from tdc.core.demo import person_name, phone_number, street_address, weighted
from tdc.core.modules import DemoContext
from tdc.places.selectors import commune_get, communes_of_province, province_get

#: Category → (organisation group complained about, what people write).
TOPICS: dict[str, tuple[str, tuple[str, ...]]] = {
    ComplaintCategory.FUEL_METROLOGY: (
        "fuel",
        (
            "Đổ 100.000 đồng xăng nhưng đo lại chỉ được khoảng 4,3 lít, thiếu so với giá niêm yết.",
            "Cột bơm số 2 nhảy số khi chưa bơm, nghi ngờ can thiệp vào cột đo.",
            "Tem kiểm định trên cột đo đã hết hạn từ lâu nhưng cửa hàng vẫn bán.",
        ),
    ),
    ComplaintCategory.MARKET_SCALES: (
        "trader",
        (
            "Mua 1 kg thịt, cân lại ở cân đối chứng của chợ chỉ được 900 g.",
            "Cân đồng hồ của quầy rau không có tem kiểm định.",
            "Tiểu thương dùng cân điện tử đã bị chỉnh, mỗi ký thiếu khoảng 100 g.",
        ),
    ),
    ComplaintCategory.PREPACKAGED_QUANTITY: (
        "packer",
        (
            "Gói đường ghi 1 kg nhưng cân lại chỉ được 940 g.",
            "Chai nước mắm ghi 500 ml nhưng đong lại thiếu rõ rệt.",
        ),
    ),
    ComplaintCategory.LABELS: (
        "importer",
        (
            "Hàng nhập khẩu không có nhãn phụ tiếng Việt.",
            "Nhãn không ghi hạn sử dụng và xuất xứ hàng hóa.",
        ),
    ),
    ComplaintCategory.CONFORMITY_MARKS: (
        "importer",
        ("Mũ bảo hiểm bán tại cửa hàng không có dấu hợp quy CR.",),
    ),
    ComplaintCategory.GOODS_QUALITY: (
        "packer",
        ("Gạo đóng túi có mùi lạ, nghi không đúng chất lượng công bố.",),
    ),
}
#: Final state → share of the complaints.
STATES = {
    ComplaintStatus.RECEIVED: 0.12,
    ComplaintStatus.VERIFIED: 0.12,
    ComplaintStatus.REJECTED: 0.08,
    ComplaintStatus.IN_PROGRESS: 0.18,
    ComplaintStatus.RESOLVED: 0.2,
    ComplaintStatus.CLOSED: 0.3,
}
#: The steps to reach each state.
PATHS = {
    ComplaintStatus.RECEIVED: (),
    ComplaintStatus.VERIFIED: (ComplaintStatus.VERIFIED,),
    ComplaintStatus.REJECTED: (ComplaintStatus.REJECTED,),
    ComplaintStatus.IN_PROGRESS: (ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS),
    ComplaintStatus.RESOLVED: (
        ComplaintStatus.VERIFIED,
        ComplaintStatus.IN_PROGRESS,
        ComplaintStatus.RESOLVED,
    ),
    ComplaintStatus.CLOSED: (
        ComplaintStatus.VERIFIED,
        ComplaintStatus.IN_PROGRESS,
        ComplaintStatus.RESOLVED,
        ComplaintStatus.CLOSED,
    ),
}
OUTCOMES = {
    ComplaintStatus.REJECTED: "Phản ánh không đủ thông tin để xác minh; đã trả lời người phản ánh.",
    ComplaintStatus.RESOLVED: "Đã kiểm tra, lập biên bản và yêu cầu cơ sở khắc phục; "
    "đã trả lời người phản ánh.",
}
#: The demo commune officer's commune: complaints there are handled by the commune.
DEMO_COMMUNE = "28165"


def _newest_first_age(rng: Any, state: str) -> int:
    """Days since receipt: open complaints are recent, finished ones older."""
    if state in (ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED):
        return rng.randint(1, 40)
    if state == ComplaintStatus.IN_PROGRESS:
        return rng.randint(10, 120)
    return rng.randint(30, 540)


def seed_complaints(*, context: DemoContext) -> None:
    """Demo seeder: complaints in every state of the workflow."""
    if Complaint.objects.filter(province_id=context.province_id).exists():
        return
    rng, today = context.random, context.today
    province = province_get(context.province_id)
    communes = list(communes_of_province(context.province_id))
    home = commune_get(DEMO_COMMUNE)
    users = context.objects["users"]
    orgs = context.objects["organisations"]
    now = timezone.now()
    for n in range(context.sized(200, minimum=12)):
        state = list(STATES)[n % len(STATES)] if n < len(STATES) else weighted(rng, STATES)
        category = rng.choice(list(TOPICS))
        group, texts = TOPICS[category]
        business = rng.choice(orgs.get(group) or orgs["fuel"])
        commune = (
            home if n == 0 or rng.random() < 0.15 else (business.commune or rng.choice(communes))
        )
        age = _newest_first_age(rng, state)
        received = dt.datetime.combine(
            today - dt.timedelta(days=age), dt.time(rng.randint(7, 20), rng.randint(0, 59))
        )
        anonymous = rng.random() < 0.25
        complaint = complaint_submit(
            category=category,
            province=province,
            commune=commune,
            description=rng.choice(texts),
            address=business.address,
            business_name=business.name,
            business_tax_code=business.tax_code or "",
            anonymous=anonymous,
            reporter=None
            if anonymous
            else {
                "name": person_name(rng),
                "phone": phone_number(rng).replace(" ", ""),
                "email": "",
                "address": street_address(rng),
            },
            received_at=timezone.make_aware(min(received, timezone.make_naive(now))),
        )
        handler = users["canboxa" if complaint.handling_level == HandlingLevel.COMMUNE else "canbo"]
        stamps: dict[str, dt.datetime] = {}
        when = complaint.received_at
        for step in PATHS[state]:
            fields: dict[str, Any] = {"status": step}
            if step == ComplaintStatus.VERIFIED:
                fields["assigned_to"] = handler
            if step in OUTCOMES:
                fields["outcome"] = OUTCOMES[step]
            complaint = complaint_update(complaint=complaint, by=handler, **fields)
            when = min(when + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8)), now)
            stamps[step] = when
        _set_back(complaint, stamps)
    context.counts["complaints"] = Complaint.objects.filter(province=province).count()


def _set_back(complaint: Complaint, stamps: dict[str, dt.datetime]) -> None:
    """The handling times of a seeded complaint, as they would have happened."""
    fields = {
        "verified_at": stamps.get(ComplaintStatus.VERIFIED),
        "resolved_at": stamps.get(ComplaintStatus.RESOLVED),
        "closed_at": stamps.get(ComplaintStatus.CLOSED) or stamps.get(ComplaintStatus.REJECTED),
    }
    changed = {k: v for k, v in fields.items() if v is not None and getattr(complaint, k)}
    if changed:
        Complaint.objects.filter(pk=complaint.pk).update(**changed)
