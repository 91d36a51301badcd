"""Every API message follows the request's language, Vietnamese by default: the platform's own
messages, the REST framework's (shipped with only a few Vietnamese ones) and each app's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]

ROOT = Path(__file__).resolve().parents[1]


def _message(response: Any) -> str:
    return str(response.json()["error"]["message"])


def test_it_answers_an_anonymous_caller_in_vietnamese() -> None:
    response = APIClient().get("/api/v1/organisations/")
    assert response.status_code == 401
    assert "Chưa gửi thông tin xác thực" in _message(response)


def test_it_answers_field_errors_of_the_framework_in_vietnamese() -> None:
    client = api_client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    response = client.post("/api/v1/organisations/", {}, format="json")
    fields = response.json()["error"]["fields"]
    assert fields["name"] == ["Trường này là bắt buộc."]
    assert "Method" not in str(fields)
    wrong = client.put("/api/v1/organisations/", {}, format="json")
    assert wrong.status_code == 405 and "không được phép ở địa chỉ này" in _message(wrong)


def test_it_answers_in_english_when_the_request_asks_for_it() -> None:
    response = APIClient().get("/api/v1/organisations/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Authentication credentials were not provided." in _message(response)


def test_it_refuses_a_reveal_in_vietnamese(places: Any) -> None:
    from tdc.complaints.tests.test_api import file_complaint

    complaint = file_complaint()
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    response = api_client_for(leader).post(
        f"/api/v1/complaints/{complaint.pk}/reveal/", {"reason": "Cần liên hệ"}, format="json"
    )
    assert response.status_code in {403, 404}
    assert re.search(r"[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]", _message(response))


def test_no_error_is_raised_with_an_untranslated_literal() -> None:
    pattern = re.compile(
        r"(PermissionDenied|ValidationError|NotFound|ParseError|AuthenticationFailed|Http404|"
        r"APIException)\(\s*f?[\"']"
    )
    offenders = []
    for path in (ROOT / "src" / "tdc").rglob("*.py"):
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not offenders, "wrap these messages in _(...):\n" + "\n".join(offenders)
