"""Optimistic concurrency is mandatory: an API update without the version it edits answers 428,
a stale one 409 naming what the other person changed; edit forms carry their version; two real
concurrent updates on PostgreSQL: exactly one wins."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from tdc.registry import services
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db


def _url(org: Any) -> str:
    return f"/api/v1/organisations/{org.pk}/"


def test_it_requires_the_version_on_every_api_update(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    updates = [
        (method, re.sub(r"\{[^}]+\}", "1", path))
        for path, operations in schema["paths"].items()
        for method in ("put", "patch")
        if method in operations
    ]
    assert len(updates) >= 4
    for method, path in updates:
        response = getattr(client, method)(path, {"notes": "x"}, format="json")
        assert response.status_code == 428, (path, response.status_code)
        error = response.json()["error"]
        assert error["code"] == "version_required" and "If-Match" in error["message"]


def test_it_updates_with_if_match_and_answers_the_new_etag(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    read = client.get(_url(org))
    assert read["ETag"] == f'"{org.version}"'
    response = client.patch(
        _url(org), {"name": "Tên mới"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"{org.version + 1}"'


def test_it_answers_409_with_what_the_other_person_changed(officer_a: Any) -> None:
    other = make_user("provincial_officer", province_id=PROVINCE_A, username="chi.lan")
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    services.organisation_update(
        organisation=org, by=other, expected_version=org.version, address="Số 5, đường 30/4"
    )
    response = api_client_for(officer_a).patch(
        _url(org), {"name": "Tên của tôi", "version": org.version}, format="json"
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert "chi.lan" in error["fields"]["address"][0] and "Số 5" in error["fields"]["address"][0]


def test_it_refuses_an_edit_form_without_its_version(officer_a: Any) -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    form = {
        "kind": org.kind,
        "name": "Tên mới",
        "tax_code": org.tax_code,
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
    }
    client = client_for(officer_a)
    refused = client.post(reverse("registry:organisation_edit", args=[org.pk]), form)
    assert refused.status_code == 200 and "reload the page" in refused.content.decode()
    org.refresh_from_db()
    assert org.name != "Tên mới"


def test_it_shows_the_other_persons_change_on_the_edit_form(officer_a: Any) -> None:
    other = make_user("provincial_officer", province_id=PROVINCE_A, username="chi.lan")
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    loaded = org.version
    services.organisation_update(organisation=org, by=other, address="Số 5, đường 30/4")
    form = {
        "kind": org.kind,
        "name": "Tên mới",
        "tax_code": org.tax_code,
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
        "_version": loaded,
    }
    page = client_for(officer_a).post(reverse("registry:organisation_edit", args=[org.pk]), form)
    body = page.content.decode()
    assert 'data-testid="conflict-changes"' in body and "Số 5, đường 30/4" in body
    assert "chi.lan" in body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_concurrent_updates_win() -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    # The token is issued here, once: two threads issuing the user's first token at the same
    # moment race each other, which is not what this test is about.
    clients = {name: api_client_for(officer) for name in ("Tên A", "Tên B")}

    def edit(name: str) -> None:
        client = clients[name]
        barrier.wait()
        try:
            response = client.patch(
                _url(org), {"name": name, "version": org.version}, format="json"
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("Tên A", "Tên B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409]
    org.refresh_from_db()
    assert org.version == 2 and org.name in {"Tên A", "Tên B"}
