"""A form or API request is processed once: a second post of the same rendered form (the public
complaint form, every create form) is sent to what the first one created; an API ``POST`` with
an ``Idempotency-Key`` answers the first response again without a second record."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tdc.complaints.models import Complaint
from tdc.core import submissions
from tdc.core.models import FormSubmission, IdempotentRequest
from tdc.registry.models import Organisation
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for, api_token_for, client_for

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="_submission" value="([^"]+)"')


def _token(page: Any) -> str:
    found = TOKEN.search(page.content.decode())
    assert found, "the form carries no submission token"
    return found.group(1)


def _complaint(**overrides: Any) -> dict[str, Any]:
    data = {
        "category": "fuel_metrology",
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
        "address": "Cây xăng số 3, Quốc lộ 50",
        "business_name": "Cửa hàng xăng dầu Phước Lý",
        "description": "Bơm 10 lít nhưng can chỉ có 9,6 lít.",
        "reporter_name": "Nguyễn Văn An",
        "reporter_phone": "0912345678",
        "website": "",
    }
    data.update(overrides)
    return data


def _organisation(name: str = "Công ty TNHH Đo lường Phú Mỹ") -> dict[str, Any]:
    return {
        "kind": "enterprise",
        "name": name,
        "tax_code": "0301234562",
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
    }


def test_the_public_complaint_form_files_one_complaint_when_sent_twice(
    client: Client, places: Any
) -> None:
    new = reverse("complaints_public:complaint_new")
    data = {**_complaint(), "_submission": _token(client.get(new))}

    first = client.post(new, data)
    second = client.post(new, data)

    assert Complaint.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert "already been sent" in client.get(second["Location"]).content.decode()


def test_a_create_form_sent_twice_creates_one_record(officer_a: Any) -> None:
    client = client_for(officer_a)
    new = reverse("registry:organisation_create")
    data = {**_organisation(), "_submission": _token(client.get(new))}

    first = client.post(new, data)
    second = client.post(new, data)

    assert Organisation.objects.filter(name=data["name"]).count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]


def test_a_form_that_came_back_with_errors_can_be_corrected_and_sent(officer_a: Any) -> None:
    client = client_for(officer_a)
    new = reverse("registry:organisation_create")
    token = _token(client.get(new))

    refused = client.post(new, {**_organisation(name=""), "_submission": token})
    accepted = client.post(new, {**_organisation(), "_submission": token})

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert Organisation.objects.filter(name=_organisation()["name"]).count() == 1


def test_a_repeat_while_the_first_is_still_processed_is_told_to_wait(officer_a: Any) -> None:
    token = submissions.new_token()
    assert submissions.claim(token) is None  # the first post, still running
    response = client_for(officer_a).post(
        reverse("registry:organisation_create"), {**_organisation(), "_submission": token}
    )
    assert response.status_code == 409
    assert "still being processed" in response.content.decode()
    assert not Organisation.objects.filter(name=_organisation()["name"]).exists()


def test_each_render_of_a_create_form_gets_its_own_token(officer_a: Any) -> None:
    client = client_for(officer_a)
    new = reverse("registry:organisation_create")
    assert _token(client.get(new)) != _token(client.get(new))
    for name in ("complaints_public:complaint_new",):
        assert _token(Client().get(reverse(name)))


def test_used_tokens_are_forgotten_after_a_few_days(officer_a: Any) -> None:
    from django.utils import timezone

    old = submissions.new_token()
    submissions.claim(old)
    submissions.settle(old, "/x/")
    FormSubmission.objects.filter(token=old).update(
        created_at=timezone.now() - submissions.KEEP * 2
    )
    fresh = submissions.new_token()
    submissions.claim(fresh)
    submissions.settle(fresh, "/y/")
    assert list(FormSubmission.objects.values_list("token", flat=True)) == [fresh]


API = "/api/v1/organisations/"


def _api_body(name: str = "Công ty CP Cân Điện Tử Sài Gòn") -> dict[str, Any]:
    return {
        "kind": "enterprise",
        "name": name,
        "tax_code": "0301234587",
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
    }


def test_an_api_post_with_the_same_idempotency_key_answers_the_first_response(
    officer_a: Any,
) -> None:
    client = api_client_for(officer_a)
    first = client.post(API, _api_body(), format="json", HTTP_IDEMPOTENCY_KEY="k-2026-12-03-1")
    second = client.post(API, _api_body(), format="json", HTTP_IDEMPOTENCY_KEY="k-2026-12-03-1")

    assert first.status_code == 201, first.content
    assert second.status_code == 201 and second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Organisation.objects.filter(name=_api_body()["name"]).count() == 1


def test_the_same_key_for_a_different_request_is_refused(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    client.post(API, _api_body(), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    other = client.post(API, _api_body("Công ty khác"), format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert not Organisation.objects.filter(name="Công ty khác").exists()


def test_keys_belong_to_their_caller(officer_a: Any) -> None:
    colleague = make_user("provincial_officer", province_id=PROVINCE_A, username="chi.lan")
    first = api_client_for(officer_a).post(
        API, _api_body(), format="json", HTTP_IDEMPOTENCY_KEY="k-shared"
    )
    second = api_client_for(colleague).post(
        API,
        {**_api_body("Công ty thứ hai"), "tax_code": "0301234594"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-shared",
    )
    assert first.status_code == second.status_code == 201
    assert "Idempotent-Replayed" not in second


def test_a_refused_key_shape_and_a_failed_request_are_not_kept(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    bad = client.post(API, _api_body(), format="json", HTTP_IDEMPOTENCY_KEY="khóa có dấu")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid_idempotency_key"

    invalid = client.post(API, {"name": ""}, format="json", HTTP_IDEMPOTENCY_KEY="k-v")
    again = client.post(API, {"name": ""}, format="json", HTTP_IDEMPOTENCY_KEY="k-v")
    assert invalid.status_code == again.status_code == 400
    assert again["Idempotent-Replayed"] == "true"  # a 4xx is an answer too
    assert IdempotentRequest.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_with_one_key_create_one_record() -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    api_token_for(officer)  # one credential: keys belong to the caller's credentials
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def post() -> None:
        client = api_client_for(officer)
        barrier.wait()
        try:
            response = client.post(
                API, _api_body(), format="json", HTTP_IDEMPOTENCY_KEY="k-concurrent"
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Organisation.objects.filter(name=_api_body()["name"]).count() == 1
    assert sorted(statuses) in ([201, 201], [201, 409])
