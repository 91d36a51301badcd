"""Core pages: dashboard, audit trail, background-job progress, health checks."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from tdc.core.auth import authenticated_user
from tdc.core.filters import AuditEventFilterSet
from tdc.core.models import AuditEvent, JobProgress
from tdc.core.modules import dashboard_cards, resolve, search_providers
from tdc.core.roles import Action
from tdc.core.scoping import get_for_user_or_404, user_may
from tdc.core.tables import AuditEventTable
from tdc.core.views.generic import ScopedListView


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for the load balancer (no database)."""
    return HttpResponse("ok", content_type="text/plain")


def hello(request: HttpRequest) -> HttpResponse:
    """A no-database JSON endpoint: the framework's floor, measured next to real endpoints."""
    return JsonResponse({"hello": "world"})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in user's dashboard: the cards the modules declare, then recent changes."""
    user = authenticated_user(request)
    recent: list[AuditEvent] = []
    if user_may(user, AuditEvent, Action.VIEW):
        recent = list(
            AuditEvent.objects.for_user(user, Action.VIEW)
            .select_related("content_type")
            .order_by("-occurred_at", "-id")[:8]
        )
    context: dict[str, Any] = {
        "cards": dashboard_cards_for(user),
        "recent_events": recent,
        "jobs": JobProgress.objects.filter(owner=user).order_by("-created_at")[:5],
    }
    return render(request, "core/dashboard.html", context)


def dashboard_cards_for(user: Any) -> list[dict[str, Any]]:
    """The modules' dashboard cards the user may see, each with its own context."""
    cards = []
    for card in dashboard_cards():
        if card.model is not None and not user_may(user, apps.get_model(card.model), card.action):
            continue
        extra = resolve(card.context)(user) if card.context else {}
        cards.append({"template": card.template, "context": extra})
    return cards


class AuditEventListView(ScopedListView):
    model = AuditEvent
    table_class = AuditEventTable
    filterset_class = AuditEventFilterSet
    title = ""
    export_name = "audit-events"

    def base_queryset(self) -> Any:
        return AuditEvent.objects.select_related("content_type")


@login_required
def auditevent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_for_user_or_404(
        AuditEvent.objects.select_related("content_type", "actor"), request.user, Action.VIEW, pk=pk
    )
    return render(request, "core/auditevent_detail.html", {"object": event})


@login_required
@never_cache
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    """A background job's progress; the progress bar refreshes itself until the job ends."""
    try:
        job = get_object_or_404(JobProgress, pk=pk, owner=request.user)
    except Exception as exc:  # malformed UUIDs are simply "not found"
        raise Http404 from exc
    htmx = getattr(request, "htmx", None)
    template = "core/partials/job_progress.html" if htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


#: Results per kind of record on the search page.
SEARCH_LIMIT = 10


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One search box over every module's records (``Module.search_providers``), each kind
    of record scoped to what the user may see."""
    user = authenticated_user(request)
    query = request.GET.get("q", "").strip()[:200]
    sections = []
    if query:
        for provider in search_providers():
            if provider.model is not None and not user_may(
                user, apps.get_model(provider.model), Action.VIEW
            ):
                continue
            hits = resolve(provider.function)(user=user, query=query, limit=SEARCH_LIMIT)
            sections.append({"label": provider.label, "results": hits})
    return render(
        request,
        "core/search.html",
        {"query": query, "sections": sections, "limit": SEARCH_LIMIT},
    )
