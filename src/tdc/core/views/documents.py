"""Screens for administrators to edit official document templates, with a PDF preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django_tables2 as tables
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.backends.django import Template as DjangoTemplate
from django.template.loader import get_template
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tdc.core.auth import authenticated_user
from tdc.core.documents import render_pdf
from tdc.core.models import DocumentTemplate
from tdc.core.roles import Action
from tdc.core.scoping import get_for_user_or_404
from tdc.core.services import documents as services
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView


def default_template_codes() -> list[str]:
    """Document types that have a default template file."""
    codes: set[str] = set()
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(directory, "documents").glob("*.html"):
            if path.stem != "base":
                codes.add(path.stem)
    return sorted(codes)


def default_source(code: str) -> str:
    template = get_template(f"documents/{code}.html")
    if not isinstance(template, DjangoTemplate):
        raise TypeError(f"documents/{code}.html is not a Django template; it has no source file.")
    return Path(template.origin.name).read_text(encoding="utf-8")


class DocumentTemplateTable(tables.Table):
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    code = tables.Column(verbose_name=_("Code"))
    modified_at = tables.DateTimeColumn(verbose_name=_("Modified"), format="d/m/Y H:i")

    class Meta:
        model = DocumentTemplate
        fields = ("title", "code", "modified_at")
        attrs = {"class": "table table-sm table-hover align-middle"}


class DocumentTemplateForm(forms.ModelForm[DocumentTemplate]):
    class Meta:
        model = DocumentTemplate
        fields = ["code", "title", "html"]
        widgets = {"html": forms.Textarea(attrs={"rows": 24, "class": "font-monospace"})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.ChoiceField(
            label=_("Document"), choices=[(c, c) for c in default_template_codes()]
        )

    def validate_unique(self) -> None:
        pass


class DocumentTemplateListView(ScopedListView):
    model = DocumentTemplate
    table_class = DocumentTemplateTable
    filterset_class = None
    create_url_name = "core:documenttemplate_create"
    template_name = "core/documenttemplate_list.html"
    export_name = "document-templates"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        edited = set(DocumentTemplate.objects.values_list("code", flat=True))
        context["defaults"] = [(c, c in edited) for c in default_template_codes()]
        return context


class DocumentTemplateDetailView(ScopedDetailView):
    model = DocumentTemplate
    template_name = "core/documenttemplate_detail.html"
    edit_url_name = "core:documenttemplate_edit"
    detail_fields = ("code", "title", "modified_at", "version")


class DocumentTemplateEditView(ScopedEditView):
    model = DocumentTemplate
    form_class = DocumentTemplateForm

    def get_initial(self) -> dict[str, Any]:
        code = self.request.GET.get("code")
        if self.object is None and code in default_template_codes():
            return {"code": code, "title": code, "html": default_source(code)}
        return {}

    def perform_create(self, form: forms.Form) -> DocumentTemplate:
        return services.document_template_create(
            by=authenticated_user(self.request), **form.cleaned_data
        )

    def perform_update(self, form: forms.Form, expected_version: int | None) -> DocumentTemplate:
        assert isinstance(self.object, DocumentTemplate)
        return services.document_template_update(
            row=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def documenttemplate_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The edited template rendered to PDF with sample values, to check the layout."""
    row = get_for_user_or_404(DocumentTemplate.objects.all(), request.user, Action.VIEW, pk=pk)
    pdf = render_pdf(template_code=row.code, context={"preview": True})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{row.code}-preview.pdf"'
    return response


@login_required
@require_POST
def documenttemplate_reset(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_for_user_or_404(DocumentTemplate.objects.all(), request.user, Action.ARCHIVE, pk=pk)
    services.document_template_reset(row=row, by=authenticated_user(request))
    return redirect("core:documenttemplate_list")
