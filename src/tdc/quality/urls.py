from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.quality.models import (
    ComplianceCommitment,
    ConformityBody,
    Declaration,
    QualityWarning,
    Sample,
    SurveyPlan,
)
from tdc.quality.views import bodies, declarations, register, surveys, warnings

app_name = "quality"

urlpatterns = [
    path("declarations/", declarations.DeclarationListView.as_view(), name="declaration_list"),
    path(
        "declarations/new/",
        declarations.DeclarationEditView.as_view(),
        name="declaration_create",
    ),
    path(
        "declarations/<int:pk>/",
        declarations.DeclarationDetailView.as_view(),
        name="declaration_detail",
    ),
    path(
        "declarations/<int:pk>/receipt.pdf",
        declarations.declaration_receipt,
        name="declaration_receipt",
    ),
    *(
        path(
            f"declarations/<int:pk>/{step}/",
            declarations.declaration_step,
            {"step": step},
            name=f"declaration_{step}",
        )
        for step in ("accept", "refuse", "withdraw")
    ),
    path("bodies/", bodies.BodyListView.as_view(), name="body_list"),
    path("bodies/new/", bodies.BodyEditView.as_view(), name="body_create"),
    path("bodies/<int:pk>/", bodies.BodyDetailView.as_view(), name="body_detail"),
    path("bodies/<int:pk>/edit/", bodies.BodyEditView.as_view(), name="body_edit"),
    path("bodies/<int:pk>/suspend/", bodies.body_suspend, name="body_suspend"),
    path("warnings/", warnings.WarningListView.as_view(), name="warning_list"),
    path("warnings/new/", warnings.WarningEditView.as_view(), name="warning_create"),
    path("warnings/<int:pk>/", warnings.WarningDetailView.as_view(), name="warning_detail"),
    path("warnings/<int:pk>/edit/", warnings.WarningEditView.as_view(), name="warning_edit"),
    path("warnings/<int:pk>/publish/", warnings.warning_publish, name="warning_publish"),
]

register_view("quality:declaration_list", "list", Declaration)
register_view("quality:declaration_create", "create", Declaration, "create")
register_view("quality:declaration_detail", "detail", Declaration)
register_view("quality:declaration_receipt", "detail", Declaration)
for _step in ("accept", "refuse", "withdraw"):
    register_view(f"quality:declaration_{_step}", "action", Declaration, "approve")
register_view("quality:body_list", "list", ConformityBody)
register_view("quality:body_create", "create", ConformityBody, "create")
register_view("quality:body_detail", "detail", ConformityBody)
register_view("quality:body_edit", "update", ConformityBody, "change")
register_view("quality:body_suspend", "action", ConformityBody, "change")
register_view("quality:warning_list", "list", QualityWarning)
register_view("quality:warning_create", "create", QualityWarning, "create")
register_view("quality:warning_detail", "detail", QualityWarning)
register_view("quality:warning_edit", "update", QualityWarning, "change")
register_view("quality:warning_publish", "action", QualityWarning, "approve")

# --- Quality surveys and testing ------------------------------------------------------------
urlpatterns += [
    path("surveys/", surveys.SurveyPlanListView.as_view(), name="survey_list"),
    path("surveys/new/", surveys.SurveyPlanEditView.as_view(), name="survey_create"),
    path("surveys/<int:pk>/", surveys.SurveyPlanDetailView.as_view(), name="survey_detail"),
    path("surveys/<int:pk>/approve/", surveys.survey_approve, name="survey_approve"),
    path("samples/", surveys.SampleListView.as_view(), name="sample_list"),
    path("samples/new/", surveys.SampleEditView.as_view(), name="sample_create"),
    path("samples/<int:pk>/", surveys.SampleDetailView.as_view(), name="sample_detail"),
    path("samples/<int:pk>/seal/", surveys.sample_seal, name="sample_seal"),
    path("samples/<int:pk>/hand-over/", surveys.sample_hand_over, name="sample_hand_over"),
    path("samples/<int:pk>/results/", surveys.sample_results, name="sample_results"),
    path("samples/<int:pk>/warning/", surveys.sample_warning, name="sample_warning"),
    *(
        path(
            f"samples/<int:pk>/{record}.pdf",
            surveys.sample_record,
            {"record": record},
            name=f"sample_{record}_pdf",
        )
        for record in ("sampling", "seal", "handover")
    ),
]
register_view("quality:survey_list", "list", SurveyPlan)
register_view("quality:survey_create", "create", SurveyPlan, "create")
register_view("quality:survey_detail", "detail", SurveyPlan)
register_view("quality:survey_approve", "action", SurveyPlan, "approve")
register_view("quality:sample_list", "list", Sample)
register_view("quality:sample_create", "create", Sample, "create")
register_view("quality:sample_detail", "detail", Sample)
for _step in ("seal", "hand_over", "results", "warning"):
    register_view(f"quality:sample_{_step}", "action", Sample, "change")
for _record in ("sampling", "seal", "handover"):
    register_view(f"quality:sample_{_record}_pdf", "detail", Sample)

# --- Register of businesses under management --------------------------------------------------
urlpatterns += [
    path("businesses/", register.BusinessListView.as_view(), name="business_list"),
    path("businesses/<int:pk>/", register.business_detail, name="business_detail"),
    path("commitments/new/", register.CommitmentEditView.as_view(), name="commitment_create"),
    path(
        "commitments/<int:pk>/", register.CommitmentDetailView.as_view(), name="commitment_detail"
    ),
]
register_view("quality:business_list", "page", None)  # every role: its own scope
register_view("quality:business_detail", "detail", "registry.Organisation")
register_view("quality:commitment_create", "create", ComplianceCommitment, "create")
register_view("quality:commitment_detail", "detail", ComplianceCommitment)

# --- Import inspection ------------------------------------------------------------------------
from tdc.quality.models import ImportNotice, ImportRegistration  # noqa: E402
from tdc.quality.views import imports  # noqa: E402

urlpatterns += [
    path("imports/", imports.ImportListView.as_view(), name="import_list"),
    path("imports/new/", imports.ImportEditView.as_view(), name="import_create"),
    path("imports/statistics/", imports.import_stats, name="import_stats"),
    path("imports/<int:pk>/", imports.ImportDetailView.as_view(), name="import_detail"),
    path("imports/notices/<int:pk>.pdf", imports.import_notice_pdf, name="import_notice_pdf"),
    *(
        path(
            f"imports/<int:pk>/{step}/", imports.import_step, {"step": step}, name=f"import_{step}"
        )
        for step in imports.STEP_PERMISSIONS
    ),
]
register_view("quality:import_list", "list", ImportRegistration)
register_view("quality:import_create", "create", ImportRegistration, "create")
register_view("quality:import_stats", "page", None)  # counts within the user's scope
register_view("quality:import_detail", "detail", ImportRegistration)
register_view("quality:import_notice_pdf", "detail", ImportNotice)
for _step, _permission in imports.STEP_PERMISSIONS.items():
    register_view(f"quality:import_{_step}", "action", ImportRegistration, _permission)
