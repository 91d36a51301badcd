"""``{% submission_token %}``: the one-time token of a create form (tdc.core.submissions)."""

from django import template
from django.utils.html import format_html

from tdc.core.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
