"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.prepackages.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("prepackages.QuantityInspection")
def _quantity_inspection(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.tests.factories import make_inspection

    return make_inspection(
        packer=where.organisation, province_id=where.province_id, commune_id=where.commune_id
    )


@subject("prepackages.ProvinceRulesSetting")
def _prepackage_rules_setting(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.models import ProvinceRulesSetting

    return ProvinceRulesSetting.objects.get_or_create(
        province_id=where.province_id, defaults={"rules_version": "vn-tt21-2014"}
    )[0]


@subject("prepackages.MarkDeclaration")
def _mark_declaration(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.prepackages.services import declaration_receive
    from tdc.testing.factories import make_user

    return declaration_receive(
        by=make_user("system_admin"),
        declarant=where.organisation,
        province=where.organisation.province,
        products="Nước mắm 500 mL",
        received_on=dt.date(2026, 3, 2),
    )


@subject("prepackages.MarkCertification")
def _mark_certification(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.prepackages.services import certification_receive
    from tdc.testing.factories import make_user

    return certification_receive(
        by=make_user("system_admin"),
        applicant=where.organisation,
        province=where.organisation.province,
        products="Gas LPG 12 kg",
        received_on=dt.date(2026, 3, 2),
    )
