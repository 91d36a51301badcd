"""The screens speak Vietnamese whatever the browser asks for; English only by the switcher.

The API keeps following ``Accept-Language`` (``tests/test_api_language.py``)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]


def test_an_english_browser_gets_the_vietnamese_interface() -> None:
    response = Client().get("/tai-khoan/dang-nhap/", headers={"accept-language": "en-US,en;q=0.9"})
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_signed_in_user_with_an_english_browser_sees_vietnamese_screens() -> None:
    client = client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    body = client.get("/organisations/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="vi">' in body


def test_the_language_switcher_turns_the_interface_to_english_and_back() -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/tai-khoan/dang-nhap/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    body = client.get("/tai-khoan/dang-nhap/", headers={"accept-language": "vi"}).content.decode()
    assert '<html lang="en">' in body
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get("/tai-khoan/dang-nhap/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_vietnamese() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="vi">' in client.get("/tai-khoan/dang-nhap/").content.decode()


def test_the_api_still_follows_accept_language() -> None:
    english = Client().get("/api/v1/organisations/", headers={"accept-language": "en"})
    assert "Authentication credentials were not provided." in english.json()["error"]["message"]
    vietnamese = Client().get("/api/v1/organisations/")
    assert "Chưa gửi thông tin xác thực" in vietnamese.json()["error"]["message"]
