"""A crawl of the site as one signed-in user: every page reachable by links, a few per route.

Used by the tests that must see every screen: the 360 px layout check (Chromium), and the
checks that no page answers a server error or shows English inside the Vietnamese interface.
The crawl follows ``<a href>`` links from the dashboard with Django's test client (fast, in the
test's own database), keeps at most ``per_route`` URLs of each route (a list, its filtered or
paged variants, a few detail pages), and never follows links that change state, download a file
or sign out.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve

#: Path prefixes the crawl does not follow: API, static and media files, the language switch.
SKIPPED_PREFIXES = ("/api/", "/static/", "/media/", "/i18n/", "/hello", "/healthz")
#: Route names whose GET has an effect or returns a file, not a page.
SKIPPED_ROUTES = frozenset({"accounts:logout"})
#: Query parameters that turn a list into a download.
DOWNLOAD_PARAMETERS = ("_export=",)


@dataclass(frozen=True)
class CrawledPage:
    """One page the crawl fetched."""

    url: str
    route: str
    status: int
    content_type: str
    html: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        values = dict(attrs)
        href = values.get("href")
        if href and "download" not in values:
            self.hrefs.append(href)


def links_of(html: str, base: str) -> list[str]:
    """The site-internal link targets of a page, absolute paths without fragments."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path:
            found.append(path)
    return found


def route_of(path: str) -> str | None:
    """The URL name (with namespace) of a path, or ``None`` for a path no route serves."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _skipped(path: str) -> bool:
    return path.startswith(SKIPPED_PREFIXES) or any(p in path for p in DOWNLOAD_PARAMETERS)


def crawl(
    client: Any,
    *,
    start: tuple[str, ...] = ("/",),
    per_route: int = 2,
    limit: int = 600,
    files: set[str] | None = None,
) -> list[CrawledPage]:
    """Every HTML page reachable from ``start`` for the client's user, ``per_route`` at most.

    Pages with query strings count against their route's allowance after the plain ones, so
    each list is seen bare before its filtered or paged variants. ``files`` collects the routes
    that answered with something other than HTML (PDFs, downloads); a crawl given the set of an
    earlier one does not fetch those routes again.
    """
    files = set() if files is None else files
    seen: set[str] = set()
    per: Counter[str] = Counter()
    queue: deque[str] = deque(start)
    pages: list[CrawledPage] = []
    while queue and len(pages) < limit:
        path = queue.popleft()
        if path in seen or _skipped(path):
            continue
        seen.add(path)
        route = route_of(path)
        if route is None or route in SKIPPED_ROUTES or route in files or per[route] >= per_route:
            continue
        response = client.get(path)
        content_type = response.get("Content-Type", "")
        if response.status_code in {301, 302} and response.get("Location"):
            queue.append(response["Location"])
            continue
        per[route] += 1
        is_html = "text/html" in content_type and not response.streaming
        html = response.content.decode() if is_html else ""
        if not html and response.status_code == 200:
            files.add(route)
        pages.append(CrawledPage(path, route, response.status_code, content_type, html))
        if html:
            links = links_of(html, path)
            # Plain paths first: a route's allowance goes to the bare list before its variants.
            queue.extend(link for link in links if "?" not in link)
            queue.extend(link for link in links if "?" in link)
    return pages
