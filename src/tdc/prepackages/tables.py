from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    ProvinceRulesSetting,
    QuantityInspection,
)

_ATTRS = {"class": "table table-sm table-hover align-middle"}


class QuantityInspectionTable(tables.Table):
    product_name = tables.Column(verbose_name=_("Product"), linkify=True)
    inspected_on = tables.DateColumn(verbose_name=_("Date"), format="d/m/Y")
    minutes_number = tables.Column(verbose_name=_("Minutes no."))
    packer = tables.Column(verbose_name=_("Packer or importer"), order_by=("packer__name",))
    lot = tables.Column(verbose_name=_("Lot"), accessor="lot_code", orderable=False)
    nominal = tables.TemplateColumn(
        "{{ record.nominal_quantity.normalize }} {{ record.unit }}",
        verbose_name=_("Qn"),
        orderable=False,
    )
    status = tables.Column(verbose_name=_("Status"))
    decision = tables.Column(verbose_name=_("Decision"))

    class Meta:
        model = QuantityInspection
        fields = (
            "product_name",
            "inspected_on",
            "minutes_number",
            "packer",
            "lot",
            "nominal",
            "status",
            "decision",
        )
        attrs = _ATTRS
        order_by = ("-inspected_on",)


class MarkDeclarationTable(tables.Table):
    receipt_number = tables.Column(verbose_name=_("Receipt no."), linkify=True)
    declarant = tables.Column(verbose_name=_("Declarant"), order_by=("declarant__name",))
    received_on = tables.DateColumn(verbose_name=_("Received"), format="d/m/Y")
    stamp_due = tables.DateColumn(verbose_name=_("Stamp due"), format="d/m/Y")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = MarkDeclaration
        fields = ("receipt_number", "declarant", "received_on", "stamp_due", "status")
        attrs = _ATTRS
        order_by = ("-received_on",)


class MarkCertificationTable(tables.Table):
    reference = tables.Column(
        verbose_name=_("Certificate"), accessor="pk", linkify=True, orderable=False
    )
    applicant = tables.Column(verbose_name=_("Applicant"), order_by=("applicant__name",))
    received_on = tables.DateColumn(verbose_name=_("File received"), format="d/m/Y")
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="d/m/Y")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = MarkCertification
        fields = ("reference", "applicant", "received_on", "valid_until", "status")
        attrs = _ATTRS
        order_by = ("-received_on",)

    def render_reference(self, record: MarkCertification) -> str:
        return record.certificate_number or str(_("file no. {pk}")).format(pk=record.pk)


class ProvinceRulesSettingTable(tables.Table):
    province = tables.Column(
        verbose_name=_("Province"), linkify=lambda record: record.get_absolute_url()
    )
    rules_version = tables.Column(verbose_name=_("Rules version"))
    reason = tables.Column(verbose_name=_("Reason"))
    modified_at = tables.DateTimeColumn(verbose_name=_("Changed"), format="d/m/Y H:i")

    class Meta:
        model = ProvinceRulesSetting
        fields = ("province", "rules_version", "reason", "modified_at")
        attrs = _ATTRS
