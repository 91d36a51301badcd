"""Every read of the standards library, scoped: the catalogue and its search, a document's
replacement chain, and which records of other modules cite a document (what a replacement or
cancellation affects). Other apps call :func:`designation_status` and :func:`citing_records`."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.utils.translation import gettext_lazy as _

from tdc.core.filters import folded_search
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, scoped_all
from tdc.core.text import vn_fold
from tdc.standards import rules
from tdc.standards.choices import EventKind, Status
from tdc.standards.models import IcsCode, Standard, StandardEvent, StandardQuerySet


def standard_base() -> StandardQuerySet:
    return Standard.objects.prefetch_related(
        Prefetch("events", queryset=StandardEvent.objects.select_related("successor"))
    )


def standard_get_for_user(*, user: Any, pk: int, action: str = "view") -> Standard:
    return get_for_user_or_404(standard_base(), user, action, pk=pk)


def ics_choices() -> ScopedQuerySet[IcsCode]:
    return IcsCode.objects.all()


def ics_of(standard: Standard) -> list[IcsCode]:
    """The document's ICS entries with their titles, in code order."""
    return list(IcsCode.objects.filter(code__in=standard.ics_list))


def standard_choices() -> StandardQuerySet:
    """Documents a replacement may name as successor (the whole catalogue)."""
    return Standard.objects.all()


def standard_search(queryset: StandardQuerySet, query: str) -> StandardQuerySet:
    """Documents matching ``query``: every folded word in the number, titles, adopted document,
    ICS codes or scope — or the query as a number written loosely (``qcvn4 2009``, ``tcvn 5699
    2 3``). An exact designation ranks first, then number matches, then the rest."""
    text = (query or "").strip()
    if not vn_fold(text):
        return queryset
    key = rules.compact_key(text)
    exact = ""
    with contextlib.suppress(rules.NotationError):
        exact = rules.parse(text).key
    number_match = (
        Q(number_key__contains=key)
        if len(key) >= 4 and any(ch.isdigit() for ch in key)
        else Q(pk__in=[])
    )
    words = folded_search(queryset, text).values("pk")
    matched = queryset.filter(Q(pk__in=words) | number_match | Q(designation=exact))
    return matched.annotate(
        rank=Case(
            When(designation=exact, then=Value(0)),
            When(number_key__startswith=key, then=Value(1)),
            When(number_match, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by("rank", "kind", "number_key", "id")


def public_search(
    *,
    query: str,
    kind: str = "",
    status: str = "",
    ics: str = "",
    year: int | None = None,
    on: dt.date,
) -> StandardQuerySet:
    """The public catalogue search (national documents and local regulations alike)."""
    queryset = standard_base()
    if kind:
        queryset = queryset.filter(kind=kind)
    if ics:
        queryset = queryset.with_ics(ics)
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.status_in([status], on)
    return standard_search(queryset, query)


def replacement_chain(standard: Standard) -> list[Standard]:
    """The document's predecessors and successors, oldest first (each replacement followed
    once; the services refuse cycles)."""
    back: list[Standard] = []
    current = standard
    seen = {standard.pk}
    while True:
        event = (
            StandardEvent.objects.filter(successor=current, kind=EventKind.REPLACED)
            .select_related("standard")
            .order_by("on")
            .first()
        )
        if event is None or event.standard_id in seen:
            break
        seen.add(event.standard_id)
        current = event.standard
        back.append(current)
    forward: list[Standard] = []
    current = standard
    while True:
        event = (
            StandardEvent.objects.filter(standard=current, kind=EventKind.REPLACED)
            .select_related("successor")
            .first()
        )
        if event is None or event.successor is None or event.successor_id in seen:
            break
        seen.add(event.successor.pk)
        current = event.successor
        forward.append(current)
    return [*reversed(back), standard, *forward]


def designation_status(designation: str, *, on: dt.date) -> tuple[Standard | None, Status | None]:
    """The catalogue's document for a designation written any usual way, and its status on a
    day; ``(None, None)`` when the catalogue does not hold it (or it cannot be read)."""
    try:
        key = rules.parse(designation).base.key
    except rules.NotationError:
        return None, None
    standard = standard_base().filter(designation=key).first()
    if standard is None:
        return None, None
    return standard, standard.status_on(on)


# ---------------------------------------------------------------------------------------------
# What cites a document: records of other modules, by model label (no import of their code).


@dataclass(frozen=True)
class CitationSource:
    """A field of another module's model that names documents by designation: a text field or a
    JSON list of designations. ``scoped``: read through the model's ``for_user``."""

    label: Any
    model: str
    field: str
    is_list: bool = False
    scoped: bool = True


@dataclass
class CitationGroup:
    label: str
    model: str
    count: int = 0
    records: list[tuple[str, str]] = field(default_factory=list)


CITATION_SOURCES: list[CitationSource] = [
    CitationSource(_("Conformity declarations"), "quality.Declaration", "qcvn"),
    CitationSource(
        _("Managed product lists"), "quality.ProductListEntry", "qcvn", is_list=True, scoped=False
    ),
    CitationSource(_("Survey samples"), "quality.Sample", "qcvn"),
    CitationSource(
        _("Indicator limits of surveys"), "quality.IndicatorLimit", "qcvn", scoped=False
    ),
]


def register_citation_source(source: CitationSource) -> None:
    """Another module adds a field of its own that cites documents (called from its
    ``AppConfig.ready``)."""
    if source not in CITATION_SOURCES:
        CITATION_SOURCES.append(source)


def _cites(key: str) -> Callable[[Any], bool]:
    def matches(value: Any) -> bool:
        values = value if isinstance(value, list) else [value]
        for text in values:
            try:
                if rules.parse(str(text)).base.key == key:
                    return True
            except rules.NotationError:
                continue
        return False

    return matches


def citing_records(standard: Standard, *, user: Any, limit: int = 20) -> list[CitationGroup]:
    """Per citing module, the records the user may see that cite ``standard`` (any spelling)."""
    matches = _cites(standard.designation)
    groups: list[CitationGroup] = []
    for source in CITATION_SOURCES:
        try:
            model = apps.get_model(source.model)
        except LookupError:
            continue
        queryset: Any = scoped_all(model) if source.scoped else model._default_manager.all()
        if source.scoped:
            queryset = queryset.for_user(user)
        if not source.is_list:
            queryset = queryset.filter(**{f"{source.field}__icontains": standard.number})
        group = CitationGroup(label=str(source.label), model=source.model)
        for obj in queryset.iterator(chunk_size=500):
            if not matches(getattr(obj, source.field)):
                continue
            group.count += 1
            if len(group.records) < limit:
                url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
                group.records.append((str(obj), url))
        groups.append(group)
    return groups


def site_search(*, user: Any, query: str, limit: int) -> list[Any]:
    """Hits of the site search: documents the user may see."""
    from tdc.core.modules import SearchResult

    rows = standard_search(Standard.objects.for_user(user), query)[:limit]
    return [
        SearchResult(title=s.designation, url=s.get_absolute_url(), detail=s.title_vi) for s in rows
    ]


# ---------------------------------------------------------------------------------------------
# TBT


@dataclass(frozen=True)
class ExporterMatch:
    interest: Any
    hs_codes: list[str]


def tbt_matches(notification: Any, *, user: Any) -> list[ExporterMatch]:
    """The exporters of the notifying province, among those the user may see, whose HS codes
    share a prefix with the notification's and who sell to its member (or to every market)."""
    from tdc.standards.models import ExporterInterest
    from tdc.standards.rules.tbt import hs_overlap

    interests = (
        ExporterInterest.objects.for_user(user)
        .filter(organisation__province_id=notification.province_id)
        .select_related("organisation")
    )
    found = []
    for interest in interests:
        markets = interest.market_list
        if markets and notification.member not in markets:
            continue
        codes = hs_overlap(notification.hs_codes, interest.hs_codes)
        if codes:
            found.append(ExporterMatch(interest=interest, hs_codes=codes))
    return found


def organisation_choices_for(user: Any) -> Any:
    """Organisations an exporter interest may name: the user's own (business) or their
    province's (officers)."""
    from tdc.registry.selectors import organisation_all

    if getattr(user, "organisation_id", None) and getattr(user, "role", "") == "business_user":
        return organisation_all().filter(pk=user.organisation_id)
    if getattr(user, "province_id", None):
        return organisation_all().filter(province_id=user.province_id)
    return organisation_all()
