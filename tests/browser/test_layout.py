"""No page is wider than a phone: every page of the crawl, as every role, at 360 px.

Each page is measured after the network is idle (HTMX fragments such as the attachments panel
have arrived) and the web fonts are ready, so the check sees the page a user finally sees. A
failure names each element whose right edge passes the viewport, outermost first.
"""

from __future__ import annotations

from typing import Any

import pytest

from tdc.core.roles import ROLE_JURISDICTION, Jurisdiction, Role
from tdc.testing.crawl import crawl
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import client_for
from tdc.testing.subjects import Jurisdiction as Where
from tdc.testing.subjects import all_subjects

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

#: Finds the elements that stick out of the viewport and are not clipped by a scrolling or
#: clipping ancestor (a table inside .table-responsive scrolls, it does not overflow the page).
OVERFLOW_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    const cls = (el.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean).slice(0, 3);
    if (cls.length) name += '.' + cls.join('.');
    for (const attr of ['name', 'type', 'data-testid']) {
      if (el.getAttribute(attr)) name += `[${attr}=${el.getAttribute(attr)}]`;
    }
    const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  // Clipped when an ancestor that contains the element's box (for an absolutely placed element:
  // only positioned ancestors do) scrolls or clips horizontally.
  const clippedByAncestor = (el) => {
    let escaping = getComputedStyle(el).position === 'absolute';
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (escaping && style.position === 'static') continue;
      if (style.overflowX !== 'visible') return true;
      escaping = style.position === 'absolute';
    }
    return false;
  };
  const culprits = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.width === 0 && r.height === 0) || r.right <= vw + 0.5) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    if (clippedByAncestor(el)) continue;
    culprits.add(el);
  }
  const outermost = [...culprits].filter((el) => !culprits.has(el.parentElement));
  const named = outermost.map(
    (el) => `${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
  return {
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    culprits: [...new Set(named)].slice(0, 5),
  };
}
"""


def _persona(role: str, org: Any) -> Any:
    level = ROLE_JURISDICTION[role]
    if level == Jurisdiction.COMMUNE:
        return make_user(role, commune_id=COMMUNE_A)
    if level == Jurisdiction.ORGANISATION:
        return make_user(role, organisation=org, province_id=PROVINCE_A)
    if level == Jurisdiction.PROVINCE:
        return make_user(role, province_id=PROVINCE_A)
    return make_user(role)


#: True once the page is what the user finally sees: loaded, no HTMX request in flight or being
#: swapped in (the attachments panel arrives that way), and the web fonts ready.
SETTLED_JS = """
() => document.readyState === 'complete'
  && document.fonts.status === 'loaded'
  && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')
"""


def measure(page: Any, url: str) -> dict[str, Any]:
    """Open ``url`` and measure it once it has settled (a condition, never a fixed delay)."""
    page.goto(url, wait_until="load")
    page.wait_for_function(SETTLED_JS)
    return page.evaluate(OVERFLOW_JS)


@pytest.fixture
def records_everywhere(transactional_db: None) -> Any:
    """One record of every scoped model in the personas' jurisdiction, with long Vietnamese
    names, so that every list has a row and every detail page can be reached."""
    org = OrganisationFactory(
        name="Công ty Trách nhiệm Hữu hạn Một thành viên Xăng dầu và Dịch vụ Thương mại Phước Lý",
        province_id=PROVINCE_A,
        commune_id=COMMUNE_A,
        address="Tổ 12, ấp Long Thượng, đường tỉnh 826C, khu công nghiệp Phước Đông Bời Lời",
    )
    where = Where(PROVINCE_A, COMMUNE_A, org)
    for builder in all_subjects().values():
        builder(where)
    return org


#: The roles in two halves of about the same number of pages, so that two test workers share the
#: crawl; within a half the records are built once and every failure is listed at once.
ROLE_HALVES = [
    [Role.SYSTEM_ADMIN, Role.COMMUNE_OFFICER, Role.BUSINESS_USER, Role.NATIONAL_USER],
    [Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.INSPECTOR, Role.VERIFICATION_STAFF],
]


def test_it_covers_every_role() -> None:
    assert sorted(r for half in ROLE_HALVES for r in half) == sorted(Role.values)


@pytest.mark.parametrize("roles", ROLE_HALVES, ids=["admin-commune-business-national", "province"])
def test_it_keeps_every_page_inside_a_phone_screen(
    roles: list[str], records_everywhere: Any, new_page: Any
) -> None:
    overflowing: list[str] = []
    files: set[str] = set()  # routes that answer with a PDF or a download, fetched once
    for role in roles:
        user = _persona(role, records_everywhere)
        pages = [
            p
            for p in crawl(client_for(user), per_route=1, files=files)
            if p.status == 200 and p.html
        ]
        assert len(pages) > 3, f"the crawl as {role} found almost nothing"
        page = new_page(user=user, **PHONE)
        for crawled in pages:
            result = measure(page, crawled.url)
            if result["culprits"] or result["scrollWidth"] > result["viewport"]:
                culprits = "; ".join(result["culprits"]) or "(no element found)"
                overflowing.append(
                    f"{role} {crawled.url} (scrollWidth {result['scrollWidth']}): {culprits}"
                )
        page.context.close()
    assert not overflowing, "Pages wider than 360 px:\n" + "\n".join(overflowing)


def test_it_draws_vietnamese_text_in_the_vendored_typeface(new_page: Any) -> None:
    page = new_page(**PHONE)
    page.goto("/tai-khoan/dang-nhap/", wait_until="load")
    page.wait_for_function(SETTLED_JS)
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Be Vietnam Pro"'), family
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Be Vietnam Pro') && f.status === "
        "'loaded').map(f => f.unicodeRange)"
    )
    assert any("U+1EA0-1EF9" in r for r in loaded), "the Vietnamese subset was not loaded"
    assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Tiêu chuẩn Đo lường')")
