"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.inspections.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("inspections.InspectionPlan")
def _inspection_plan(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_campaign, make_plan

    plan = make_plan(province_id=where.province_id)
    make_campaign(plan)
    return plan


@subject("inspections.Campaign")
def _inspection_campaign(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_campaign, make_plan

    return make_campaign(make_plan(province_id=where.province_id))


@subject("inspections.Inspection")
def _inspection(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_inspection

    return make_inspection(where.organisation)


@subject("inspections.SanctionDecision")
def _sanction_decision(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_decision

    return make_decision(where.organisation)


@subject("inspections.ExternalInspection")
def _external_inspection(where: Jurisdiction) -> models.Model:
    from django.utils import timezone

    from tdc.inspections.services import external_inspection_create

    return external_inspection_create(
        by=None,
        organisation=where.organisation,
        agency="Quản lý thị trường",
        inspected_on=timezone.localdate(),
        subject="Kiểm tra nhãn hàng hóa",
        reference="12/BB-QLTT",
        notes="",
    )


@subject("inspections.RiskWeights")
def _risk_weights(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.inspections.models import RiskWeights

    # Weights are nation-wide reference data: "inside" and "outside" differ only by code.
    return RiskWeights.objects.create(
        code=f"test-{where.province_id}", effective_from=dt.date(2025, 1, 1)
    )


@subject("inspections.Violation")
def _inspection_violation(where: Jurisdiction) -> models.Model:
    from tdc.inspections.services import violation_add
    from tdc.inspections.tests.factories import make_inspection, officer

    head = officer(where.province_id)
    inspection = make_inspection(where.organisation, by=head)
    return violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d9-k2",
        committed_on=inspection.inspected_on,
    )
