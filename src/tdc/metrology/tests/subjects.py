"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.metrology.module``), made by the app's
factories."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from tdc.metrology.tests import factories as f
from tdc.places.models import Province
from tdc.testing.subjects import Jurisdiction, subject


@subject("metrology.Instrument")
def _instrument(where: Jurisdiction) -> models.Model:
    return f.InstrumentFactory(
        owner=where.organisation,
        commune_code=where.commune_id,
        # Due soon, so that the due list shows it too.
        next_due_date=timezone.localdate() + dt.timedelta(days=10),
    )


@subject("metrology.Designation")
def _designation(where: Jurisdiction) -> models.Model:
    return f.DesignationFactory(
        organisation=where.organisation, provinces=[Province.objects.get(pk=where.province_id)]
    )


@subject("metrology.Verifier")
def _verifier(where: Jurisdiction) -> models.Model:
    return f.VerifierFactory(organisation=where.organisation)


@subject("metrology.MeasurementStandard")
def _measurement_standard(where: Jurisdiction) -> models.Model:
    return f.MeasurementStandardFactory(holder=where.organisation)


@subject("metrology.OutOfToleranceFinding")
def _out_of_tolerance_finding(where: Jurisdiction) -> models.Model:
    return f.OutOfToleranceFindingFactory(standard__holder=where.organisation)


@subject("metrology.Market")
def _market(where: Jurisdiction) -> models.Model:
    return f.MarketFactory(management_board=where.organisation, commune_code=where.commune_id)


@subject("metrology.Verification")
def _verification(where: Jurisdiction) -> models.Model:
    return f.PastVerificationFactory(
        instrument=_instrument(where), verifier__organisation=where.organisation
    )


@subject("metrology.Certificate")
def _certificate(where: Jurisdiction) -> models.Model:
    lab = f.LabFactory(
        organisation=where.organisation,
        owner=where.organisation,
        province_id=where.province_id,
        batch=None,
    )
    return f.CertificateFactory(
        verification__lab=lab,
        verification__instrument__serial_number=f"CB-{where.organisation.pk}",
        verification__stamp_serial="",
    )


@subject("metrology.StampBatch")
def _stamp_batch(where: Jurisdiction) -> models.Model:
    return f.StampBatchFactory(organisation=where.organisation)
