"""Required markers agree with validation on every create form: a field the form requires has
the red asterisk on its label, and no optional field carries one."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse

from tdc.core.roles import Role
from tdc.core.viewregistry import scoped_entries
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]

MARK = 'class="text-danger">*'


class _Fields(HTMLParser):
    """The form fields of a page (id → required) and the inner HTML of each label (by ``for``).

    A single select without an empty option always sends a value (browsers refuse ``required``
    on it) and its form requires it; with an empty option it is required when marked so.
    """

    def __init__(self) -> None:
        super().__init__()
        self.required: dict[str, bool] = {}
        self.labels: dict[str, str] = {}
        self._label: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_marked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._label is not None:
            self._text.append(self.get_starttag_text() or "")
        if tag == "label" and a.get("for"):
            self._label, self._text = a["for"], []
        elif tag == "option" and self._select is not None and (a.get("value") or "") == "":
            self.required[self._select] = self._select_marked
        elif tag in {"input", "select", "textarea"} and a.get("id"):
            if a.get("type") in {"hidden", "submit", "checkbox", "radio"}:
                return
            field_id = str(a["id"])
            self.required[field_id] = "required" in a
            if tag == "select" and "multiple" not in a:
                self._select, self._select_marked = field_id, "required" in a
                self.required[field_id] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "label" and self._label is not None:
            self.labels[self._label] = "".join(self._text)
            self._label = None
        elif self._label is not None:
            self._text.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._text.append(data)


def _create_pages() -> list[str]:
    get_resolver().url_patterns  # noqa: B018 - importing the URLconf registers the views
    names = []
    for name, entry in sorted(scoped_entries().items()):
        if entry.kind != "create" or name.startswith("api:"):
            continue
        try:
            reverse(name)
        except NoReverseMatch:
            continue  # needs a parent record
        names.append(name)
    return names


def test_every_create_form_marks_exactly_its_required_fields() -> None:
    admin = make_user(Role.SYSTEM_ADMIN, province_id=PROVINCE_A)
    client = client_for(admin)
    problems: list[str] = []
    checked = 0
    for name in _create_pages():
        response = client.get(reverse(name))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Fields()
        page.feed(response.content.decode())
        for field_id, required in page.required.items():
            label: Any = page.labels.get(field_id)
            if label is None or not field_id.startswith("id_"):
                continue  # not a field of a Django form (e.g. the language switcher)
            checked += 1
            if required and MARK not in label:
                problems.append(f"{name}: {field_id} is required but its label has no marker")
            if not required and MARK in label:
                problems.append(f"{name}: {field_id} is optional but its label is marked")
    assert checked > 50
    assert problems == [], "\n".join(problems)


def test_every_public_form_marks_exactly_its_required_fields() -> None:
    from django.test import Client

    from tdc.core.viewregistry import open_entries

    get_resolver().url_patterns  # noqa: B018
    problems: list[str] = []
    checked = 0
    for name in sorted(open_entries()):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        response = Client().get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Fields()
        page.feed(response.content.decode())
        for field_id, required in page.required.items():
            label = page.labels.get(field_id)
            if label is None or not field_id.startswith("id_"):
                continue
            checked += 1
            if required != (MARK in label):
                problems.append(f"{name}: {field_id} required={required}, marked={MARK in label}")
    assert checked > 5
    assert problems == [], "\n".join(problems)
