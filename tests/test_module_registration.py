"""A module registers itself: a throw-away app, added to INSTALLED_APPS and nothing else,
appears in the menu, the URLs, the API, the permission matrix, the dashboard, search, demo
seeding and reports — checked in a fresh interpreter with settings that install it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json
import django
django.setup()
from django.urls import get_resolver, reverse
from tdc.accounts.models import User
from tdc.core import modules
from tdc.core.context_processors import navigation
from tdc.core.viewregistry import scoped_entries
from tdc.testing.subjects import all_subjects

get_resolver().url_patterns  # import every urls module, as the matrix test does

class Request:
    path = "/"
    user = User(username="probe", role="provincial_officer", province_id="80")

menu = [i["label"] for g in navigation(Request())["nav_groups"] for i in g["items"]]
print(json.dumps({
    "menu": [str(label) for label in menu],
    "url": reverse("throwaway:thing_list"),
    "api": reverse("api:throwaway-thing-list"),
    "matrix": sorted(n for n in scoped_entries() if "throwaway" in n),
    "subjects": sorted(label for label in all_subjects() if label.startswith("throwaway.")),
    "cards": [c.template for c in modules.dashboard_cards()],
    "search": [str(p.label) for p in modules.search_providers()],
    "seeders": [s.name for s in modules.demo_seeders()],
    "sections": [s.key for s in modules.report_sections()],
}))
"""


def _probe(settings_module: str) -> dict[str, object]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": "sqlite:///:memory:",
        "PYTHONPATH": str(ROOT),
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_it_adds_a_module_from_its_package_and_one_line_in_installed_apps() -> None:
    seen = _probe("tests.throwaway.settings")
    assert "Throw-away things" in seen["menu"]
    assert seen["url"] == "/throwaway/"
    assert seen["api"] == "/api/v1/throwaway/things/"
    assert seen["matrix"] == ["api:throwaway-thing-list", "throwaway:thing_list"]
    assert seen["subjects"] == ["throwaway.Thing"]
    assert "throwaway/card.html" in seen["cards"]
    assert "Things" in seen["search"]
    assert seen["seeders"].index("throwaway") > seen["seeders"].index("accounts")
    assert "things" in seen["sections"]


def test_it_does_not_know_the_module_without_that_line() -> None:
    import pytest

    with pytest.raises(AssertionError, match="NoReverseMatch"):
        _probe("tdc.settings")
