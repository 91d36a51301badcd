from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.inspections.models import (
    Campaign,
    ExternalInspection,
    Inspection,
    InspectionPlan,
    RiskWeights,
    SanctionDecision,
)
from tdc.inspections.views import decisions, documents, fieldwork, plans, reference, targeting

app_name = "inspections"

urlpatterns = [
    # Plans and campaigns
    path("plans/", plans.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", plans.PlanEditView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.PlanEditView.as_view(), name="plan_edit"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/approve/", plans.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/return/", plans.plan_return, name="plan_return"),
    path("plans/<int:pk>/campaigns/new/", plans.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", plans.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/targets/", plans.campaign_target_add, name="campaign_target_add"),
    path("campaigns/<int:pk>/team/", plans.campaign_team_add, name="campaign_team_add"),
    # Risk and de-confliction
    path("risk/", targeting.risk_ranking, name="risk_ranking"),
    path("risk/weights/<int:pk>/", targeting.risk_weights_edit, name="risk_weights_edit"),
    path("history/<int:pk>/", targeting.organisation_history, name="organisation_history"),
    path("other-agencies/", targeting.ExternalInspectionListView.as_view(), name="external_list"),
    path(
        "other-agencies/new/",
        targeting.ExternalInspectionEditView.as_view(),
        name="external_create",
    ),
    path(
        "other-agencies/<int:pk>/",
        targeting.ExternalInspectionDetailView.as_view(),
        name="external_detail",
    ),
    path(
        "other-agencies/<int:pk>/edit/",
        targeting.ExternalInspectionEditView.as_view(),
        name="external_edit",
    ),
    # Field inspections
    path("", fieldwork.InspectionListView.as_view(), name="inspection_list"),
    path("new/", fieldwork.inspection_create, name="inspection_create"),
    path("<int:pk>/", fieldwork.InspectionDetailView.as_view(), name="inspection_detail"),
    path("<int:pk>/edit/", fieldwork.InspectionEditView.as_view(), name="inspection_edit"),
    path("<int:pk>/field/", fieldwork.inspection_field, name="inspection_field"),
    path("<int:pk>/answer/", fieldwork.inspection_answer, name="inspection_answer"),
    path("<int:pk>/position/", fieldwork.inspection_position, name="inspection_position"),
    path("<int:pk>/signature/", fieldwork.inspection_signature, name="inspection_signature"),
    path("<int:pk>/photo/", fieldwork.inspection_photo, name="inspection_photo"),
    path("<int:pk>/instrument/", fieldwork.inspection_instrument, name="inspection_instrument"),
    path("<int:pk>/violations/new/", fieldwork.violation_create, name="violation_create"),
    path("<int:pk>/profit/", fieldwork.violation_profit, name="violation_profit"),
    path(
        "<int:pk>/official-amount/",
        decisions.violation_official_amount,
        name="violation_official_amount",
    ),
    path("<int:pk>/notices/", fieldwork.notice_issue, name="notice_issue"),
    path("<int:pk>/close/", fieldwork.inspection_close, name="inspection_close"),
    *[
        path(
            f"<int:pk>/pdf/{document}/",
            documents.inspection_document,
            {"document": document},
            name=documents.document_url_name(document),
        )
        for document in documents.DOCUMENT_CODES
    ],
    path("<int:pk>/decision/", decisions.decision_create, name="decision_create"),
    # Decisions
    path("decisions/", decisions.DecisionListView.as_view(), name="decision_list"),
    path("decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/pdf/", documents.decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/payment/", decisions.decision_payment, name="decision_payment"),
    path("decisions/<int:pk>/transfer/", decisions.decision_transfer, name="decision_transfer"),
    path("decisions/<int:pk>/remedies/", decisions.decision_remedy, name="decision_remedy"),
    # Reference and statistics
    path("catalogue/", reference.catalogue, name="catalogue"),
    path("statistics/", reference.statistics, name="statistics"),
    path("dashboard-card/", reference.dashboard_card, name="dashboard_card"),
]

_R = register_view
_R("inspections:plan_list", "list", InspectionPlan)
_R("inspections:plan_create", "create", InspectionPlan, "create")
_R("inspections:plan_detail", "detail", InspectionPlan)
_R("inspections:plan_edit", "update", InspectionPlan, "change")
_R("inspections:plan_submit", "action", InspectionPlan, "change")
_R("inspections:plan_approve", "action", InspectionPlan, "approve")
_R("inspections:plan_return", "action", InspectionPlan, "approve")
_R("inspections:campaign_create", "update", InspectionPlan, "change")
_R("inspections:campaign_detail", "detail", Campaign)
_R("inspections:campaign_target_add", "action", Campaign, "change")
_R("inspections:campaign_team_add", "action", Campaign, "change")
# Ranked list: plan readers see scores of their jurisdiction; other roles get an explanation.
_R("inspections:risk_ranking", "page", None)
_R("inspections:risk_weights_edit", "update", RiskWeights, "change")
# Whoever may view the organisation gets the page; the history shows to inspection staff only.
_R("inspections:organisation_history", "detail", "registry.Organisation")
_R("inspections:external_list", "list", ExternalInspection)
_R("inspections:external_create", "create", ExternalInspection, "create")
_R("inspections:external_detail", "detail", ExternalInspection)
_R("inspections:external_edit", "update", ExternalInspection, "change")
_R("inspections:inspection_list", "list", Inspection)
_R("inspections:inspection_create", "create", Inspection, "create")
_R("inspections:inspection_detail", "detail", Inspection)
_R("inspections:inspection_edit", "update", Inspection, "change")
_R("inspections:inspection_field", "update", Inspection, "change")
_R("inspections:inspection_answer", "action", Inspection, "change")
_R("inspections:inspection_position", "action", Inspection, "change")
_R("inspections:inspection_signature", "action", Inspection, "change")
_R("inspections:inspection_photo", "action", Inspection, "change")
_R("inspections:inspection_instrument", "action", Inspection, "change")
_R("inspections:violation_create", "update", Inspection, "change")
_R("inspections:violation_profit", "action", Inspection, "change")
_R("inspections:notice_issue", "action", Inspection, "change")
_R("inspections:inspection_close", "action", Inspection, "change")
for _document in documents.DOCUMENT_CODES:
    _R(f"inspections:{documents.document_url_name(_document)}", "detail", Inspection)
_R("inspections:decision_create", "update", Inspection, "approve")
_R("inspections:violation_official_amount", "action", Inspection, "approve")
_R("inspections:decision_list", "list", SanctionDecision)
_R("inspections:decision_detail", "detail", SanctionDecision)
_R("inspections:decision_pdf", "detail", SanctionDecision)
_R("inspections:decision_payment", "action", SanctionDecision, "change")
_R("inspections:decision_transfer", "action", SanctionDecision, "change")
_R("inspections:decision_remedy", "action", SanctionDecision, "change")
_R("inspections:catalogue", "page", None)
_R("inspections:statistics", "page", None)
_R("inspections:dashboard_card", "page", None)
