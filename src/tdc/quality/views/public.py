"""Public pages (no account): the lookup of valid declarations /tra-cuu/cong-bo/, the quality
warnings /tra-cuu/canh-bao/ and their Atom feed."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from tdc.core.api.permissions import PublicRateThrottle
from tdc.quality.forms import PublicLookupForm
from tdc.quality.models import QualityWarning
from tdc.quality.selectors import declaration_public_lookup, warning_public_list


def _throttled(request: HttpRequest) -> HttpResponse | None:
    throttle = PublicRateThrottle()
    if not throttle.allow_request(request, None):  # type: ignore[arg-type]
        response = HttpResponse("Quá nhiều yêu cầu; vui lòng thử lại sau.", status=429)
        response["Retry-After"] = str(int(throttle.wait() or 60))
        return response
    return None


def declaration_lookup(request: HttpRequest) -> HttpResponse:
    """Declarations whose receipt notice is valid today, by company, product or QCVN."""
    refused = _throttled(request)
    if refused:
        return refused
    form = PublicLookupForm(request.GET or None)
    rows = []
    if form.is_valid() and form.cleaned_data["q"]:
        rows = declaration_public_lookup(query=form.cleaned_data["q"], on=timezone.localdate())
    response = render(
        request,
        "quality/public/declaration_lookup.html",
        {"form": form, "rows": rows, "searched": bool(request.GET.get("q"))},
    )
    response["Cache-Control"] = "no-store"
    return response


def warning_page(request: HttpRequest) -> HttpResponse:
    """Published warnings, newest first."""
    refused = _throttled(request)
    if refused:
        return refused
    rows = list(warning_public_list(on=timezone.localdate())[:100])
    return render(request, "quality/public/warnings.html", {"rows": rows})


class WarningFeed(Feed):  # type: ignore[type-arg]
    """The published warnings as an Atom feed."""

    feed_type = Atom1Feed
    title = "Cảnh báo chất lượng sản phẩm, hàng hóa"
    subtitle = "Cảnh báo của cơ quan quản lý tiêu chuẩn đo lường chất lượng"

    def link(self) -> str:
        return reverse("quality_public:warnings")

    def items(self) -> list[QualityWarning]:
        return list(warning_public_list(on=timezone.localdate())[:50])

    def item_title(self, item: QualityWarning) -> str:
        return item.title

    def item_description(self, item: QualityWarning) -> str:
        parts = [item.product, item.brand, item.batch, item.description, item.measure]
        return " — ".join(p for p in parts if p)

    def item_link(self, item: QualityWarning) -> str:
        return f"{reverse('quality_public:warnings')}#canh-bao-{item.pk}"

    def item_pubdate(self, item: QualityWarning) -> object:
        import datetime as dt

        assert item.published_on is not None
        return dt.datetime.combine(item.published_on, dt.time(), tzinfo=dt.UTC)
