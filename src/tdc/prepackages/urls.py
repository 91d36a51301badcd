from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    ProvinceRulesSetting,
    QuantityInspection,
)
from tdc.prepackages.views import inspections, marks, rules_settings, trends

app_name = "prepackages"

urlpatterns = [
    path("", inspections.QuantityInspectionListView.as_view(), name="inspection_list"),
    path("new/", inspections.QuantityInspectionEditView.as_view(), name="inspection_create"),
    path("trends/", trends.inspection_trends_page, name="trends"),
    path("<int:pk>/", inspections.QuantityInspectionDetailView.as_view(), name="inspection_detail"),
    path(
        "<int:pk>/edit/", inspections.QuantityInspectionEditView.as_view(), name="inspection_edit"
    ),
    path("<int:pk>/measure/", inspections.inspection_measure, name="inspection_measure"),
    path("<int:pk>/minutes.pdf", inspections.inspection_minutes, name="inspection_minutes"),
    path("<int:pk>/cancel/", inspections.inspection_cancel, name="inspection_cancel"),
    path("rules/", rules_settings.RulesSettingListView.as_view(), name="rulessetting_list"),
    path("rules/new/", rules_settings.RulesSettingEditView.as_view(), name="rulessetting_create"),
    path(
        "rules/<int:pk>/",
        rules_settings.RulesSettingDetailView.as_view(),
        name="rulessetting_detail",
    ),
    path(
        "rules/<int:pk>/edit/",
        rules_settings.RulesSettingEditView.as_view(),
        name="rulessetting_edit",
    ),
    path("declarations/", marks.MarkDeclarationListView.as_view(), name="declaration_list"),
    path(
        "declarations/new/",
        marks.MarkDeclarationEditView.as_view(),
        name="declaration_create",
    ),
    path(
        "declarations/<int:pk>/",
        marks.MarkDeclarationDetailView.as_view(),
        name="declaration_detail",
    ),
    path(
        "declarations/<int:pk>/act/",
        marks.declaration_transition,
        name="declaration_transition",
    ),
    path(
        "declarations/<int:pk>/receipt.pdf",
        marks.declaration_receipt,
        name="declaration_receipt",
    ),
    path(
        "certifications/",
        marks.MarkCertificationListView.as_view(),
        name="certification_list",
    ),
    path(
        "certifications/new/",
        marks.MarkCertificationEditView.as_view(),
        name="certification_create",
    ),
    path(
        "certifications/<int:pk>/",
        marks.MarkCertificationDetailView.as_view(),
        name="certification_detail",
    ),
    path(
        "certifications/<int:pk>/act/",
        marks.certification_transition,
        name="certification_transition",
    ),
]

register_view("prepackages:inspection_list", "list", QuantityInspection)
register_view("prepackages:inspection_create", "create", QuantityInspection, "create")
register_view("prepackages:inspection_detail", "detail", QuantityInspection)
register_view("prepackages:inspection_edit", "update", QuantityInspection, "change")
register_view("prepackages:inspection_measure", "update", QuantityInspection, "change")
register_view("prepackages:inspection_minutes", "detail", QuantityInspection)
register_view("prepackages:inspection_cancel", "update", QuantityInspection, "change")
# Trends aggregate only the inspections in the user's scope; every role gets a page.
register_view("prepackages:trends", "page", None)
register_view("prepackages:rulessetting_list", "list", ProvinceRulesSetting)
register_view("prepackages:rulessetting_create", "create", ProvinceRulesSetting, "create")
register_view("prepackages:rulessetting_detail", "detail", ProvinceRulesSetting)
register_view("prepackages:rulessetting_edit", "update", ProvinceRulesSetting, "change")
register_view("prepackages:declaration_list", "list", MarkDeclaration)
register_view("prepackages:declaration_create", "create", MarkDeclaration, "create")
register_view("prepackages:declaration_detail", "detail", MarkDeclaration)
register_view("prepackages:declaration_transition", "update", MarkDeclaration, "change")
register_view("prepackages:declaration_receipt", "detail", MarkDeclaration)
register_view("prepackages:certification_list", "list", MarkCertification)
register_view("prepackages:certification_create", "create", MarkCertification, "create")
register_view("prepackages:certification_detail", "detail", MarkCertification)
register_view("prepackages:certification_transition", "update", MarkCertification, "change")
