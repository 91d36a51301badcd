"""Sign-in: password, TOTP for staff roles, lock-out, session expiry, demo exemption."""

from __future__ import annotations

import time
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.core.models import AuditAction, AuditEvent
from tdc.testing.factories import PROVINCE_A, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "Mật-khẩu-thử-123"
LOGIN = "/tai-khoan/dang-nhap/"
TWO_FACTOR = "/tai-khoan/xac-thuc-2-buoc/"


def _sign_in(client: Client, user: Any, password: str = PASSWORD) -> Any:
    return client.post(LOGIN, {"username": user.username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.vietnamese
def test_it_serves_the_login_page_in_vietnamese(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()


def test_it_sends_a_staff_user_to_enrol_a_second_factor_and_lets_them_in(client: Client) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    assert _sign_in(client, officer)["Location"] == "/"
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == TWO_FACTOR
    page = client.get(TWO_FACTOR)
    assert page.context["enrolling"] is True
    device = TOTPDevice.objects.get(user=officer)
    wrong = client.post(TWO_FACTOR, {"token": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    # After a wrong code django-otp throttles the device for a moment; the officer waits.
    with time_machine.travel(time.time() + 5, tick=False):
        done = client.post(TWO_FACTOR, {"token": _code(device)})
    assert done.status_code == 302
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_ENROLLED).count() == 1


def test_it_asks_an_enrolled_officer_for_the_code_on_every_sign_in(client: Client) -> None:
    officer = make_user("inspector", province_id=PROVINCE_A)
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    _sign_in(client, officer)
    page = client.get(TWO_FACTOR)
    assert page.context["enrolling"] is False
    client.post(TWO_FACTOR, {"token": _code(device)})
    assert client.get("/").status_code == 200


def test_it_lets_business_users_in_without_a_second_factor(client: Client, org_a: Any) -> None:
    user = make_user("business_user", organisation=org_a, province_id=PROVINCE_A)
    _sign_in(client, user)
    assert client.get("/").status_code == 200


def test_it_honours_the_demo_exemption_only_when_the_deployment_allows_it(
    client: Client, settings: Any
) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A, otp_exempt=True)
    settings.TDC_ALLOW_2FA_EXEMPT = False
    _sign_in(client, officer)
    assert client.get("/")["Location"] == TWO_FACTOR
    settings.TDC_ALLOW_2FA_EXEMPT = True
    assert client.get("/").status_code == 200


def test_it_locks_the_account_after_repeated_failures(client: Client) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, officer, password="sai-mat-khau")
    locked = _sign_in(client, officer)  # even the right password is refused now
    assert locked.status_code == 429
    assert "30" in locked.content.decode()


def test_it_says_what_to_do_on_a_wrong_password(client: Client) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    response = _sign_in(client, officer, password="sai")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_it_expires_sessions(client: Client) -> None:
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_it_enforces_password_rules() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["12345678901", "short", "password123"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
