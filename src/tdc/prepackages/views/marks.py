"""Quantity-mark (V) screens: the Group 1 receipt register and the Group 2 certificates, their
steps (each a service, offered as the register's workflow allows) and the stamped receipt as
PDF."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.documents import public_url, qr_data_uri, render_pdf
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.core.workflow import Workflow
from tdc.prepackages import services
from tdc.prepackages.choices import DeclarationStatus
from tdc.prepackages.fields import CERTIFICATION_DETAIL, DECLARATION_DETAIL
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
from tdc.prepackages.workflows import CERTIFICATION_WORKFLOW, DECLARATION_WORKFLOW

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Takes the step ``name`` on a record with the inputs of a valid form, by a user.
Perform = Callable[[Any, str, TransitionForm, "User"], Model]


@dataclass(frozen=True)
class Register:
    """A quantity-mark register as the screens and the API drive it: its workflow, the inputs
    (fields of :class:`TransitionForm`) each offered step asks for, and the service each calls."""

    workflow: Workflow
    inputs: Mapping[str, tuple[str, ...]]
    perform: Perform

    def __post_init__(self) -> None:
        offered = [t.action for t in self.workflow.transitions.values() if t.offered]
        if sorted(offered) != sorted(self.inputs):
            raise ImproperlyConfigured(
                f"The inputs {sorted(self.inputs)} must be those of the steps the workflow "
                f"offers: {sorted(offered)}."
            )


def declaration_action(obj: Any, name: str, form: TransitionForm, by: User) -> MarkDeclaration:
    d = form.cleaned_data
    on = d.get("on") or timezone.localdate()
    calls: dict[str, Callable[[], MarkDeclaration]] = {
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


def certification_action(obj: Any, name: str, form: TransitionForm, by: User) -> MarkCertification:
    d = form.cleaned_data
    on = d.get("on") or timezone.localdate()
    calls: dict[str, Callable[[], MarkCertification]] = {
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


DECLARATIONS = Register(
    DECLARATION_WORKFLOW,
    {
        "incomplete": ("on", "missing_items"),
        "complete": ("on",),
        "accept": ("on",),
        "drop": ("on",),
        "cancel": ("on", "reason"),
    },
    declaration_action,
)

CERTIFICATIONS = Register(
    CERTIFICATION_WORKFLOW,
    {
        "incomplete": ("on", "missing_items"),
        "accept_file": ("on",),
        "team": ("on", "assessors"),
        "issue": ("on", "assessed_on"),
        "refuse": ("on", "reason"),
        "suspend": ("on", "until", "reason"),
        "reinstate": (),
        "revoke": ("on", "reason"),
    },
    certification_action,
)


def available_transitions(obj: Model, user: Any, register: Register) -> list[dict[str, Any]]:
    """The steps the user may take on the record now, each with its small form. The record was
    loaded through its gatekeeper, so it is in the user's jurisdiction; the workflow checks the
    state and the user's role."""
    out = []
    for step in register.workflow.actions_for(obj, user):
        form = style_form(TransitionForm(prefix=step.action, initial={"on": timezone.localdate()}))
        out.append(
            {
                "name": step.action,
                "label": step.label,
                "fields": [form[f] for f in register.inputs[step.action]],
            }
        )
    return out


def _transition_view(request: HttpRequest, obj: Model, register: Register) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        name = request.POST.get("action", "")
        form = TransitionForm(request.POST, prefix=name)
        if name not in register.inputs or not form.is_valid():
            errors.append(str(_("Choose one of the actions offered and fill in its fields.")))
        else:
            user = authenticated_user(request)
            if not register.workflow.may(user, type(obj), name):
                raise PermissionDenied
            try:
                register.perform(obj, name, form, user)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                return redirect(obj.get_absolute_url())  # type: ignore[attr-defined]
    context = {
        "object": obj,
        "transitions": available_transitions(obj, request.user, register),
        "errors": errors,
    }
    return render(request, "prepackages/transition.html", context, status=422 if errors else 200)


class _MarkFileDetailView(ScopedDetailView):
    """A register entry with the steps the user may take on it now."""

    template_name = "prepackages/mark_detail.html"
    register: ClassVar[Register]
    transition_url: ClassVar[str]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["transitions"] = available_transitions(
            context["object"], self.request.user, self.register
        )
        context["transition_url"] = self.transition_url
        return context


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
        return services.declaration_receive(
            by=authenticated_user(self.request), **form.cleaned_data
        )


class MarkDeclarationDetailView(_MarkFileDetailView):
    model = MarkDeclaration  # ScopedDetailView's model is a ClassVar
    detail_fields = DECLARATION_DETAIL
    register = DECLARATIONS
    transition_url = "prepackages:declaration_transition"

    def base_queryset(self) -> ScopedQuerySet[MarkDeclaration]:
        return declaration_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["receipt_url"] = "prepackages:declaration_receipt"
        return context


@login_required
def declaration_transition(request: HttpRequest, pk: int) -> HttpResponse:
    obj = declaration_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    return _transition_view(request, obj, DECLARATIONS)


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
        return services.certification_receive(
            by=authenticated_user(self.request), **form.cleaned_data
        )


class MarkCertificationDetailView(_MarkFileDetailView):
    model = MarkCertification  # ScopedDetailView's model is a ClassVar
    detail_fields = CERTIFICATION_DETAIL
    register = CERTIFICATIONS
    transition_url = "prepackages:certification_transition"

    def base_queryset(self) -> ScopedQuerySet[MarkCertification]:
        return certification_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["team"] = context["object"].assessment_team
        return context


@login_required
def certification_transition(request: HttpRequest, pk: int) -> HttpResponse:
    obj = certification_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    return _transition_view(request, obj, CERTIFICATIONS)
