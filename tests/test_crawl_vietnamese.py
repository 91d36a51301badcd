"""Every page every role can reach, in Vietnamese, shows no English text of the catalogue, no
server error and no bare error page.

The crawl runs with an English browser (``Accept-Language: en``): the screens must still be
Vietnamese. A page fails when its visible text holds an English message id of
``django.po`` whose Vietnamese differs (the part between placeholders and tags, if long enough
to be unmistakable), or when it answers 5xx, or a 4xx outside the site's layout.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest

from tdc.core.roles import ROLE_JURISDICTION, Jurisdiction, Role
from tdc.testing.crawl import CrawledPage, crawl
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import client_for
from tdc.testing.subjects import Jurisdiction as Where
from tdc.testing.subjects import all_subjects

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]

CATALOGUE = Path(__file__).resolve().parents[1] / "src/tdc/locale/vi/LC_MESSAGES/django.po"
#: Shorter English fragments could be names, codes or units that read the same in Vietnamese.
MIN_LENGTH = 12
_PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[\w.]*\}|<[^>]+>|&\w+;")
_SPACES = re.compile(r"\s+")
_BREAK = "\x00"
#: Elements whose text stands apart from the text before them (cells, rows, blocks).
_BLOCKS = frozenset(
    {
        "td",
        "th",
        "tr",
        "li",
        "p",
        "div",
        "dt",
        "dd",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "option",
        "label",
        "button",
        "a",
        "section",
        "nav",
        "header",
        "footer",
        "table",
        "ul",
    }
)


@cache
def english_fragments() -> frozenset[str]:
    """English texts that must never show in the Vietnamese interface."""
    fragments: set[str] = set()
    for entry in polib.pofile(str(CATALOGUE)):
        translation = entry.msgstr or (entry.msgstr_plural or {}).get(0, "")
        ids = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        for msgid in ids:
            if not translation or msgid.strip() == translation.strip():
                continue
            for part in _PLACEHOLDER_OR_TAG.split(msgid):
                part = _SPACES.sub(" ", part).strip(" .,:;·—-–()“”\"'")
                if (
                    len(part) >= MIN_LENGTH
                    and re.search(r"[a-z]{3}", part)
                    and part not in translation
                    # one lower-case word is as likely a field or user name as English text
                    and (" " in part or not part.islower())
                ):
                    fragments.add(part)
    return frozenset(fragments)


class _VisibleText(HTMLParser):
    """The text a user sees or hears: text nodes outside scripts and styles, and the titles,
    placeholders, labels and alternative texts of elements. Text marked ``lang="en"`` (a
    deliberate English hint, such as the spreadsheet's English column names) is left out."""

    ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._english: list[str] = []  # tag names opened since an element marked lang="en"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        values = dict(attrs)
        marked = (values.get("lang") or "").startswith("en") and tag != "html"
        if (self._english and tag == self._english[0]) or (not self._english and marked):
            self._english.append(tag)
        if self._english:
            return
        if tag in _BLOCKS:  # a new cell or block: its text does not run on from the last one
            self.parts.append(_BREAK)
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1
        if self._english and tag == self._english[0]:
            self._english.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden and not self._english:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's visible text, one line per block or table cell."""
    parser = _VisibleText()
    parser.feed(html)
    lines = " ".join(parser.parts).split(_BREAK)
    return "\n".join(line for line in (_SPACES.sub(" ", part).strip() for part in lines) if line)


def english_in(html: str) -> list[str]:
    """The English fragments in the page's visible text, as whole words within one block."""
    text = visible_text(html)
    return sorted(
        f
        for f in english_fragments()
        if f in text and re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text)
    )


def problems_of(page: CrawledPage) -> list[str]:
    if page.status >= 500:
        return [f"{page.url}: server error {page.status}"]
    if page.status >= 400 and "<nav" not in page.html:
        return [f"{page.url}: bare error page {page.status}"]
    return [f"{page.url}: English “{found}”" for found in english_in(page.html)]


def _persona(role: str, org: Any) -> Any:
    level = ROLE_JURISDICTION[role]
    if level == Jurisdiction.COMMUNE:
        return make_user(role, commune_id=COMMUNE_A)
    if level == Jurisdiction.ORGANISATION:
        return make_user(role, organisation=org, province_id=PROVINCE_A)
    if level == Jurisdiction.PROVINCE:
        return make_user(role, province_id=PROVINCE_A)
    return make_user(role)


@pytest.fixture
def records_everywhere(db: None) -> Any:
    """One record of every scoped model in the personas' jurisdiction."""
    org = OrganisationFactory(
        name="Công ty TNHH Xăng dầu Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    where = Where(PROVINCE_A, COMMUNE_A, org)
    for builder in all_subjects().values():
        builder(where)
    return org


def test_the_checker_finds_english_and_passes_vietnamese() -> None:
    assert "Verification history" in english_fragments()
    assert "Verification history" in english_in("<main><h2>Verification history</h2></main>")
    assert english_in("<main><h2>Lịch sử kiểm định</h2></main>") == []
    assert english_in('<script>"Verification history"</script>') == []
    assert english_in('<p>Sổ <span lang="en">Verification history</span> ok</p>') == []
    # Two cells do not make one phrase: "certification" | "body".
    assert english_in("<table><tr><td>certification</td><td>body</td></tr></table>") == []
    assert "Verification history" not in english_in("<p>Verification historyX</p>")


ROLE_HALVES = [
    [Role.SYSTEM_ADMIN, Role.COMMUNE_OFFICER, Role.BUSINESS_USER, Role.NATIONAL_USER],
    [Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.INSPECTOR, Role.VERIFICATION_STAFF],
]


def test_it_covers_every_role() -> None:
    assert sorted(r for half in ROLE_HALVES for r in half) == sorted(Role.values)


@pytest.mark.parametrize("roles", ROLE_HALVES, ids=["admin-commune-business-national", "province"])
def test_every_page_of_every_role_is_vietnamese_and_answers(
    roles: list[str], records_everywhere: Any
) -> None:
    problems: list[str] = []
    files: set[str] = set()
    for role in roles:
        client = client_for(_persona(role, records_everywhere))
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"  # an English browser
        pages = crawl(client, per_route=2, files=files)
        assert len(pages) > 3, f"the crawl as {role} found almost nothing"
        problems += [f"{role} {p}" for page in pages for p in problems_of(page)]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems)))


def test_the_public_pages_are_vietnamese_for_an_english_browser() -> None:
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    pages = crawl(client, start=("/tra-cuu/", "/tai-khoan/dang-nhap/", "/phan-anh/"), per_route=2)
    assert len(pages) >= 3
    problems = [p for page in pages for p in problems_of(page)]
    assert not problems, "\n".join(problems)
