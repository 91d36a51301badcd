"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.inspections.module``)."""

from __future__ import annotations

from django.db import models

from tdc.inspections.tests.factories import (
    CampaignFactory,
    ExternalInspectionFactory,
    InspectionFactory,
    RiskWeightsFactory,
    SanctionDecisionFactory,
    ViolationFactory,
)
from tdc.testing.subjects import Jurisdiction, subject


@subject("inspections.InspectionPlan")
def _inspection_plan(where: Jurisdiction) -> models.Model:
    return CampaignFactory(plan__province_id=where.province_id).plan


@subject("inspections.Campaign")
def _inspection_campaign(where: Jurisdiction) -> models.Model:
    return CampaignFactory(plan__province_id=where.province_id)


@subject("inspections.Inspection")
def _inspection(where: Jurisdiction) -> models.Model:
    return InspectionFactory(organisation=where.organisation)


@subject("inspections.SanctionDecision")
def _sanction_decision(where: Jurisdiction) -> models.Model:
    return SanctionDecisionFactory(organisation=where.organisation)


@subject("inspections.ExternalInspection")
def _external_inspection(where: Jurisdiction) -> models.Model:
    return ExternalInspectionFactory(organisation=where.organisation)


@subject("inspections.RiskWeights")
def _risk_weights(where: Jurisdiction) -> models.Model:
    # Weights are nation-wide reference data: "inside" and "outside" differ only by code.
    return RiskWeightsFactory(code=f"test-{where.province_id}")


@subject("inspections.Violation")
def _inspection_violation(where: Jurisdiction) -> models.Model:
    return ViolationFactory(inspection__organisation=where.organisation)
