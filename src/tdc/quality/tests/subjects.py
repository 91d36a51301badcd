"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.quality.module``)."""

from __future__ import annotations

import datetime as dt

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("quality.ConformityBody")
def _body(where: Jurisdiction) -> models.Model:
    from tdc.quality.tests.factories import ConformityBodyFactory

    return ConformityBodyFactory(province_id=where.province_id)


@subject("quality.Declaration")
def _declaration(where: Jurisdiction) -> models.Model:
    from tdc.quality.tests.factories import DeclarationFactory

    return DeclarationFactory(declarant=where.organisation, accepted=True)


@subject("quality.QualityWarning")
def _warning(where: Jurisdiction) -> models.Model:
    from tdc.quality.tests.factories import QualityWarningFactory

    return QualityWarningFactory(province_id=where.province_id, published_on=dt.date(2026, 9, 1))


@subject("quality.SurveyPlan")
def _survey_plan(where: Jurisdiction) -> models.Model:
    from tdc.quality.tests.factories_surveys import approved_plan

    return approved_plan(where.province_id)


@subject("quality.Sample")
def _sample(where: Jurisdiction) -> models.Model:
    """A sample handed over to a laboratory: all three records exist."""
    from tdc.quality.tests.factories_surveys import approved_plan, make_sample

    return make_sample(
        stage="handed_over", plan=approved_plan(where.province_id), business=where.organisation
    )
