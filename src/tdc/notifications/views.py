"""Notification screens: the centre, preferences, and the template editor (administrators)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.core.auth import authenticated_user
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedEditView, ScopedListView
from tdc.notifications import services
from tdc.notifications.filters import NotificationTemplateFilterSet
from tdc.notifications.forms import NotificationTemplateForm, PreferenceForm
from tdc.notifications.models import NotificationTemplate
from tdc.notifications.selectors import (
    effective_channels,
    event_types,
    notification_get_for_user,
    notification_list,
    preferences_for,
    template_for_event,
)
from tdc.notifications.tables import NotificationTemplateTable


@login_required
def notification_list_view(request: HttpRequest) -> HttpResponse:
    """The user's notification centre; ``?unread=1`` shows only unread ones."""
    unread_only = request.GET.get("unread") == "1"
    notifications = notification_list(user=request.user, unread_only=unread_only)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    context = {"page": page, "unread_only": unread_only}
    return render(request, "notifications/notification_list.html", context)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; with ``open`` go on to its link."""
    notification = notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(notification=notification, by=authenticated_user(request))
    if request.POST.get("open") and notification.link.startswith("/"):
        return redirect(notification.link)
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        return render(request, "notifications/partials/notification_item.html", {"n": notification})
    return redirect("notifications:notification_list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(by=authenticated_user(request))
    return redirect("notifications:notification_list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """How the user hears about each event type: in the centre, by e-mail, at once or daily."""
    saved = preferences_for(user=request.user)
    rows = []
    for code, name in event_types():
        in_app, email, mode = effective_channels(template_for_event(code), saved.get(code))
        form = PreferenceForm(
            request.POST or None,
            prefix=code,
            initial={"in_app": in_app, "email": email, "email_mode": mode},
        )
        rows.append((code, name, form))
    if request.method == "POST" and all(form.is_valid() for _code, _name, form in rows):
        for code, _name, form in rows:
            services.preference_set(user=request.user, event_type=code, **form.cleaned_data)
        messages.success(request, _("Your notification preferences were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"rows": rows})


class NotificationTemplateListView(ScopedListView):
    model = NotificationTemplate
    table_class = NotificationTemplateTable
    filterset_class = NotificationTemplateFilterSet
    export_name = "notification-templates"

    def base_queryset(self) -> ScopedQuerySet[NotificationTemplate]:
        return NotificationTemplate.objects.all()


class NotificationTemplateEditView(ScopedEditView):
    model = NotificationTemplate
    form_class = NotificationTemplateForm
    template_name = "notifications/template_form.html"

    def base_queryset(self) -> ScopedQuerySet[NotificationTemplate]:
        return NotificationTemplate.objects.all()

    def perform_update(self, form: Form, expected_version: int | None) -> NotificationTemplate:
        assert isinstance(self.object, NotificationTemplate)
        return services.template_update(
            template=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["help_variables"] = True
        return context
