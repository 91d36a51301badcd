"""Every text entering the system is one spelling (Unicode NFC), and a text made only of
accents or control characters is refused: through the API, the screens and imports."""

from __future__ import annotations

import unicodedata
from typing import Any

import hypothesis
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.core.imports import load_report
from tdc.core.models import JobProgress
from tdc.registry.imports import OrganisationImport
from tdc.registry.models import Organisation
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, valid_tax_code
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db

NFC_SERIAL = "SỐ-001"
NFD_SERIAL = "SO\u0302\u0301-001"
ONLY_MARKS = "\u0301\u0302\u0323"


def test_the_two_spellings_differ_as_bytes() -> None:
    assert NFC_SERIAL != NFD_SERIAL
    assert unicodedata.normalize("NFC", NFD_SERIAL) == NFC_SERIAL


def _instrument(client: Any, owner: Any, serial: str) -> Any:
    return client.post(
        "/api/v1/metrology/instruments/",
        {
            "owner": owner.pk,
            "type_code": "fuel-dispenser",
            "manufacturer": "Tatsuno",
            "serial_number": serial,
            "province": PROVINCE_A,
            "commune": COMMUNE_A,
        },
        format="json",
    )


def test_it_sees_one_instrument_whatever_the_spelling_of_its_serial(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    owner = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    assert _instrument(client, owner, NFC_SERIAL).status_code == 201
    again = _instrument(client, owner, NFD_SERIAL)
    assert again.status_code == 400, again.content
    listed = client.get("/api/v1/metrology/instruments/", {"q": NFD_SERIAL}).json()
    assert [row["serial_number"] for row in listed["results"]] == [NFC_SERIAL]


def test_it_stores_organisation_names_from_the_api_in_nfc(officer_a: Any) -> None:
    name = unicodedata.normalize("NFD", "Công ty Đo lường Phước Lý")
    response = api_client_for(officer_a).post(
        "/api/v1/organisations/",
        {
            "kind": "enterprise",
            "name": name,
            "tax_code": valid_tax_code(),
            "province": PROVINCE_A,
            "commune": COMMUNE_A,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Organisation.objects.get(pk=response.json()["id"]).name == "Công ty Đo lường Phước Lý"


def test_it_refuses_a_name_made_only_of_accents_through_the_api(officer_a: Any) -> None:
    response = api_client_for(officer_a).post(
        "/api/v1/organisations/",
        {
            "kind": "enterprise",
            "name": ONLY_MARKS,
            "tax_code": valid_tax_code(),
            "province": PROVINCE_A,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "no letters or digits" in response.json()["error"]["fields"]["name"][0]
    assert not Organisation.objects.filter(name=ONLY_MARKS).exists()


def test_it_normalises_and_checks_what_a_screen_posts(officer_a: Any) -> None:
    client = client_for(officer_a)
    form = {
        "kind": "enterprise",
        "tax_code": valid_tax_code(),
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
        "address": unicodedata.normalize("NFD", "Ấp Long Thượng"),
    }
    refused = client.post(reverse("registry:organisation_create"), {**form, "name": ONLY_MARKS})
    assert refused.status_code == 200  # the form again, with the message
    assert "no letters or digits" in refused.content.decode()
    client.post(
        reverse("registry:organisation_create"),
        {**form, "name": unicodedata.normalize("NFD", "Hợp tác xã Rau sạch")},
    )
    created = Organisation.objects.get(name="Hợp tác xã Rau sạch")
    assert created.address == "Ấp Long Thượng"


def test_it_normalises_search_text_in_the_query_string(officer_a: Any) -> None:
    OrganisationFactory(name="Chợ Phước Lý", province_id=PROVINCE_A)
    response = client_for(officer_a).get(
        reverse("registry:organisation_list"), {"q": unicodedata.normalize("NFD", "Phước")}
    )
    assert "Chợ Phước Lý" in response.content.decode()


def test_it_refuses_import_rows_made_only_of_accents(officer_a: Any) -> None:
    headers = ";".join(c.header for c in OrganisationImport.columns)
    cells = ["enterprise", ONLY_MARKS] + [""] * (len(OrganisationImport.columns) - 2)
    upload = SimpleUploadedFile("x.csv", f"{headers}\n{';'.join(cells)}\n".encode())
    response = client_for(officer_a).post(reverse("registry:organisation_import"), {"file": upload})
    job = JobProgress.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    report = load_report(job)
    assert not report.ok
    assert any("no letters or digits" in e.message for e in report.errors)


def _fold_by_category(text: str) -> str:
    """The definition of vn_fold, character by character (the fast one uses a table)."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


@hypothesis.given(hypothesis.strategies.text())
@hypothesis.settings(max_examples=400, deadline=None)
def test_the_fast_fold_equals_its_definition(text: str) -> None:
    from tdc.core.text import vn_fold

    assert vn_fold(text) == _fold_by_category(text)


@pytest.mark.parametrize(
    "text", ["Phường Đống Đa", "  XĂNG   DẦU ", "Ủy ban\tnhân dân", "x\U0001d167y", "ǹ"]
)
def test_the_fast_fold_on_vietnamese_and_rare_marks(text: str) -> None:
    from tdc.core.text import vn_fold

    assert vn_fold(text) == _fold_by_category(text)
