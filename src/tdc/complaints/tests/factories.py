"""factory_boy factories of complaints, filed as the public files them (``complaint_submit``)."""

from __future__ import annotations

from typing import Any

import factory

from tdc.complaints.choices import ComplaintCategory
from tdc.complaints.models import Complaint
from tdc.complaints.services import complaint_submit
from tdc.places.models import Commune, Province
from tdc.testing.factories import COMMUNE_A, PROVINCE_A

REPORTER = {
    "name": "Trần Thị Tố Giác",
    "phone": "0912345678",
    "email": "to.giac@example.vn",
    "address": "12 Đường Chợ, Xã Phước Lý",
}


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint about a market scale in commune A, with the reporter's contacts.

    ``province_id`` and ``commune_id`` choose the place (``commune_id=None``: no commune);
    the other declarations are ``complaint_submit``'s arguments.
    """

    class Meta:
        model = Complaint

    class Params:
        province_id = PROVINCE_A
        commune_id = COMMUNE_A

    category = ComplaintCategory.MARKET_SCALES
    province = factory.LazyAttribute(lambda o: Province.objects.get(pk=o.province_id))
    commune = factory.LazyAttribute(
        lambda o: Commune.objects.get(pk=o.commune_id) if o.commune_id else None
    )
    description = "Cân của quầy thịt thiếu 100 g mỗi kg."
    business_name = "Quầy thịt Cô Ba"
    reporter = factory.LazyFunction(lambda: dict(REPORTER))

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **fields: Any) -> Complaint:
        return complaint_submit(**fields)
