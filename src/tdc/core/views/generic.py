"""Generic list, detail and edit views that every domain app reuses.

Every view reads through ``Model.objects.for_user(user, action)`` (or a selector the subclass
names) and writes only through the services the subclass names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.db.models import ForeignObjectRel
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from tdc.core import prerequisites
from tdc.core.audit import timeline_for
from tdc.core.exceptions import ConcurrentEditError
from tdc.core.exports import csv_response, table_rows, xlsx_response
from tdc.core.forms import style_form
from tdc.core.jobs import enqueue_on_commit, job_start
from tdc.core.prerequisites import Prerequisite
from tdc.core.roles import Action
from tdc.core.scoping import (
    ScopedQuerySet,
    get_for_user_or_404,
    object_in_scope,
    scoped_all,
    user_may,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ScopedMixin(LoginRequiredMixin):
    """Ties a view to a scoped model and an action."""

    # An instance attribute, as Django's generic views declare it, so subclasses can set it.
    model: type[models.Model]
    action: ClassVar[str] = Action.VIEW
    request: HttpRequest

    def base_queryset(self) -> ScopedQuerySet[Any]:
        """The selector's queryset (with its select_related); override per model."""
        return scoped_all(self.model)

    def scoped_queryset(self, action: str | None = None) -> ScopedQuerySet[Any]:
        return self.base_queryset().for_user(self.request.user, action or self.action)


class ScopedListView(ScopedMixin, SingleTableMixin, FilterView):
    """A filtered, sorted, paginated table with CSV and XLSX export (``?_export=csv|xlsx``)."""

    template_name = "core/list.html"
    partial_template_name = "core/partials/list_results.html"
    paginate_by = 50
    title: ClassVar[StrOrPromise] = ""
    create_url_name: ClassVar[str | None] = None
    export_name: ClassVar[str] = "export"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not user_may(request.user, self.model, self.action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> models.QuerySet[Any]:
        return self.scoped_queryset()

    def get_template_names(self) -> list[str]:
        htmx = getattr(self.request, "htmx", None)
        if htmx and not htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        export = request.GET.get("_export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def export(self, fmt: str) -> HttpResponseBase:
        if not user_may(self.request.user, self.model, Action.EXPORT):
            raise PermissionDenied
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = (
            filterset.qs if filterset.is_bound and filterset.is_valid() else self.get_queryset()
        )
        queryset = (
            self.base_queryset()
            .filter(pk__in=queryset.values("pk"))
            .for_user(self.request.user, Action.EXPORT)
        )
        if fmt == "xlsx" and queryset.count() > settings.TDC_SYNC_EXPORT_LIMIT:
            return self.export_in_background()
        table = self.get_table_class()(queryset.iterator(chunk_size=2000))
        header, rows = table_rows(table)
        if fmt == "csv":
            return csv_response(self.export_name, header, rows)
        return xlsx_response(self.export_name, header, rows)

    def export_in_background(self) -> HttpResponse:
        from tdc.core.tasks import run_list_export

        job = job_start(
            owner=self.request.user,
            kind="export",
            title=_("Export: {title}").format(
                title=self.title or self.model._meta.verbose_name_plural
            ),
        )
        query = self.request.GET.copy()
        query.pop("_export", None)
        enqueue_on_commit(
            run_list_export,
            job_id=str(job.pk),
            view_path=f"{type(self).__module__}.{type(self).__qualname__}",
            query=query.urlencode(),
        )
        return redirect("core:job_detail", pk=job.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if context.get("filter") is not None:
            style_form(context["filter"].form)
        context.update(
            title=self.title or self.model._meta.verbose_name_plural,
            can_create=bool(self.create_url_name) and user_may(user, self.model, Action.CREATE),
            create_url_name=self.create_url_name,
            can_export=user_may(user, self.model, Action.EXPORT),
            result_count=context["paginator"].count if context.get("paginator") else None,
        )
        return context

    def get_table(self, **kwargs: Any) -> Any:
        table = super().get_table(**kwargs)
        RequestConfig(self.request, paginate={"per_page": self.paginate_by}).configure(table)
        return table


@dataclass(frozen=True)
class FieldGroup:
    """One topic of a detail page: its filled rows and the labels of its empty fields."""

    title: str
    filled: list[tuple[str, Any]]
    empty: list[str]


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple, set)) and not value)


class ScopedDetailView(ScopedMixin, DetailView):
    """One record, its fields and its audit timeline; 404 outside the user's scope."""

    template_name = "core/detail.html"
    detail_fields: ClassVar[tuple[str, ...]] = ()
    #: ``(title, field names)`` by topic; fields of ``detail_fields`` in no group come last,
    #: untitled. Without groups the page is one group.
    detail_groups: ClassVar[Sequence[tuple[StrOrPromise, Sequence[str]]]] = ()
    edit_url_name: ClassVar[str | None] = None

    def get_object(self, queryset: models.QuerySet[Any] | None = None) -> models.Model:
        return get_for_user_or_404(
            self.base_queryset(), self.request.user, self.action, pk=self.kwargs["pk"]
        )

    def field_rows(self, obj: models.Model) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = []
        for name in self.detail_fields:
            field = obj._meta.get_field(name)
            if isinstance(field, ForeignObjectRel):
                raise ImproperlyConfigured(
                    f"{type(self).__name__}.detail_fields names the reverse relation {name!r}; "
                    "list the model's own fields only."
                )
            display = getattr(obj, f"get_{name}_display", None)
            value = display() if callable(display) else getattr(obj, name)
            rows.append((str(field.verbose_name), value))
        return rows

    def field_groups(self, obj: models.Model) -> list[FieldGroup]:
        """The field rows by topic, each split into the filled ones and the labels of the
        empty ones (folded on the page, so that a record shows what it has)."""
        rows = dict(zip(self.detail_fields, self.field_rows(obj), strict=True))
        groups: list[tuple[StrOrPromise, list[str]]] = [
            (title, [n for n in names if n in rows]) for title, names in self.detail_groups
        ]
        placed = {name for _title, names in groups for name in names}
        rest = [name for name in self.detail_fields if name not in placed]
        if rest:
            groups.append(("", rest))
        return [
            FieldGroup(
                str(title),
                [rows[n] for n in names if not _blank(rows[n][1])],
                [rows[n][0] for n in names if _blank(rows[n][1])],
            )
            for title, names in groups
            if names
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        can_change = bool(self.edit_url_name) and object_in_scope(
            obj, self.request.user, Action.CHANGE
        )
        context.update(
            field_groups=self.field_groups(obj),
            timeline=timeline_for(obj),
            can_change=can_change,
            edit_url_name=self.edit_url_name,
        )
        return context


MISSING_VERSION = gettext_lazy(
    "This form does not say which version of the record it edits (it may be an old copy): "
    "reload the page and enter your changes again."
)


class ScopedEditView(ScopedMixin, FormView):
    """Create or edit through a service, with HTMX inline validation and version checks.

    Subclasses implement :meth:`perform_create` / :meth:`perform_update`, which call services.
    A POST carrying ``_validate`` only validates and re-renders the form (no write).
    """

    template_name = "core/form.html"
    partial_template_name = "core/partials/form.html"
    action = Action.CHANGE
    object: models.Model | None = None
    title: ClassVar[StrOrPromise] = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "pk" in self.kwargs:
            self.object = get_for_user_or_404(
                self.base_queryset(), request.user, Action.CHANGE, pk=self.kwargs["pk"]
            )
        elif not user_may(request.user, self.model, Action.CREATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_template_names(self) -> list[str]:
        htmx = getattr(self.request, "htmx", None)
        if htmx and not htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]

    def get_form(self, form_class: Any = None) -> Any:
        return style_form(super().get_form(form_class))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        if "_validate" in request.POST:
            form.is_valid()
            return render(request, self.partial_template_name, self.get_context_data(form=form))
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form: Form) -> HttpResponse:
        try:
            if self.object is None:
                obj = self.perform_create(form)
            else:
                expected = self.request.POST.get("_version", "")
                if not expected.isdigit():
                    form.add_error(None, MISSING_VERSION)
                    return self.form_invalid(form)
                obj = self.perform_update(form, int(expected))
        except ConcurrentEditError as exc:
            form.add_error(None, exc)
            self.conflict_changes = exc.changes
            return self.form_invalid(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
            return self.form_invalid(form)
        url = obj.get_absolute_url()  # type: ignore[attr-defined]
        messages.success(self.request, self.success_message(obj, created=self.object is None))
        htmx = getattr(self.request, "htmx", None)
        if htmx:
            response = HttpResponse(status=204)
            response["HX-Location"] = url
            return response
        return HttpResponseRedirect(url)

    def success_message(self, obj: models.Model, *, created: bool) -> str:
        """What the next page says after the save (shown once, above its content)."""
        kind = obj._meta.verbose_name
        if created:
            return _("The {kind} “{name}” has been created.").format(kind=kind, name=obj)
        return _("The changes to the {kind} “{name}” have been saved.").format(kind=kind, name=obj)

    def perform_create(self, form: Form) -> models.Model:
        raise NotImplementedError

    def perform_update(self, form: Form, expected_version: int | None) -> models.Model:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        title: StrOrPromise
        if self.object is not None:
            title = _("Edit {name}").format(name=self.object)
        else:
            title = self.title or _("New {model}").format(model=self.model._meta.verbose_name)
        context.update(
            object=self.object,
            title=title,
            inline_validation=True,
            version=getattr(self.object, "version", None),
            conflict_changes=getattr(self, "conflict_changes", []),
        )
        if self.object is None:
            context.update(prerequisites.context(self.get_prerequisites()))
        return context

    def get_prerequisites(self) -> list[Prerequisite]:
        """What a new record needs first (shown above the form, with the links that fix it);
        a view whose records rest on others overrides this."""
        return []
