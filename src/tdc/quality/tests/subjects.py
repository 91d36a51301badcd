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


@subject("quality.ImportRegistration")
def _import(where: Jurisdiction) -> models.Model:
    from tdc.quality.tests.factories_imports import ImportRegistrationFactory

    return ImportRegistrationFactory(importer=where.organisation)


@subject("quality.ImportNotice")
def _import_notice(where: Jurisdiction) -> models.Model:
    from tdc.quality.tests.factories_imports import ImportRegistrationFactory

    obj = ImportRegistrationFactory(importer=where.organisation, decided=True)
    return obj.notices.order_by("id").last()  # type: ignore[return-value]
