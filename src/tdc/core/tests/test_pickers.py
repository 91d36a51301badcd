"""The searchable pickers' JSON endpoint (/chon/<kind>/): folding, scoping, limits, errors."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.urls import reverse

from tdc.core.pickers import PickerMultiple, PickerSelect, bind_pickers, sorted_choices
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_B,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def _get(user: Any, kind: str, **params: Any) -> Any:
    url = reverse(f"core:picker_{kind.replace('-', '_')}")
    return client_for(user).get(url, params)


def _labels(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["label"] for row in response.json()]


def test_it_finds_provinces_without_diacritics() -> None:
    admin = make_user("system_admin")
    rows = _get(admin, "province", q="ha noi").json()
    assert rows[0]["label"] == "Thành phố Hà Nội" or rows[0]["label"].endswith("Hà Nội")
    assert set(rows[0]) == {"id", "label", "hint"}
    assert rows[0]["id"] == "01"


def test_it_ranks_names_starting_with_the_query_first() -> None:
    admin = make_user("system_admin")
    OrganisationFactory(name="Công ty Xăng dầu Tây Ninh", province_id=PROVINCE_A)
    OrganisationFactory(name="Xăng dầu Phước Lý", province_id=PROVINCE_A)
    labels = _labels(_get(admin, "organisation", q="xang dau"))
    assert labels[:2] == ["Xăng dầu Phước Lý", "Công ty Xăng dầu Tây Ninh"]


def test_it_answers_at_most_twenty_options() -> None:
    admin = make_user("system_admin")
    assert len(_get(admin, "commune", q="xa").json()) == 20
    assert len(_get(admin, "commune", q="xa", limit=500).json()) == 20
    assert len(_get(admin, "commune", q="xa", limit=3).json()) == 3


def test_it_keeps_communes_within_the_users_province() -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    ids = {row["id"] for row in _get(officer, "commune", q="").json()}
    assert ids and all(i.startswith(("2", "1")) for i in ids)
    assert COMMUNE_B not in {r["id"] for r in _get(officer, "commune", q="ninh kieu").json()}
    admin = make_user("system_admin")
    assert COMMUNE_B in {r["id"] for r in _get(admin, "commune", q="ninh kieu").json()}


def test_it_gives_a_commune_officer_only_their_commune() -> None:
    officer = make_user("commune_officer", commune_id=COMMUNE_A)
    assert [r["id"] for r in _get(officer, "commune", q="").json()] == [COMMUNE_A]
    assert [r["id"] for r in _get(officer, "province", q="").json()] == [PROVINCE_A]


def test_it_hides_organisations_outside_the_jurisdiction() -> None:
    inside = OrganisationFactory(name="Cơ sở Đo lường Trong", province_id=PROVINCE_A)
    outside = OrganisationFactory(name="Cơ sở Đo lường Ngoài", province_id=PROVINCE_B)
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    ids = {r["id"] for r in _get(officer, "organisation", q="co so do luong").json()}
    assert str(inside.pk) in ids
    assert str(outside.pk) not in ids
    # Naming a chosen value is scoped too: the out-of-scope name does not leak.
    assert _get(officer, "organisation", id=str(outside.pk)).json() == []
    business = make_user("business_user", organisation=inside, province_id=PROVINCE_A)
    assert [r["id"] for r in _get(business, "organisation", q="").json()] == [str(inside.pk)]


def test_it_submits_tax_codes_when_asked() -> None:
    org = OrganisationFactory(name="Nhà máy Nước Tây Ninh", province_id=PROVINCE_A)
    admin = make_user("system_admin")
    rows = _get(admin, "organisation", q="nha may nuoc", value="tax_code").json()
    assert rows[0]["id"] == org.tax_code
    named = _get(admin, "organisation", id=org.tax_code, value="tax_code").json()
    assert [r["label"] for r in named] == ["Nhà máy Nước Tây Ninh"]
    # By tax code as typed.
    assert org.tax_code in {
        r["id"] for r in _get(admin, "organisation", q=org.tax_code[:6], value="tax_code").json()
    }


def test_it_keeps_staff_user_choices_within_the_province() -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A, first_name="Ánh")
    colleague = make_user("inspector", province_id=PROVINCE_A, first_name="Đạt", last_name="Nguyễn")
    stranger = make_user("inspector", province_id=PROVINCE_B, first_name="Đạt", last_name="Lê")
    ids = {r["id"] for r in _get(officer, "user", q="dat").json()}
    assert str(colleague.pk) in ids
    assert str(stranger.pk) not in ids
    business = make_user(
        "business_user", organisation=OrganisationFactory(), province_id=PROVINCE_A
    )
    assert _get(business, "user", q="dat").json() == []


def test_it_answers_400_for_a_kind_nobody_declares() -> None:
    admin = make_user("system_admin")
    response = client_for(admin).get("/chon/khong-co/", {"q": "x"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_picker"


def test_it_sends_anonymous_visitors_to_sign_in(client: Any) -> None:
    response = client.get(reverse("core:picker_organisation"), {"q": "a"})
    assert response.status_code == 302


def test_it_renders_the_chosen_value_by_name_within_scope() -> None:
    inside = OrganisationFactory(name="Công ty Cân Phước Lý", province_id=PROVINCE_A)
    outside = OrganisationFactory(name="Công ty Cân Ninh Kiều", province_id=PROVINCE_B)

    class Choose(forms.Form):
        organisation = forms.CharField(widget=PickerSelect("organisation"))
        others = forms.MultipleChoiceField(choices=(), widget=PickerMultiple("organisation"))

    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    form = bind_pickers(
        Choose(initial={"organisation": inside.pk, "others": [inside.pk, outside.pk]}), officer
    )
    html = str(form["organisation"])
    assert 'data-picker="/chon/organisation/"' in html
    assert 'data-picker-label="Công ty Cân Phước Lý"' in html
    others = str(form["others"])
    assert ">Công ty Cân Phước Lý</option>" in others
    assert "Ninh Kiều" not in others  # outside the scope: the raw value, not the name


def test_it_sorts_choices_by_vietnamese_label() -> None:
    choices = [("", "—"), ("z", "Ấm đun"), ("d", "Đồng hồ"), ("a", "Zebra"), ("b", "Cân")]
    assert [c[1] for c in sorted_choices(choices)] == ["—", "Ấm đun", "Cân", "Đồng hồ", "Zebra"]
