"""Names, not codes, in inspections: the organisation is chosen by name, and a quantity check
is opened from the inspection's page (its reference is set, never typed)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tdc.inspections.tests.factories import InspectionFactory
from tdc.testing.factories import PROVINCE_A, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_opens_a_quantity_check_that_belongs_to_the_inspection(
    officer: Any, web: Client
) -> None:
    inspection = InspectionFactory(
        organisation=OrganisationFactory(province_id=PROVINCE_A), by=officer
    )
    page = web.get(reverse("inspections:inspection_detail", args=[inspection.pk])).content.decode()
    link = f"{reverse('prepackages:inspection_create')}?inspection={inspection.pk}"
    assert f'href="{link}"' in page
    form = web.get(link).content.decode()
    assert f'value="inspections.Inspection:{inspection.pk}"' in form


def test_the_new_inspection_form_chooses_the_organisation_by_name(web: Client) -> None:
    page = web.get(reverse("inspections:inspection_create")).content.decode()
    assert '<input type="text" name="organisation"' in page
    assert 'data-picker="/chon/organisation/"' in page
    assert '<select name="organisation"' not in page
