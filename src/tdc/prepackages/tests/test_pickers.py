"""Names, not codes, in prepackaged goods: a check belongs to an inspection through the
inspection's own link (nobody types ``app.Model:pk``); the lists filter packers by name."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tdc.prepackages.models import QuantityInspection
from tdc.prepackages.tests.test_views import _lot_form
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspector() -> Any:
    return make_user("inspector", province_id=PROVINCE_A)


def test_it_takes_the_inspection_from_the_address_not_from_a_typed_reference(
    org_a: Any, inspector: Any, places: Any
) -> None:
    client = client_for(inspector)
    page = client.get(reverse("prepackages:inspection_create"), {"inspection": "42"}).content
    html = page.decode()
    assert 'type="hidden" name="parent_inspection_ref" value="inspections.Inspection:42"' in html
    assert "app.Model:pk" not in html
    response = client.post(
        reverse("prepackages:inspection_create"),
        _lot_form(org_a, commune=COMMUNE_A, parent_inspection_ref="inspections.Inspection:42"),
    )
    assert response.status_code == 302
    check = QuantityInspection.objects.get()
    assert check.parent_inspection_ref == "inspections.Inspection:42"
    detail = client.get(reverse("prepackages:inspection_detail", args=[check.pk])).content
    assert b'href="/inspections/42/"' in detail
    assert b"inspections.Inspection:42" not in detail


def test_it_ignores_a_reference_that_is_not_an_inspections(
    org_a: Any, inspector: Any, places: Any
) -> None:
    client = client_for(inspector)
    client.post(
        reverse("prepackages:inspection_create"),
        _lot_form(org_a, commune=COMMUNE_A, parent_inspection_ref="registry.Organisation:1"),
    )
    assert QuantityInspection.objects.get().parent_inspection_ref == ""


def test_the_list_filters_packers_by_name(org_a: Any, inspector: Any) -> None:
    page = (
        client_for(inspector)
        .get(reverse("prepackages:inspection_list"), {"packer": org_a.pk})
        .content.decode()
    )
    assert f'data-picker-label="{org_a.name}"' in page
    assert "Packer id" not in page
