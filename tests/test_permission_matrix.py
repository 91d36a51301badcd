"""The permission matrix: every registered view × every role × in scope / out of scope.

Generated from the view registry (``tdc.core.viewregistry``) and the URL resolver: a URL that is
neither registered as scoped nor declared open fails; each scoped view is requested by a persona
of every role for a record in its jurisdiction and for one outside it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tdc.core.roles import ROLE_JURISDICTION, Jurisdiction, Role
from tdc.core.scoping import user_may
from tdc.core.viewregistry import ViewEntry, open_entries, scoped_entries
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_B,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)
from tdc.testing.fixtures import api_client_for, client_for
from tdc.testing.subjects import Jurisdiction as Where
from tdc.testing.subjects import all_subjects

ROLES = list(Role.values)
get_resolver().url_patterns  # noqa: B018 - import every urls.py so that the registry is complete


def _url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _url_names(pattern, ns)
        elif isinstance(pattern, URLPattern):
            names.add(f"{prefix}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>")
    return names


def test_it_registers_every_url() -> None:
    registered = set(scoped_entries()) | set(open_entries())
    missing = sorted(_url_names() - registered)
    assert not missing, (
        "These URLs are not in the view registry; register them with register_view() "
        f"(scoped) or register_open() (with the reason): {missing}"
    )


def test_it_has_a_subject_builder_for_every_scoped_model() -> None:
    models = {e.model._meta.label for e in scoped_entries().values() if e.model is not None}
    missing = sorted(models - set(all_subjects()))
    assert not missing, (
        f"Add a builder (@subject) to the app's matrix_subjects module for: {missing}"
    )


def _persona(role: str, org: Any) -> Any:
    level = ROLE_JURISDICTION[role]
    if level == Jurisdiction.PROVINCE:
        return make_user(role, province_id=PROVINCE_A)
    if level == Jurisdiction.COMMUNE:
        return make_user(role, commune_id=COMMUNE_A)
    if level == Jurisdiction.ORGANISATION:
        return make_user(role, organisation=org, province_id=PROVINCE_A)
    return make_user(role)


def _kwargs(entry: ViewEntry, obj: Any) -> dict[str, Any]:
    return {entry.pk_kwarg: getattr(obj, entry.lookup_field)}


CASES = [
    pytest.param(name, role, id=f"{name}-{role}")
    for name in sorted(scoped_entries())
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role"), CASES)
def test_it_answers_each_role_within_its_scope(url_name: str, role: str) -> None:
    entry = scoped_entries()[url_name]
    org_in = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A, name="Org-in-scope")
    org_out = OrganisationFactory(
        province_id=PROVINCE_B, commune_id=COMMUNE_B, name="Org-out-of-scope"
    )
    user = _persona(role, org_in)
    api = entry.kind.startswith("api_")
    client = api_client_for(user) if api else client_for(user)

    if entry.model is None:  # plain pages: every signed-in role
        assert client.get(reverse(url_name)).status_code == 200
        return

    builder = all_subjects()[entry.model._meta.label]
    inside = builder(Where(PROVINCE_A, COMMUNE_A, org_in))
    outside = builder(Where(PROVINCE_B, COMMUNE_B, org_out))
    allowed = user_may(user, entry.model, entry.action)
    nationwide = ROLE_JURISDICTION[role] == Jurisdiction.NATION

    if entry.kind in {"list", "api_list", "create"}:
        response = client.get(reverse(url_name))
        if not allowed:
            assert response.status_code == 403, response.status_code
            return
        assert response.status_code == 200
        if entry.kind == "create":
            return
        if api:
            ids = {str(row.get("id", row.get("code"))) for row in response.json()["results"]}
            seen_in, seen_out = str(inside.pk) in ids, str(outside.pk) in ids
        else:
            body = response.content.decode()
            seen_in = f"/{inside.pk}/" in body
            seen_out = f"/{outside.pk}/" in body
        assert seen_in, "a record inside the user's jurisdiction is missing from the list"
        assert seen_out == nationwide, "the list leaks (or hides) records outside the jurisdiction"
        return

    if entry.kind == "action":  # POST-only actions: out of scope is 404, in scope is acted on
        out_status = client.post(reverse(url_name, kwargs=_kwargs(entry, outside))).status_code
        in_status = client.post(reverse(url_name, kwargs=_kwargs(entry, inside))).status_code
        assert (in_status not in {403, 404}) if allowed else in_status == 404
        assert (out_status not in {403, 404}) if allowed and nationwide else out_status == 404
        return

    # Object views: detail, update, api_detail.
    in_status = client.get(reverse(url_name, kwargs=_kwargs(entry, inside))).status_code
    out_status = client.get(reverse(url_name, kwargs=_kwargs(entry, outside))).status_code
    assert in_status == (200 if allowed else 404)
    assert out_status == (200 if allowed and nationwide else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(scoped_entries()))
def test_it_turns_away_anonymous_visitors(url_name: str, client: Any) -> None:
    entry = scoped_entries()[url_name]
    kwargs = (
        {entry.pk_kwarg: 1} if entry.kind in {"detail", "update", "api_detail", "action"} else {}
    )
    response = client.get(reverse(url_name, kwargs=kwargs))
    if entry.kind.startswith("api_"):
        assert response.status_code in {401, 403}
    else:
        assert response.status_code == 302
        assert "/tai-khoan/dang-nhap/" in response["Location"]
