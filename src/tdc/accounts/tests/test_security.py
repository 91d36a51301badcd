"""API tokens (expiry, revocation, rotation, refusal for inactive and locked-out accounts, last
use), password reset by e-mail without account enumeration, and administrators' actions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tdc.accounts import services
from tdc.accounts.models import ApiToken
from tdc.core.models import AuditAction, AuditEvent
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db
PASSWORD = "Mật-khẩu-thử-123"


def _api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_it_keeps_only_a_digest_and_answers_with_the_key(officer_a: Any) -> None:
    key = services.api_token_issue(user=officer_a, by=None)
    token = ApiToken.objects.get(user=officer_a)
    assert key not in {token.digest, token.prefix} and key.startswith(token.prefix)
    assert _api(key).get("/api/v1/me/").status_code == 200


def test_it_refuses_an_expired_token_and_says_what_to_do(officer_a: Any) -> None:
    key = services.api_token_issue(user=officer_a, by=None, days=90)
    with time_machine.travel(timezone.now() + dt.timedelta(days=91)):
        response = _api(key).get("/api/v1/me/")
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_it_rotates_and_revokes(officer_a: Any) -> None:
    first = services.api_token_issue(user=officer_a, by=None)
    second = services.api_token_issue(user=officer_a, by=None)
    assert _api(first).get("/api/v1/me/").status_code == 401
    assert _api(second).get("/api/v1/me/").status_code == 200
    services.api_token_revoke(user=officer_a, by=None)
    response = _api(second).get("/api/v1/me/")
    assert response.status_code == 401 and "revoked" in response.json()["error"]["message"]
    actions = set(
        AuditEvent.objects.filter(object_id=str(officer_a.pk)).values_list("action", flat=True)
    )
    assert {AuditAction.TOKEN_ISSUED, AuditAction.REVOKED} <= actions


def test_it_refuses_tokens_of_inactive_and_locked_out_accounts(client: Client) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    key = services.api_token_issue(user=officer, by=None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/tai-khoan/dang-nhap/", {"username": officer.username, "password": "sai"})
    locked = _api(key).get("/api/v1/me/")
    assert locked.status_code == 401 and "locked" in locked.json()["error"]["message"]

    other = make_user("provincial_officer", province_id=PROVINCE_A)
    other_key = services.api_token_issue(user=other, by=None)
    other.is_active = False
    other.save()
    assert _api(other_key).get("/api/v1/me/").status_code == 401


def test_it_records_the_last_use(officer_a: Any) -> None:
    key = services.api_token_issue(user=officer_a, by=None)
    assert ApiToken.objects.get(user=officer_a).last_used_at is None
    _api(key).get("/api/v1/me/")
    assert ApiToken.objects.get(user=officer_a).last_used_at is not None


def test_it_issues_and_revokes_from_the_account_page(officer_a: Any) -> None:
    client = client_for(officer_a)
    page = client.post(reverse("accounts:account"), {"action": "issue"}).content.decode()
    key = re.search(r"(tdc_[A-Za-z0-9_-]+)", page).group(1)  # type: ignore[union-attr]
    assert _api(key).get("/api/v1/me/").status_code == 200
    client.post(reverse("accounts:account"), {"action": "revoke"})
    assert _api(key).get("/api/v1/me/").status_code == 401
    listing = client.get(reverse("accounts:account")).content.decode()
    assert key[:8] in listing and key not in listing


def test_it_issues_and_revokes_with_the_command(officer_a: Any, capsys: Any) -> None:
    call_command("api_token", officer_a.username, "--days", "7")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=officer_a)
    assert (token.expires_at - timezone.now()).days in {6, 7}
    call_command("api_token", officer_a.username, "--revoke")
    assert _api(key).get("/api/v1/me/").status_code == 401


def test_it_keeps_the_account_page_behind_the_second_factor(client: Client) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    client.post("/tai-khoan/dang-nhap/", {"username": officer.username, "password": PASSWORD})
    response = client.post(reverse("accounts:account"), {"action": "issue"})
    assert response.status_code == 302 and "xac-thuc-2-buoc" in response["Location"]
    assert not ApiToken.objects.filter(user=officer).exists()


@pytest.mark.vietnamese
def test_it_mails_a_reset_link_that_sets_a_new_password(client: Client) -> None:
    user = make_user("business_user", email="chu.cua.hang@example.vn")
    response = client.post(reverse("accounts:password_reset"), {"email": "CHU.CUA.HANG@example.vn"})
    assert response["Location"] == reverse("accounts:password_reset_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "mật khẩu" in message.subject.lower()
    link = re.search(r"https?://\S+", message.body).group(0)  # type: ignore[union-attr]
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_url = client.get("/" + path, follow=True).redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "Rất-mới-2026!x", "new_password2": "Rất-mới-2026!x"}
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Rất-mới-2026!x")
    assert client.get(form_url).status_code == 200  # the used link is refused on the page


def test_it_answers_the_same_for_unknown_addresses_and_throttles(client: Client) -> None:
    make_user("business_user", email="co.that@example.vn")
    unknown = client.post(reverse("accounts:password_reset"), {"email": "khong.co@example.vn"})
    known = client.post(reverse("accounts:password_reset"), {"email": "co.that@example.vn"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1
    for _ in range(5):
        client.post(reverse("accounts:password_reset"), {"email": "co.that@example.vn"})
    assert len(mail.outbox) == 3  # three per address and hour


def test_an_administrator_forces_a_reset_and_resets_the_second_factor(
    admin_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    target = make_user("provincial_officer", province_id=PROVINCE_A, email="canbo@example.vn")
    key = services.api_token_issue(user=target, by=None)
    TOTPDevice.objects.create(user=target, name="phone", confirmed=True)
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:user_reset_password", args=[target.pk]))
    target.refresh_from_db()
    assert not target.has_usable_password()
    assert _api(key).get("/api/v1/me/").status_code == 401
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["canbo@example.vn"]
    client.post(reverse("accounts:user_reset_two_factor", args=[target.pk]))
    assert not TOTPDevice.objects.filter(user=target).exists()
    actions = list(
        AuditEvent.objects.filter(object_id=str(target.pk)).values_list("action", flat=True)
    )
    assert AuditAction.PASSWORD_RESET in actions and AuditAction.TWO_FACTOR_RESET in actions


def test_only_administrators_act_on_other_accounts(officer_a: Any) -> None:
    target = make_user("provincial_officer", province_id=PROVINCE_A)
    response = client_for(officer_a).post(reverse("accounts:user_reset_password", args=[target.pk]))
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.has_usable_password()
