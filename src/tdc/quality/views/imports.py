"""Import inspection: the list with filters, registration (by the importer or an officer), the
detail with its deadlines, notices and the steps the user may take now, each notice as a
numbered PDF, and a statistics page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.documents import render_pdf
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.quality import services
from tdc.quality.forms_imports import (
    ImportRegistrationFilterSet,
    ImportRegistrationForm,
    ImportRegistrationTable,
    ImportStepForm,
)
from tdc.quality.models import ImportNotice, ImportRegistration
from tdc.quality.selectors_imports import (
    import_base,
    import_get_for_user,
    import_notice_get_for_user,
    import_statistics,
)
from tdc.quality.workflows_imports import IMPORT_WORKFLOW


class ImportListView(ScopedListView):
    model = ImportRegistration
    table_class = ImportRegistrationTable
    filterset_class = ImportRegistrationFilterSet
    create_url_name = "quality:import_create"
    export_name = "import-inspections"
    title = _("Import inspection")

    def base_queryset(self) -> ScopedQuerySet[ImportRegistration]:
        return import_base()


class ImportDetailView(ScopedDetailView):
    model = ImportRegistration
    template_name = "quality/imports/detail.html"
    detail_fields = (
        "number",
        "status",
        "inspection_level",
        "importer",
        *ImportRegistration.FIELDS,
        "regime",
        "risk_class",
        "confirm_due",
        "confirmed_on",
        "dossier_due",
        "missing_items",
        "label_fix_due",
        "complete_on",
        "result_due",
        "decided_on",
        "result_reason",
        "missed_notice_due",
        "exemption_ground",
        "remediation",
    )

    def base_queryset(self) -> ScopedQuerySet[ImportRegistration]:
        return import_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        user = self.request.user
        context["steps"] = IMPORT_WORKFLOW.actions_for(obj, user)  # type: ignore[arg-type]
        context["can_change"] = False
        context["may_record"] = user_may(user, ImportRegistration, Action.CHANGE)  # type: ignore[arg-type]
        context["notices"] = list(obj.notices.order_by("issued_on", "id"))
        context["level_reasons"] = [level_reason(code) for code in obj.level_reasons or ()]
        return context


def level_reason(code: str) -> str:
    """Why the rules chose the lot's inspection level, as the user reads it."""
    if code.startswith("reduced_until:"):
        day = code.split(":", 1)[1]
        shown = f"{day[8:10]}/{day[5:7]}/{day[:4]}"
        return str(
            _("Three consecutive passing lots of the same goods: reduced inspection until %(day)s.")
            % {"day": shown}
        )
    reasons = {
        "failed_under_reduced": _("A lot of these goods failed under reduced inspection."),
        "origin_warning": _("The country of origin is on a risk warning list."),
        "repeated_violations": _("The importer's lots failed repeatedly."),
    }
    return str(reasons.get(code, code))


class ImportEditView(ScopedEditView):
    model = ImportRegistration
    form_class = ImportRegistrationForm
    title = _("Register an import lot for inspection")

    def base_queryset(self) -> ScopedQuerySet[ImportRegistration]:
        return import_base()

    def perform_create(self, form: Form) -> ImportRegistration:
        data = dict(form.cleaned_data)
        importer = data.pop("importer")
        try:
            return services.import_register(
                by=authenticated_user(self.request), importer=importer, **data
            )
        except PermissionDenied as exc:
            raise ValidationError({"importer": str(exc)}) from exc


def _confirm(obj: ImportRegistration, user: Any, d: dict[str, Any]) -> Any:
    return services.import_confirm(
        registration=obj, by=user, on=d["on"], complete=True, expected_version=d["version"]
    )


def _confirm_incomplete(obj: ImportRegistration, user: Any, d: dict[str, Any]) -> Any:
    return services.import_confirm(
        registration=obj,
        by=user,
        on=d["on"],
        complete=False,
        missing_items=d["reason"],
        expected_version=d["version"],
    )


_STEPS: dict[str, tuple[Any, str, Callable[[ImportRegistration, Any, dict[str, Any]], Any]]] = {
    "confirm": (_("Confirm: dossier complete"), Action.CHANGE, _confirm),
    "confirm_incomplete": (
        _("Confirm: dossier incomplete"),
        Action.CHANGE,
        _confirm_incomplete,
    ),
    "complete": (
        _("Dossier completed"),
        Action.CHANGE,
        lambda o, u, d: services.import_complete(
            registration=o, by=u, on=d["on"], expected_version=d["version"]
        ),
    ),
    "label_fix": (
        _("Ask for the label to be fixed"),
        Action.CHANGE,
        lambda o, u, d: services.import_label_fix(
            registration=o, by=u, on=d["on"], reason=d["reason"], expected_version=d["version"]
        ),
    ),
    "pass": (
        _("Issue the pass notice"),
        Action.APPROVE,
        lambda o, u, d: services.import_decide(
            registration=o, by=u, on=d["on"], passed=True, expected_version=d["version"]
        ),
    ),
    "fail": (
        _("Issue the fail notice"),
        Action.APPROVE,
        lambda o, u, d: services.import_decide(
            registration=o,
            by=u,
            on=d["on"],
            passed=False,
            reason=d["reason"],
            expected_version=d["version"],
        ),
    ),
    "miss": (
        _("Issue the missed-deadline notice"),
        Action.APPROVE,
        lambda o, u, d: services.import_missed(
            registration=o, by=u, on=d["on"], expected_version=d["version"]
        ),
    ),
    "remediate": (
        _("Record the remediation"),
        Action.CHANGE,
        lambda o, u, d: services.import_remediate(
            registration=o,
            by=u,
            on=d["on"],
            description=d["reason"],
            expected_version=d["version"],
        ),
    ),
    "reassess": (
        _("Assess the remedied lot"),
        Action.CHANGE,
        lambda o, u, d: services.import_reassess(
            registration=o, by=u, on=d["on"], expected_version=d["version"]
        ),
    ),
    "exempt": (
        _("Exempt from inspection"),
        Action.APPROVE,
        lambda o, u, d: services.import_exempt(
            registration=o,
            by=u,
            on=d["on"],
            ground=d["ground"],
            safety_warning=d["safety_warning"],
            expected_version=d["version"],
        ),
    ),
    "clearance": (
        _("Record the customs clearance"),
        Action.CHANGE,
        lambda o, u, d: services.import_record_clearance(
            registration=o, by=u, cleared_on=d["on"], expected_version=d["version"]
        ),
    ),
    "event": (
        _("Record a report or a finding after clearance"),
        Action.CHANGE,
        lambda o, u, d: services.import_event_record(
            by=u, registration=o, kind=d["kind"], day=d["on"], note=d["reason"]
        ),
    ),
}

#: The fields of the step form each step shows besides its date.
_FIELDS = {
    "confirm_incomplete": ("reason",),
    "label_fix": ("reason",),
    "fail": ("reason",),
    "remediate": ("reason",),
    "exempt": ("ground", "safety_warning"),
    "event": ("kind", "reason"),
}

#: Steps of the URL configuration, with the permission each needs.
STEP_PERMISSIONS = {name: permission for name, (_label, permission, _call) in _STEPS.items()}


@login_required
def import_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step of the procedure, as the workflow allows the user now."""
    if step not in _STEPS:
        raise Http404
    title, permission, call = _STEPS[step]
    user = authenticated_user(request)
    obj = import_get_for_user(user=user, pk=pk, action=permission)
    form = style_form(
        ImportStepForm(
            request.POST if request.method == "POST" else None,
            initial={"on": timezone.localdate()},
        )
    )
    shown = {"on", *_FIELDS.get(step, ())}
    for name in [n for n in form.fields if n not in shown]:
        del form.fields[name]
    if request.method == "POST" and form.is_valid():
        data = {"reason": "", "ground": "", "safety_warning": False, "kind": ""}
        data.update(form.cleaned_data)
        raw = request.POST.get("_version", "")
        data["version"] = int(raw) if raw.isdigit() else None
        try:
            call(obj, user, data)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                target = field if field in form.fields else None
                for message in messages:
                    form.add_error(target, message)
        else:
            return HttpResponseRedirect(obj.get_absolute_url())
    return render(
        request,
        "quality/step_form.html",
        {"object": obj, "form": form, "title": title, "version": obj.version},
    )


@login_required
def import_notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A notice of the inspection body as a numbered PDF."""
    notice: ImportNotice = import_notice_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    context = {"notice": notice, "registration": notice.registration, "data": notice.data}
    pdf = render_pdf(template_code="quality_import_notice", context=context)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = notice.number.replace("/", "-")
    response["Content-Disposition"] = content_disposition_header(True, f"thong-bao-{name}.pdf")
    return response


@login_required
def import_stats(request: HttpRequest) -> HttpResponse:
    """Counts of the registrations the user may see (none for a role that sees none)."""
    stats = import_statistics(user=request.user)  # type: ignore[arg-type]
    return render(request, "quality/imports/stats.html", {"stats": stats})
