"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.prepackages.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("prepackages.QuantityInspection")
def _quantity_inspection(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.tests.factories import QuantityInspectionFactory

    return QuantityInspectionFactory(
        packer=where.organisation, province_id=where.province_id, commune_id=where.commune_id
    )


@subject("prepackages.ProvinceRulesSetting")
def _prepackage_rules_setting(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.tests.factories import ProvinceRulesSettingFactory

    return ProvinceRulesSettingFactory(province_id=where.province_id)


@subject("prepackages.MarkDeclaration")
def _mark_declaration(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.tests.factories import MarkDeclarationFactory

    return MarkDeclarationFactory(declarant=where.organisation)


@subject("prepackages.MarkCertification")
def _mark_certification(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.tests.factories import MarkCertificationFactory

    return MarkCertificationFactory(applicant=where.organisation)
