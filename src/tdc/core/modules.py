"""What each app adds to the whole, declared in one place of its own and discovered here.

Every app that adds anything — screens, API routes, menu entries, dashboard cards, search,
reference data, demo data, report sections — declares it in ``<app>/module.py`` as::

    MODULE = Module(
        urls=[Mount("metrology/", "tdc.metrology.urls")],
        api=[Mount("", "tdc.metrology.api.urls")],
        menu=[MenuEntry(MenuGroup.METROLOGY, _("Measuring instruments"),
                        "metrology:instrument_list", "metrology.Instrument")],
        ...
    )

``core`` finds these declarations by importing ``<app>.module`` for every installed app (the way
Django's admin finds ``admin.py``), so ``core`` never imports an app above it and adding a
module is: its package, and one line in ``INSTALLED_APPS``. Callables are named by dotted path
and imported when first used, so declaring a module imports none of its code.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

#: The menu's groups, in the order they are shown, with their labels. A group with no entry
#: the user may see is not shown.
MENU_GROUPS: dict[str, Promise] = {
    "metrology": _("Metrology"),
    "quality": _("Quality"),
    "standards": _("Standards"),
    "traceability": _("Barcodes and traceability"),
    "inspections": _("Inspections"),
    "services": _("Public services"),
    "plans": _("Plans and reports"),
    "programmes": _("Programmes"),
    "registers": _("Registers"),
    "system": _("System"),
}


class MenuGroup:
    """Keys of :data:`MENU_GROUPS`, for declarations that read well."""

    METROLOGY = "metrology"
    QUALITY = "quality"
    STANDARDS = "standards"
    TRACEABILITY = "traceability"
    INSPECTIONS = "inspections"
    SERVICES = "services"
    PLANS = "plans"
    PROGRAMMES = "programmes"
    REGISTERS = "registers"
    SYSTEM = "system"


@dataclass(frozen=True)
class Mount:
    """A ``urls`` module of the app, included under ``prefix`` of the site's root (for
    :attr:`Module.urls`) or of ``/api/v1/`` (for :attr:`Module.api`, in the ``api`` namespace)."""

    prefix: str
    urls: str


@dataclass(frozen=True)
class MenuEntry:
    """One menu item: shown to whoever may ``action`` the model (everyone signed in if none)."""

    group: str
    label: Promise | str
    url_name: str
    model: str | None = None
    action: str = "view"
    #: Position within the group; entries of equal order keep their declaration order.
    order: int = 100


@dataclass(frozen=True)
class DashboardCard:
    """A card on the dashboard: a template included in the card grid.

    ``context`` names a function ``(user) -> dict`` whose result the template receives; the card
    is shown to whoever may ``action`` the ``model`` (everyone signed in if none).
    """

    template: str
    model: str | None = None
    action: str = "view"
    context: str | None = None
    order: int = 100


@dataclass(frozen=True)
class SearchResult:
    """One hit of the site search."""

    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SearchProvider:
    """A kind of record the site search finds: ``function(*, user, query, limit)`` returns
    :class:`SearchResult` rows the user may see."""

    label: Promise | str
    function: str
    model: str | None = None
    order: int = 100


@dataclass(frozen=True)
class ReferenceLoader:
    """Loads reference data this app owns beyond its ``data/reference/*.yaml`` tables (which
    the core loader finds by itself): ``function()`` returns ``{name: count}``."""

    function: str
    order: int = 100


@dataclass(frozen=True)
class DemoSeeder:
    """Adds this app's records to the demo province: ``function(*, context)``.

    ``context`` is a :class:`DemoContext` shared by the seeders; ``after`` names seeders (by
    ``name``) that must run first.
    """

    name: str
    function: str
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportSection:
    """A section of the periodic reports: ``function(*, user, start, end)`` returns the
    section's figures for the period, within the user's jurisdiction."""

    key: str
    title: Promise | str
    function: str
    order: int = 100


@dataclass(frozen=True)
class PublicLookup:
    """A page anyone may open without an account (a look-up by code, a public form), listed on
    the public index ``/tra-cuu/``: ``url_name`` is reversed without arguments."""

    label: Promise | str
    url_name: str
    description: Promise | str = ""
    order: int = 100


@dataclass(frozen=True)
class PickerOption:
    """One choice a searchable picker offers: the value it submits, the name it shows and a
    hint (code, tax code, province…) that tells two equal names apart."""

    id: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Picker:
    """A kind of record the searchable pickers offer, answered at ``/chon/<kind>/``.

    ``function(*, user, query, ids, limit, params)`` returns :class:`PickerOption` rows the user
    may see: when ``ids`` is given, the options with these values (to show a chosen value by its
    name), otherwise those whose folded name matches every word of the folded ``query``, best
    first, at most ``limit``. ``params`` are the other query parameters (e.g. ``value=tax_code``
    or ``role=verification``); a function ignores the ones it does not know.
    """

    kind: str
    function: str
    label: Promise | str


@dataclass(frozen=True)
class Module:
    """Everything one app adds to the whole."""

    urls: Sequence[Mount] = ()
    api: Sequence[Mount] = ()
    menu: Sequence[MenuEntry] = ()
    dashboard_cards: Sequence[DashboardCard] = ()
    search_providers: Sequence[SearchProvider] = ()
    reference_loaders: Sequence[ReferenceLoader] = ()
    demo_seeders: Sequence[DemoSeeder] = ()
    report_sections: Sequence[ReportSection] = ()
    public_lookups: Sequence[PublicLookup] = ()
    pickers: Sequence[Picker] = ()
    #: A module of test-data builders (``tdc.testing.subjects.subject``) for the permission matrix.
    matrix_subjects: str | None = None
    #: Filled in by discovery: the app label.
    label: str = field(default="", compare=False)


#: How many times the province-sized demo data set each scale builds (``seed_demo --scale``).
DEMO_SCALES: dict[str, float] = {"small": 0.02, "province": 1.0, "national": 10.0}


@dataclass
class DemoContext:
    """What the demo seeders share: the demo province, a seeded random generator, the day the
    data is seeded relative to (``today``), the size (``scale``), the accounts and organisations
    created so far (by key), and counts to report."""

    province_id: str
    random: Any
    scale: str = "province"
    today: dt.date = field(default_factory=dt.date.today)
    objects: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    #: (username, role, password) of the accounts created now, printed once.
    credentials: list[tuple[str, str, str]] = field(default_factory=list)
    #: Seconds each seeder took (name → seconds), printed by the command.
    timings: dict[str, float] = field(default_factory=dict)

    def sized(self, province_count: int, minimum: int = 1) -> int:
        """``province_count`` (the number for one province) at this context's scale."""
        return max(minimum, round(province_count * DEMO_SCALES[self.scale]))


@cache
def modules() -> tuple[Module, ...]:
    """Every installed app's declaration, in ``INSTALLED_APPS`` order."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.module")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.module":
                raise
            continue
        declared = getattr(module, "MODULE", None)
        if not isinstance(declared, Module):
            raise TypeError(f"{config.name}.module must define MODULE = Module(...)")
        found.append(_labelled(declared, config.label))
    return tuple(found)


def _labelled(module: Module, label: str) -> Module:
    from dataclasses import replace

    return replace(module, label=label)


def menu_entries() -> Iterator[tuple[str, MenuEntry]]:
    """``(group, entry)`` pairs of every module, groups in :data:`MENU_GROUPS` order."""
    entries = [entry for module in modules() for entry in module.menu]
    unknown = {e.group for e in entries} - set(MENU_GROUPS)
    if unknown:
        raise ValueError(f"unknown menu group(s) {sorted(unknown)}; use one of {list(MENU_GROUPS)}")
    order = list(MENU_GROUPS)
    for entry in sorted(entries, key=lambda e: (order.index(e.group), e.order)):
        yield entry.group, entry


def dashboard_cards() -> list[DashboardCard]:
    return sorted((c for m in modules() for c in m.dashboard_cards), key=lambda c: c.order)


def search_providers() -> list[SearchProvider]:
    return sorted((p for m in modules() for p in m.search_providers), key=lambda p: p.order)


def reference_loaders() -> list[ReferenceLoader]:
    return sorted((r for m in modules() for r in m.reference_loaders), key=lambda r: r.order)


def report_sections() -> list[ReportSection]:
    return sorted((s for m in modules() for s in m.report_sections), key=lambda s: s.order)


def public_lookups() -> list[PublicLookup]:
    return sorted((p for m in modules() for p in m.public_lookups), key=lambda p: p.order)


def pickers() -> dict[str, Picker]:
    """Every picker kind the modules declare, by kind."""
    found: dict[str, Picker] = {}
    for picker in (p for m in modules() for p in m.pickers):
        if picker.kind in found:
            raise ValueError(f"picker kind {picker.kind!r} is declared twice")
        found[picker.kind] = picker
    return found


def demo_seeders() -> list[DemoSeeder]:
    """Every seeder, each after the ones it names (a stable topological order)."""
    pending = [s for m in modules() for s in m.demo_seeders]
    names = {s.name for s in pending}
    for seeder in pending:
        missing = set(seeder.after) - names
        if missing:
            raise ValueError(f"demo seeder {seeder.name!r} runs after unknown {sorted(missing)}")
    ordered: list[DemoSeeder] = []
    done: set[str] = set()
    while pending:
        ready = [s for s in pending if set(s.after) <= done]
        if not ready:
            raise ValueError(f"demo seeders wait on each other: {[s.name for s in pending]}")
        for seeder in ready:
            ordered.append(seeder)
            done.add(seeder.name)
        pending = [s for s in pending if s.name not in done]
    return ordered


def resolve(dotted: str) -> Callable[..., Any]:
    """The callable a declaration names."""
    return import_string(dotted)  # type: ignore[no-any-return]
