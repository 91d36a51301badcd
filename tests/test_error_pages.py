"""Error pages in the site's layout that say why and what to do, with a way back; the public
index of look-ups at /tra-cuu/; the site icon."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from tdc.core.modules import public_lookups
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [path("boom/", _boom), path("forbidden/", _forbidden), path("", include("tdc.urls"))]
handler403 = "tdc.core.views.errors.permission_denied"
handler404 = "tdc.core.api.errors.page_not_found"
handler500 = "tdc.core.views.errors.server_error"


def _assert_helpful(body: str, heading: str) -> None:
    assert '<html lang="vi">' in body
    assert 'class="navbar' in body and "<footer" in body  # the site's layout
    assert f'id="error-heading">{heading}</h1>' in body
    why = re.search(r'data-testid="error-why">([^<]+)<', body)
    what = re.search(r'data-testid="error-what">([^<]+)<', body)
    assert why and len(why.group(1)) > 30
    assert what and "hãy" in what.group(1).lower()  # an instruction, in Vietnamese
    for english in ("Not Found", "Forbidden", "Server Error", "Bad Request", "requested resource"):
        assert english not in body


def test_a_missing_page_says_why_and_leads_a_visitor_to_the_public_lookups() -> None:
    response = Client().get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    _assert_helpful(body, "Không tìm thấy trang")
    assert f'href="{reverse("core:public_lookups")}"' in body
    assert f'href="{reverse("accounts:login")}"' in body


def test_a_missing_page_leads_a_signed_in_user_back_to_the_dashboard() -> None:
    client = client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    body = client.get("/organisations/999999999/").content.decode()
    _assert_helpful(body, "Không tìm thấy trang")
    assert f'class="btn btn-primary" href="{reverse("core:dashboard")}"' in body


def test_the_api_keeps_its_json_404() -> None:
    response = Client().get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_explains_the_role_and_who_to_ask() -> None:
    client = client_for(make_user("business_user"))
    response = client.get("/forbidden/")
    body = response.content.decode()
    assert response.status_code == 403
    _assert_helpful(body, "Bạn không được mở trang này")
    assert "quản trị hệ thống" in body


def test_a_refused_screen_names_who_does_the_work_and_offers_what_the_role_may_open() -> None:
    """The officer who registered an instrument and follows "record a verification" is told
    that verification staff record it, what their own role is, and gets the verification list."""
    client = client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    response = client.get(reverse("metrology:verification_create"))
    body = response.content.decode()
    assert response.status_code == 403
    _assert_helpful(body, "Bạn không được mở trang này")
    why = re.search(r'data-testid="error-why">([^<]+)<', body)
    assert why is not None
    assert "Nhân viên tổ chức kiểm định" in why.group(1)
    assert "Cán bộ cấp tỉnh" in why.group(1)  # the user's own role
    assert 'data-testid="error-instead"' in body
    assert f'href="{reverse("metrology:verification_list")}"' in body


def test_a_refused_screen_without_a_readable_list_offers_no_dead_link() -> None:
    client = client_for(make_user("business_user"))
    response = client.get(reverse("core:auditevent_list"))
    body = response.content.decode()
    assert response.status_code == 403
    assert 'data-testid="error-instead"' not in body
    why = re.search(r'data-testid="error-why">([^<]+)<', body)
    assert why is not None and "Người dùng doanh nghiệp" in why.group(1)


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_styled_and_needs_no_database() -> None:
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "whatever"
    with CaptureQueriesContext(connection) as queries:
        from tdc.core.views.errors import server_error

        request = HttpRequest()
        request.COOKIES["sessionid"] = "x"
        request.request_id = "abc123def"  # type: ignore[attr-defined]
        direct = server_error(request)
    assert len(queries) == 0
    assert direct.status_code == 500
    assert "abc123def" in direct.content.decode()
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    _assert_helpful(body, "Hệ thống gặp lỗi")
    assert f'href="{reverse("core:dashboard")}"' in body


def test_a_bad_request_is_styled() -> None:
    response = Client(HTTP_HOST="evil.example").get("/tai-khoan/dang-nhap/")
    assert response.status_code == 400
    _assert_helpful(response.content.decode(), "Không đọc được yêu cầu")


def test_an_expired_form_says_nothing_was_saved() -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/tai-khoan/dang-nhap/", {"username": "a", "password": "b"}
    )
    assert response.status_code == 403
    body = response.content.decode()
    _assert_helpful(body, "Biểu mẫu đã hết hạn")
    assert "CSRF verification failed" not in body


def test_the_public_lookup_index_lists_every_registered_lookup_and_each_opens() -> None:
    client = Client()
    response = client.get("/tra-cuu/")
    body = response.content.decode()
    assert response.status_code == 200
    registered = public_lookups()
    names = {lookup.url_name for lookup in registered}
    assert {"metrology_public:certificate_lookup", "complaints_public:tracking_lookup"} <= names
    for lookup in registered:
        url = reverse(lookup.url_name)
        assert f'href="{url}"' in body
        assert client.get(url).status_code == 200, url


def test_the_login_page_link_to_the_public_lookups_leads_there() -> None:
    body = Client().get(reverse("accounts:login")).content.decode()
    link = re.search(r'<a href="([^"]+)">Tra cứu công khai</a>', body)
    assert link is not None
    assert Client().get(link.group(1)).status_code == 200


def test_the_certificate_lookup_sends_the_typed_code_to_the_certificate_page() -> None:
    response = Client().get("/tra-cuu/kiem-dinh/", {"code": " AB12 CD34 "})
    assert response.status_code == 302
    assert response["Location"] == reverse("metrology_public:certificate", args=["AB12CD34"])


def test_the_site_icon_is_served_and_linked(client: Any) -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code in {301, 302}
    assert response["Location"].endswith(".ico")
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png"):
        name = f"tdc/icons/{name}"
        assert finders.find(name), name
    body = Client().get(reverse("accounts:login")).content.decode()
    assert 'rel="icon"' in body and "favicon.svg" in body and 'rel="apple-touch-icon"' in body
