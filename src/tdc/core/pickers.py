"""Searchable pickers: a field shows a record by its name and finds it by typing part of it.

Modules declare the kinds of records they offer (:class:`tdc.core.modules.Picker`); each kind is
answered as JSON at ``/chon/<kind>/?q=…`` (``tdc.core.views.pickers``), scoped to the signed-in
user. A form or filter field uses :class:`PickerSelect` (one value) or :class:`PickerMultiple`
(several); ``static/tdc/picker.js`` turns them into an ARIA combobox. The field still submits
the same parameter (a code, a tax code or an id), so URLs and the API do not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from tdc.core.modules import PickerOption, pickers, resolve
from tdc.core.text import vn_fold

#: The most options one answer carries: the picker is for finding, not for browsing.
PICKER_LIMIT = 20


def vn_sort_key(label: object) -> tuple[str, str]:
    """Sort key putting labels in Vietnamese alphabetical order with diacritics folded
    ("Ấm" next to "Am"), ties broken by the exact text."""
    text = str(label)
    return (vn_fold(text), text)


def sorted_choices[C: tuple[Any, Any]](choices: Iterable[C]) -> list[C]:
    """Choices ordered by their (Vietnamese) label; an empty value stays first."""
    rows = list(choices)
    blank = [c for c in rows if c[0] in ("", None)]
    rest = [c for c in rows if c[0] not in ("", None)]
    return blank + sorted(rest, key=lambda c: vn_sort_key(c[1]))


def query_words(query: str) -> list[str]:
    """The folded words of a picker query (at most eight, each at most 40 characters)."""
    return [w[:40] for w in vn_fold(query[:200]).split()][:8]


def rank(
    options: Iterable[PickerOption], query: str, limit: int, *, matched: bool = False
) -> list[PickerOption]:
    """Options whose folded label and hint contain every word of ``query`` (all of them when
    the database ``matched`` already): the labels that start with the query first, then those
    with a word starting with it, then the others, each group in Vietnamese alphabetical order;
    at most ``limit``."""
    words = query_words(query)
    whole = " ".join(words)
    found = []
    for option in options:
        label = vn_fold(option.label)
        haystack = f"{label} {vn_fold(option.hint)} {option.id.casefold()}"
        if not matched and not all(w in haystack for w in words):
            continue
        if not whole or label.startswith(whole):
            score = 0
        elif f" {whole}" in f" {label}":
            score = 1
        else:
            score = 2
        found.append((score, label, option.label, option))
    found.sort(key=lambda row: row[:3])
    return [row[3] for row in found[:limit]]


def search_rows[M: models.Model](
    queryset: QuerySet[M],
    query: str,
    *,
    folded_field: str,
    limit: int,
    exact: Q | None = None,
) -> list[M]:
    """Candidate rows for a picker answer: those whose folded column contains every folded word
    of ``query`` (or that match ``exact``, e.g. a code the user typed), a few times ``limit`` of
    them in folded order for :func:`rank` to order."""
    words = query_words(query)
    if not words:
        return list(queryset.order_by(folded_field)[:limit])
    condition = Q()
    for word in words:
        condition &= Q(**{f"{folded_field}__contains": word})
    if exact is not None:
        condition |= exact
    return list(queryset.filter(condition).order_by(folded_field)[: limit * 10])


def ids_or_search[M: models.Model](
    queryset: QuerySet[M],
    *,
    query: str,
    ids: Sequence[str] | None,
    limit: int,
    folded_field: str,
    id_field: str = "pk",
    exact: Q | None = None,
) -> tuple[list[M], bool]:
    """The rows a picker function names: those with the given ``ids``, or the search's
    candidates; and whether the rows are already matched (for :func:`rank`)."""
    if ids:
        return list(queryset.filter(**{f"{id_field}__in": ids})[:PICKER_LIMIT]), True
    return search_rows(queryset, query, folded_field=folded_field, limit=limit, exact=exact), True


def picker_options(
    kind: str,
    *,
    user: Any,
    query: str = "",
    ids: Sequence[str] | None = None,
    limit: int = PICKER_LIMIT,
    params: Mapping[str, str] | None = None,
) -> list[PickerOption]:
    """The options of picker ``kind`` for ``user``; ``KeyError`` for a kind nobody declares."""
    picker = pickers()[kind]
    function = resolve(picker.function)
    return list(
        function(
            user=user,
            query=query,
            ids=list(ids) if ids else None,
            limit=max(1, min(limit, PICKER_LIMIT)),
            params=dict(params or {}),
        )
    )[: max(1, min(limit, PICKER_LIMIT))]


def picker_url(kind: str, params: Mapping[str, str] | None = None) -> str:
    """The JSON endpoint of ``kind``, with the fixed parameters of one field."""
    url = reverse(f"core:picker_{kind.replace('-', '_')}")
    return f"{url}?{urlencode(params)}" if params else url


class _PickerMixin:
    """What both picker widgets share: the kind, fixed parameters and the user whose scope
    names the chosen values (set by :func:`bind_pickers`)."""

    kind: str
    params: dict[str, str]
    user: Any = None

    def _picker_attrs(self) -> dict[str, str]:
        return {
            "data-picker": picker_url(self.kind, self.params),
            "data-picker-empty": gettext("Nothing found"),
            "data-picker-remove": gettext("Remove"),
            "data-picker-placeholder": gettext("Type part of the name…"),
            "autocomplete": "off",
        }

    def _labels(self, values: Sequence[str]) -> dict[str, PickerOption]:
        values = [v for v in values if v not in ("", None)]
        if not values or self.user is None:
            return {}
        options = picker_options(
            self.kind, user=self.user, ids=[str(v) for v in values], params=self.params
        )
        return {o.id: o for o in options}


class PickerSelect(_PickerMixin, forms.TextInput):
    """One value chosen by name. Renders a text input carrying the value (so it works, and
    submits the same parameter, without JavaScript) with the chosen record's name in
    ``data-picker-label``; picker.js shows the name and searches as the user types."""

    def __init__(
        self, kind: str, *, params: Mapping[str, str] | None = None, attrs: Any = None
    ) -> None:
        super().__init__(attrs)
        self.kind = kind
        self.params = dict(params or {})

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.update(self._picker_attrs())
        current = context["widget"]["value"]
        if current not in ("", None):
            option = self._labels([str(current)]).get(str(current))
            if option is not None:
                widget_attrs["data-picker-label"] = option.label
                widget_attrs["data-picker-hint"] = option.hint
        return context


class PickerMultiple(_PickerMixin, forms.SelectMultiple):
    """Several values chosen by name: a multiple select holding only the chosen values (by
    name), to which picker.js adds a search box; the parameter repeats as before."""

    def __init__(
        self, kind: str, *, params: Mapping[str, str] | None = None, attrs: Any = None
    ) -> None:
        super().__init__(attrs)
        self.kind = kind
        self.params = dict(params or {})

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(self._picker_attrs())
        return context

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> Any:
        """Only the chosen values, each named through the picker (the choices may be a
        queryset of thousands: the picker finds the others)."""
        chosen = [str(v) for v in (value or []) if v not in ("", None)]
        labels = self._labels(chosen)
        return [
            (
                None,
                [
                    self.create_option(
                        name, v, labels[v].label if v in labels else v, True, index, attrs=attrs
                    )
                    for index, v in enumerate(chosen)
                ],
                0,
            )
        ]


def use_picker(
    field: forms.Field, kind: str, *, user: Any = None, params: Mapping[str, str] | None = None
) -> forms.Field:
    """Make a form field a searchable picker of ``kind`` (one value, or several for a multiple
    choice field); its queryset or choices still validate what is submitted."""
    multiple = isinstance(field, forms.MultipleChoiceField) or isinstance(
        field.widget, forms.SelectMultiple
    )
    widget: PickerSelect | PickerMultiple = (
        PickerMultiple(kind, params=params) if multiple else PickerSelect(kind, params=params)
    )
    widget.user = user
    widget.is_required = field.required
    field.widget = widget  # type: ignore[assignment]
    return field


def bind_pickers(form: forms.BaseForm, user: Any) -> forms.BaseForm:
    """Let the form's picker widgets name the chosen values within ``user``'s scope."""
    for field in form.fields.values():
        if isinstance(field.widget, _PickerMixin):
            field.widget.user = user
    return form


def is_picker(widget: forms.Widget) -> bool:
    return isinstance(widget, _PickerMixin)
