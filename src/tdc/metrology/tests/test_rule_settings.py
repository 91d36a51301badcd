"""Numbers marked UNCONFIRMED are effective-dated reference data, editable on the reference-data
screens, and the next verdict follows an edit (issue 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tdc.metrology.models import RuleSetting
from tdc.metrology.selectors import designation_years_on, rule_overrides_on
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/metrology/mpe/evaluate/"
# A class III scale (e = 5 g) at 500 e with an error of 0.8 e, inspected in use.
IN_USE: dict[str, Any] = {
    "scheme": "nawi",
    "accuracy_class": "III",
    "verification_kind": "in_use_inspection",
    "date": "2026-06-01",
    "e": "5",
    "max": "15000",
    "unit": "g",
    "points": [{"reference": "2500", "indication": "2504"}],
}


def _edit_on_screen(admin: Any, key: str, value: str) -> None:
    row = RuleSetting.objects.get(key=key)
    client = client_for(admin)
    form = client.get(f"/reference/metrology.rulesetting/{row.pk}/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(value=value, reason="Đối chiếu văn bản", _version=str(row.version))
    response = client.post(f"/reference/metrology.rulesetting/{row.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors


def test_changing_the_in_service_factor_on_screen_changes_the_next_verdict(
    admin_user: Any,
) -> None:
    api = api_client_for(make_user("business_user", province_id=PROVINCE_A))
    before = api.post(URL, IN_USE, format="json").json()
    assert before["pass"] is True and before["points"][0]["mpe"] == "5"
    _edit_on_screen(admin_user, "nawi.in_service", '"1.5"')
    after = api.post(URL, IN_USE, format="json").json()
    assert after["pass"] is False and after["points"][0]["mpe"] == "3.75"
    assert "metrology.rulesetting@" in after["rules_version"]


def test_the_display_limit_and_the_designation_years_are_data(admin_user: Any) -> None:
    api = api_client_for(make_user("business_user", province_id=PROVINCE_A))
    reading = {**IN_USE, "points": [{"reference": "15000", "indication": "15040"}]}  # Max + 8 e
    assert api.post(URL, reading, format="json").status_code == 200
    _edit_on_screen(admin_user, "nawi.display_limit", '"5"')
    refused = api.post(URL, reading, format="json")
    assert refused.status_code == 400 and "points.0.indication" in refused.json()["error"]["fields"]
    assert designation_years_on(dt.date(2026, 6, 1)) == 5
    _edit_on_screen(admin_user, "designation.years", '"3"')
    assert designation_years_on(dt.date(2026, 6, 1)) == 3


def test_every_setting_in_the_data_file_can_be_read_by_the_rules() -> None:
    tables = rule_overrides_on(dt.date(2026, 6, 1))
    assert {
        "nawi.in_service",
        "water_meter.in_service",
        "fuel_dispenser.emin",
        "electricity_meter.iec62053_21",
        "nawi.display_limit",
    } <= set(tables)
    assert tables["fuel_dispenser.emin"].data.factor == 2
    assert tables["electricity_meter.iec62053_21"].data.lower_pct["2"] == 2.5
