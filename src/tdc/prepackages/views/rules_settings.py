"""The quantity-rules version each province applies: the list of versions with the province
settings, and setting a province's version (audited)."""

from __future__ import annotations

from typing import Any

from django.forms import Form

from tdc.core.auth import authenticated_user
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.prepackages import services
from tdc.prepackages.filters import ProvinceRulesSettingFilterSet
from tdc.prepackages.forms import RulesSettingForm
from tdc.prepackages.models import ProvinceRulesSetting
from tdc.prepackages.rules import all_versions
from tdc.prepackages.selectors import rules_setting_base, rules_version_default_id
from tdc.prepackages.tables import ProvinceRulesSettingTable


class RulesSettingListView(ScopedListView):
    model = ProvinceRulesSetting
    table_class = ProvinceRulesSettingTable
    filterset_class = ProvinceRulesSettingFilterSet
    create_url_name = "prepackages:rulessetting_create"
    export_name = "prepackage-rules-settings"
    template_name = "prepackages/rulessetting_list.html"

    def base_queryset(self) -> ScopedQuerySet[ProvinceRulesSetting]:
        return rules_setting_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["versions"] = list(all_versions().values())
        context["default_id"] = rules_version_default_id()
        return context


class RulesSettingDetailView(ScopedDetailView):
    model = ProvinceRulesSetting  # ScopedDetailView's model is a ClassVar
    edit_url_name = "prepackages:rulessetting_edit"
    detail_fields = ("province", "rules_version", "reason", "modified_at")

    def base_queryset(self) -> ScopedQuerySet[ProvinceRulesSetting]:
        return rules_setting_base()


class RulesSettingEditView(ScopedEditView):
    model = ProvinceRulesSetting
    form_class = RulesSettingForm

    def base_queryset(self) -> ScopedQuerySet[ProvinceRulesSetting]:
        return rules_setting_base()

    def perform_create(self, form: Form) -> ProvinceRulesSetting:
        data = form.cleaned_data
        return services.rules_setting_set(
            province=data["province"],
            rules_version=data["rules_version"],
            reason=data["reason"],
            by=authenticated_user(self.request),
        )

    def perform_update(self, form: Form, expected_version: int | None) -> ProvinceRulesSetting:
        assert isinstance(self.object, ProvinceRulesSetting)
        data = form.cleaned_data
        return services.rules_setting_set(
            province=self.object.province,
            rules_version=data["rules_version"],
            reason=data["reason"],
            by=authenticated_user(self.request),
        )
