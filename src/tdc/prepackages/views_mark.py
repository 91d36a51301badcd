"""Quantity-mark (V) screens: the Group 1 receipt register and the Group 2 certificates, their
transitions (each a service) and the stamped receipt as PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from tdc.core.documents import public_url, qr_data_uri, render_pdf
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, object_in_scope
from tdc.core.views_generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.prepackages import services
from tdc.prepackages.choices import CertificationStatus, DeclarationStatus
from tdc.prepackages.filters import MarkCertificationFilterSet, MarkDeclarationFilterSet
from tdc.prepackages.forms import MarkCertificationForm, MarkDeclarationForm, TransitionForm
from tdc.prepackages.models import MarkCertification, MarkDeclaration
from tdc.prepackages.selectors import (
    certification_base,
    certification_get_for_user,
    declaration_base,
    declaration_get_for_user,
)
from tdc.prepackages.tables import MarkCertificationTable, MarkDeclarationTable

# action -> (label, fields shown, permission needed, statuses it applies to)
Transition = tuple[Any, tuple[str, ...], str, frozenset[str]]

DECLARATION_TRANSITIONS: dict[str, Transition] = {
    "incomplete": (
        _("Send the notice of an incomplete file"),
        ("on", "missing_items"),
        Action.CHANGE,
        frozenset({DeclarationStatus.RECEIVED}),
    ),
    "complete": (
        _("Record the completed file"),
        ("on",),
        Action.CHANGE,
        frozenset({DeclarationStatus.INCOMPLETE}),
    ),
    "accept": (
        _("Sign and stamp the declaration"),
        ("on",),
        Action.APPROVE,
        frozenset({DeclarationStatus.RECEIVED}),
    ),
    "drop": (
        _("Drop the file (not completed in time)"),
        ("on",),
        Action.CHANGE,
        frozenset({DeclarationStatus.INCOMPLETE}),
    ),
    "cancel": (
        _("Cancel the declaration"),
        ("on", "reason"),
        Action.APPROVE,
        frozenset({DeclarationStatus.ACCEPTED}),
    ),
}

CERTIFICATION_TRANSITIONS: dict[str, Transition] = {
    "incomplete": (
        _("Send the notice of an incomplete file"),
        ("on", "missing_items"),
        Action.CHANGE,
        frozenset({CertificationStatus.RECEIVED}),
    ),
    "accept_file": (
        _("Accept the file as complete"),
        ("on",),
        Action.CHANGE,
        frozenset({CertificationStatus.RECEIVED, CertificationStatus.INCOMPLETE}),
    ),
    "team": (
        _("Set up the assessment team"),
        ("on", "assessors"),
        Action.CHANGE,
        frozenset({CertificationStatus.ASSESSING}),
    ),
    "issue": (
        _("Issue the certificate"),
        ("on", "assessed_on"),
        Action.APPROVE,
        frozenset({CertificationStatus.ASSESSING}),
    ),
    "refuse": (
        _("Refuse certification"),
        ("on", "reason"),
        Action.APPROVE,
        frozenset(
            {
                CertificationStatus.RECEIVED,
                CertificationStatus.INCOMPLETE,
                CertificationStatus.ASSESSING,
            }
        ),
    ),
    "suspend": (
        _("Suspend (at most 6 months)"),
        ("on", "until", "reason"),
        Action.APPROVE,
        frozenset({CertificationStatus.CERTIFIED}),
    ),
    "reinstate": (
        _("Lift the suspension"),
        (),
        Action.APPROVE,
        frozenset({CertificationStatus.SUSPENDED}),
    ),
    "revoke": (
        _("Revoke the certificate"),
        ("on", "reason"),
        Action.APPROVE,
        frozenset({CertificationStatus.CERTIFIED, CertificationStatus.SUSPENDED}),
    ),
}


def declaration_action(obj: Any, name: str, form: TransitionForm, by: Any) -> Any:
    d = form.cleaned_data
    on = d.get("on") or timezone.localdate()
    calls: dict[str, Callable[[], Any]] = {
        "incomplete": lambda: services.declaration_mark_incomplete(
            declaration=obj, by=by, missing_items=d.get("missing_items") or "", notice_on=on
        ),
        "complete": lambda: services.declaration_complete(declaration=obj, by=by, completed_on=on),
        "accept": lambda: services.declaration_accept(declaration=obj, by=by, accepted_on=on),
        "drop": lambda: services.declaration_drop(declaration=obj, by=by, on=on),
        "cancel": lambda: services.declaration_cancel(
            declaration=obj, by=by, reason=d.get("reason") or "", on=on
        ),
    }
    return calls[name]()


def certification_action(obj: Any, name: str, form: TransitionForm, by: Any) -> Any:
    d = form.cleaned_data
    on = d.get("on") or timezone.localdate()
    calls: dict[str, Callable[[], Any]] = {
        "incomplete": lambda: services.certification_mark_incomplete(
            certification=obj, by=by, missing_items=d.get("missing_items") or "", notice_on=on
        ),
        "accept_file": lambda: services.certification_accept_file(
            certification=obj, by=by, completed_on=on
        ),
        "team": lambda: services.certification_set_team(
            certification=obj, by=by, assessors=form.assessor_list(), set_on=on
        ),
        "issue": lambda: services.certification_issue(
            certification=obj, by=by, issued_on=on, assessed_on=d.get("assessed_on") or on
        ),
        "refuse": lambda: services.certification_refuse(
            certification=obj, by=by, reason=d.get("reason") or "", on=on
        ),
        "suspend": lambda: services.certification_suspend(
            certification=obj,
            by=by,
            reason=d.get("reason") or "",
            on=on,
            until=d.get("until") or on,
        ),
        "reinstate": lambda: services.certification_reinstate(certification=obj, by=by),
        "revoke": lambda: services.certification_revoke(
            certification=obj, by=by, reason=d.get("reason") or "", on=on
        ),
    }
    return calls[name]()


def available_transitions(
    obj: Model, user: Any, table: dict[str, Transition]
) -> list[dict[str, Any]]:
    """The transitions the user may perform on the record now, each with its small form."""
    out = []
    for name, (label, fields, action, statuses) in table.items():
        if getattr(obj, "status", None) not in statuses or not object_in_scope(obj, user, action):
            continue
        form = style_form(TransitionForm(prefix=name, initial={"on": timezone.localdate()}))
        out.append({"name": name, "label": label, "fields": [form[f] for f in fields]})
    return out


def _transition_view(
    request: HttpRequest,
    obj: Model,
    table: dict[str, Transition],
    perform: Callable[[Any, str, TransitionForm, Any], Any],
) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        name = request.POST.get("action", "")
        form = TransitionForm(request.POST, prefix=name)
        if name not in table or not form.is_valid():
            errors.append(str(_("Choose one of the actions offered and fill in its fields.")))
        else:
            _label, _fields, action, statuses = table[name]
            if not object_in_scope(obj, request.user, action):
                raise PermissionDenied
            try:
                perform(obj, name, form, request.user)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                return redirect(obj.get_absolute_url())  # type: ignore[attr-defined]
    context = {
        "object": obj,
        "transitions": available_transitions(obj, request.user, table),
        "errors": errors,
    }
    return render(request, "prepackages/transition.html", context, status=422 if errors else 200)


# --- Declarations ------------------------------------------------------------------------------


class MarkDeclarationListView(ScopedListView):
    model = MarkDeclaration
    table_class = MarkDeclarationTable
    filterset_class = MarkDeclarationFilterSet
    create_url_name = "prepackages:declaration_create"
    export_name = "quantity-mark-declarations"
    title = _("Quantity-mark declarations (receipt register)")

    def base_queryset(self) -> ScopedQuerySet[MarkDeclaration]:
        return declaration_base()


class MarkDeclarationEditView(ScopedEditView):
    model = MarkDeclaration
    form_class = MarkDeclarationForm
    title = _("Register a quantity-mark declaration")

    def base_queryset(self) -> ScopedQuerySet[MarkDeclaration]:
        return declaration_base()

    def perform_create(self, form: Form) -> MarkDeclaration:
        return services.declaration_receive(by=self.request.user, **form.cleaned_data)


class MarkDeclarationDetailView(ScopedDetailView):
    model = MarkDeclaration  # ScopedDetailView's model is a ClassVar
    template_name = "prepackages/mark_detail.html"
    detail_fields = (
        "receipt_number",
        "status",
        "declarant",
        "province",
        "products",
        "received_on",
        "notice_due",
        "stamp_due",
        "notice_sent_on",
        "missing_items",
        "completion_due",
        "completed_on",
        "accepted_on",
        "supersedes",
        "closed_on",
        "close_reason",
    )

    def base_queryset(self) -> ScopedQuerySet[MarkDeclaration]:
        return declaration_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        context["transitions"] = available_transitions(
            obj, self.request.user, DECLARATION_TRANSITIONS
        )
        context["transition_url"] = "prepackages:declaration_transition"
        context["receipt_url"] = "prepackages:declaration_receipt"
        return context


@login_required
def declaration_transition(request: HttpRequest, pk: int) -> HttpResponse:
    obj = declaration_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    return _transition_view(request, obj, DECLARATION_TRANSITIONS, declaration_action)


@login_required
def declaration_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt as PDF: stamped once accepted, otherwise an acknowledgement of receipt."""
    obj = declaration_get_for_user(user=request.user, pk=pk)
    context = {
        "declaration": obj,
        "stamped": obj.status
        in {DeclarationStatus.ACCEPTED, DeclarationStatus.SUPERSEDED, DeclarationStatus.CANCELLED},
        "products": [line for line in obj.products.splitlines() if line.strip()],
        "qr": qr_data_uri(public_url(obj.get_absolute_url())),
    }
    pdf = render_pdf(template_code="prepackage_declaration_receipt", context=context)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = obj.receipt_number.replace("/", "-") or str(obj.pk)
    response["Content-Disposition"] = content_disposition_header(True, f"tiep-nhan-{name}.pdf")
    return response


# --- Certifications ----------------------------------------------------------------------------


class MarkCertificationListView(ScopedListView):
    model = MarkCertification
    table_class = MarkCertificationTable
    filterset_class = MarkCertificationFilterSet
    create_url_name = "prepackages:certification_create"
    export_name = "quantity-mark-certificates"
    title = _("Quantity-mark certifications")

    def base_queryset(self) -> ScopedQuerySet[MarkCertification]:
        return certification_base()


class MarkCertificationEditView(ScopedEditView):
    model = MarkCertification
    form_class = MarkCertificationForm
    title = _("Register a certification file")

    def base_queryset(self) -> ScopedQuerySet[MarkCertification]:
        return certification_base()

    def perform_create(self, form: Form) -> MarkCertification:
        return services.certification_receive(by=self.request.user, **form.cleaned_data)


class MarkCertificationDetailView(ScopedDetailView):
    model = MarkCertification  # ScopedDetailView's model is a ClassVar
    template_name = "prepackages/mark_detail.html"
    detail_fields = (
        "status",
        "certificate_number",
        "applicant",
        "province",
        "products",
        "received_on",
        "notice_due",
        "notice_sent_on",
        "missing_items",
        "completion_due",
        "completed_on",
        "team_due",
        "issue_due",
        "team_set_on",
        "assessed_on",
        "issued_on",
        "valid_until",
        "reminder_sent_on",
        "suspended_until",
        "renewal_of",
        "closed_on",
        "close_reason",
    )

    def base_queryset(self) -> ScopedQuerySet[MarkCertification]:
        return certification_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        context["transitions"] = available_transitions(
            obj, self.request.user, CERTIFICATION_TRANSITIONS
        )
        context["transition_url"] = "prepackages:certification_transition"
        context["team"] = obj.assessment_team
        return context


@login_required
def certification_transition(request: HttpRequest, pk: int) -> HttpResponse:
    obj = certification_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    return _transition_view(request, obj, CERTIFICATION_TRANSITIONS, certification_action)
