"""Every chart goes through ``{% chart %}``: integer count axes with titles, or a sentence when
there is nothing to draw yet (no blank canvas with 0.5 steps)."""

from __future__ import annotations

import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from tdc.testing.factories import PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.vietnamese


def _render(spec: object, **options: str) -> str:
    extra = " ".join(f'{k}="{v}"' for k, v in options.items())
    template = Template('{% load charts %}{% chart "c1" spec label="Biểu đồ" ' + extra + " %}")
    return template.render(Context({"spec": spec}))


def test_a_chart_carries_its_data_titles_and_integer_axis() -> None:
    html = _render({"labels": ["a", "b"], "data": [1, 3]}, y_title="Số cuộc")
    data = json.loads(
        re.search(r'<script id="c1" type="application/json">(.*?)</script>', html).group(1)
    )  # type: ignore[union-attr]
    assert data["datasets"] == [{"data": [1, 3]}]
    assert data["y_title"] == "Số cuộc" and data["integer"] is True and data["kind"] == "bar"
    assert 'canvas data-chart="c1" role="img" aria-label="Biểu đồ"' in html


def test_json_text_and_several_series_are_accepted() -> None:
    spec = json.dumps(
        {
            "labels": ["01/2026"],
            "datasets": [{"label": "Đạt", "data": [0]}, {"label": "Không đạt", "data": [2]}],
        }
    )
    html = _render(spec)
    assert 'data-chart="c1"' in html


@pytest.mark.parametrize(
    "spec", [{}, "", {"labels": [], "data": []}, {"labels": ["a"], "data": [0]}]
)
def test_nothing_to_draw_says_so_instead_of_an_empty_canvas(spec: object) -> None:
    html = _render(spec)
    assert "<canvas" not in html and 'data-testid="chart-empty"' in html
    assert "Chưa có dữ liệu" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["inspections:statistics", "complaints:statistics", "metrology:statistics"]
)
def test_statistics_pages_of_an_empty_province_show_the_no_data_state(url_name: str) -> None:
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    body = client_for(leader).get(reverse(url_name)).content.decode()
    assert "<canvas" not in body
    assert body.count('data-testid="chart-empty"') >= 4


@pytest.mark.django_db
def test_the_dashboard_chart_is_drawn_once_there_is_data() -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    OrganisationFactory()
    body = client_for(officer).get(reverse("core:dashboard")).content.decode()
    assert 'data-chart="org-chart-data"' in body and "tdc/charts.js" in body
