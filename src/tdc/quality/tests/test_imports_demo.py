"""The import-inspection demo lots: seeded through the services, deterministic, showing a
reduced inspection, a missed deadline and a labelling fail."""

from __future__ import annotations

import random

import pytest

from tdc.core.modules import DemoContext
from tdc.quality.demo_imports import seed_imports
from tdc.quality.models import ImportNotice, ImportRegistration, ImportSurveillanceEvent
from tdc.quality.tests.factories import ConformityBodyFactory, leader, officer
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory

pytestmark = pytest.mark.django_db


def _seed() -> list[tuple[str, str, str]]:
    context = DemoContext(province_id=PROVINCE_A, random=random.Random(2026))  # noqa: S311
    seed_imports(context=context)
    return list(
        ImportRegistration.objects.order_by("pk").values_list(
            "customs_declaration", "status", "inspection_level"
        )
    )


def test_the_demo_lots_show_each_outcome_and_are_the_same_on_every_run() -> None:
    officer(), leader()
    ConformityBodyFactory(
        scope_qcvn=["QCVN 4:2009/BKHCN", "QCVN 2:2021/BKHCN"], status="designated"
    )
    for _ in range(2):
        OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    first = _seed()
    statuses = [status for _decl, status, _level in first]
    assert statuses.count("passed") == 3
    assert {"not_completed", "failed", "registered"} <= set(statuses)
    assert first[3][2] == "reduced"
    assert ImportNotice.objects.filter(kind="label_fail").exists()
    assert _seed() == first  # a second run adds nothing
    ImportNotice.objects.all().delete()
    ImportSurveillanceEvent.objects.all().delete()
    ImportRegistration.objects.all().delete()
    assert _seed() == first
