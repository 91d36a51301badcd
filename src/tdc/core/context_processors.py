"""Navigation by module, built for the signed-in user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.scoping import user_may

# Menu groups by module. Each entry: (label, url name, model label whose "view" permission
# decides visibility, or None for every signed-in user). Apps add their entries to the group
# of their module; a group with no visible entry is not shown.
NAVIGATION: list[tuple[Any, list[tuple[Any, str, str | None]]]] = [
    (
        _("Metrology"),
        [
            (_("Measuring instruments"), "metrology:instrument_list", "metrology.Instrument"),
            (_("Designations"), "metrology:designation_list", "metrology.Designation"),
            (_("Verifiers"), "metrology:verifier_list", "metrology.Verifier"),
            (
                _("Measurement standards"),
                "metrology:standard_list",
                "metrology.MeasurementStandard",
            ),
            (_("Verifications"), "metrology:verification_list", "metrology.Verification"),
            (_("Certificates"), "metrology:certificate_list", "metrology.Certificate"),
            (_("Stickers and stamps"), "metrology:stamp_batch_list", "metrology.StampBatch"),
            (_("Markets"), "metrology:market_list", "metrology.Market"),
            (_("Due for verification"), "metrology:due_list", "metrology.Instrument"),
            (
                _("Reverse traceability"),
                "metrology:finding_list",
                "metrology.OutOfToleranceFinding",
            ),
            (_("Metrology statistics"), "metrology:statistics", "metrology.Verification"),
            (
                _("Prepackaged goods: quantity checks"),
                "prepackages:inspection_list",
                "prepackages.QuantityInspection",
            ),
            (
                _("Quantity-mark declarations"),
                "prepackages:declaration_list",
                "prepackages.MarkDeclaration",
            ),
            (
                _("Quantity-mark certificates"),
                "prepackages:certification_list",
                "prepackages.MarkCertification",
            ),
            (
                _("Prepackaged goods: trends"),
                "prepackages:trends",
                "prepackages.QuantityInspection",
            ),
            (
                _("Quantity rules per province"),
                "prepackages:rulessetting_list",
                "prepackages.ProvinceRulesSetting",
            ),
        ],
    ),
    (
        _("Quality"),
        [],
    ),
    (
        _("Inspections"),
        [
            (_("Complaints"), "complaints:complaint_list", "complaints.Complaint"),
            (_("Complaint statistics"), "complaints:statistics", "complaints.Complaint"),
            (_("Inspection plans"), "inspections:plan_list", "inspections.InspectionPlan"),
            (_("Risk-based targeting"), "inspections:risk_ranking", "inspections.InspectionPlan"),
            (_("Field inspections"), "inspections:inspection_list", "inspections.Inspection"),
            (_("Sanction decisions"), "inspections:decision_list", "inspections.SanctionDecision"),
            (
                _("Other agencies' inspections"),
                "inspections:external_list",
                "inspections.ExternalInspection",
            ),
            (_("Violations catalogue"), "inspections:catalogue", "inspections.Inspection"),
            (_("Inspection statistics"), "inspections:statistics", "inspections.Inspection"),
        ],
    ),
    (
        _("Registers"),
        [
            (_("Organisations"), "registry:organisation_list", "registry.Organisation"),
            (_("Places"), "places:province_list", None),
            (_("Working-day calendar"), "core:calendar", None),
        ],
    ),
    (
        _("System"),
        [
            (_("Users"), "accounts:user_list", "accounts.User"),
            (_("Audit trail"), "core:auditevent_list", "core.AuditEvent"),
            (
                _("Notification templates"),
                "notifications:template_list",
                "notifications.NotificationTemplate",
            ),
            (_("Document templates"), "core:documenttemplate_list", "core.DocumentTemplate"),
            # Shown to whoever may edit configuration (system administrators).
            (_("Reference data"), "core:reference_index", "core.DocumentTemplate"),
        ],
    ),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": []}
    from django.apps import apps

    groups = []
    for group_label, entries in NAVIGATION:
        items = []
        for label, url_name, model_label in entries:
            if model_label is not None and not user_may(user, apps.get_model(model_label), "view"):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": request.path.startswith(url)})
        if items:
            groups.append(
                {"label": group_label, "items": items, "active": any(i["active"] for i in items)}
            )
    return {"nav_groups": groups}
