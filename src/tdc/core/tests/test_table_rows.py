"""The lean row renderer (tdc.core.table_rows) writes, on every list page of the system, the
same HTML as django-tables2's template, with the same queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from tdc.core import table_rows
from tdc.core.viewregistry import scoped_entries
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import client_for
from tdc.testing.subjects import Jurisdiction, all_subjects

pytestmark = pytest.mark.django_db
get_resolver().url_patterns  # noqa: B018 - every urls.py imported: the registry is complete

#: Lists whose table is written in their own template, not a django-tables2 table.
HAND_WRITTEN = {"attachments:attachment_list", "metrology:stamp_stock"}
LISTS = sorted(name for name, entry in scoped_entries().items() if entry.kind == "list")
#: Values that differ between two renders of one page by design (one-time tokens).
_TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|_submission)" value="|"X-CSRFToken": ")[^"]+"')


def _page(client: Any, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return _TOKENS.sub(r'\1"', response.content.decode()), [q["sql"] for q in queries]


def test_every_list_has_rows_to_compare() -> None:
    assert len(LISTS) >= 15


@pytest.mark.parametrize("url_name", LISTS)
def test_the_lean_rows_equal_the_template_rows(
    url_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = scoped_entries()[url_name]
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    builder = all_subjects()[entry.model._meta.label]
    for _ in range(3):  # odd and even rows, where the model allows more than one
        try:
            with transaction.atomic():
                builder(Jurisdiction(PROVINCE_A, COMMUNE_A, org))
        except (ValidationError, IntegrityError):
            break
    client = client_for(make_user("system_admin"))
    url = reverse(url_name)
    calls: list[bool] = []
    render = table_rows.render_tbody

    def counted(table: Any, context: Any) -> Any:
        html = render(table, context)
        calls.append(html is not None)
        return html

    monkeypatch.setattr(table_rows, "render_tbody", counted)
    lean, lean_queries = _page(client, url)
    monkeypatch.setattr(table_rows, "supported", lambda table: False)
    template, template_queries = _page(client, url)
    if url_name in HAND_WRITTEN:
        assert not calls
        return
    assert calls and calls[0], "the lean path did not render this list"
    assert lean == template
    assert len(lean_queries) == len(template_queries)


def test_an_empty_list_says_so_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    client = client_for(make_user("system_admin"))
    url = reverse("registry:organisation_list") + "?q=khong-co-ai"
    lean, _queries = _page(client, url)
    monkeypatch.setattr(table_rows, "supported", lambda table: False)
    template, _queries = _page(client, url)
    assert lean == template
