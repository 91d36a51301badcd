"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.complaints.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("complaints.Complaint")
def _complaint(where: Jurisdiction) -> models.Model:
    from tdc.complaints.services import complaint_submit
    from tdc.places.models import Commune, Province

    return complaint_submit(
        category="market_scales",
        province=Province.objects.get(pk=where.province_id),
        commune=Commune.objects.get(pk=where.commune_id),
        description="Cân ở chợ thiếu khối lượng",
        business_name=where.organisation.name,
        reporter={"name": "Nguyễn Văn Báo", "phone": "0901234567"},
    )
