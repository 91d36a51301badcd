"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.complaints.module``)."""

from __future__ import annotations

from django.db import models

from tdc.complaints.tests.factories import ComplaintFactory
from tdc.testing.subjects import Jurisdiction, subject


@subject("complaints.Complaint")
def _complaint(where: Jurisdiction) -> models.Model:
    return ComplaintFactory(
        province_id=where.province_id,
        commune_id=where.commune_id,
        description="Cân ở chợ thiếu khối lượng",
        business_name=where.organisation.name,
        reporter={"name": "Nguyễn Văn Báo", "phone": "0901234567"},
    )
