"""Forms of the attachment panel: upload a file, remove one with a reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.attachments.rules.sniffing import KINDS


def accept_attribute(kinds: list[str]) -> str:
    """The file picker's ``accept`` list for the allowed kinds."""
    return ",".join(ext for code in kinds if code in KINDS for ext in KINDS[code].extensions)


class AttachmentForm(forms.Form):
    """A file to attach to the record shown, with an optional description."""

    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args: object, accept: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if accept:
            self.fields["file"].widget.attrs["accept"] = accept


class AttachmentRemoveForm(forms.Form):
    """Why the attachment is removed (the file itself is kept)."""

    reason = forms.CharField(
        label=_("Reason for removal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The file is kept for the record; it disappears from the list."),
    )
