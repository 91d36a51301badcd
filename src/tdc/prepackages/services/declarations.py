"""Group 1 self-declarations of the quantity mark, as kept in the authority's receipt register:
received and numbered, checked within 3 working days, completed, stamped within 5 working days,
replaced by a re-declaration, dropped or cancelled. The steps are ``DECLARATION_WORKFLOW``'s."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.numbering import allocate_number
from tdc.prepackages.choices import REDECLARABLE, DeclarationStatus
from tdc.prepackages.models import MarkDeclaration
from tdc.prepackages.services.marks import (
    locked,
    mark_incomplete,
    register,
    require_completed_in_time,
    require_reason,
)
from tdc.prepackages.workflows import DECLARATION_WORKFLOW

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province
    from tdc.registry.models import Organisation

#: Number series of the receipts (seeded by migration 0002).
RECEIPT_SERIES = "prepackage-declaration"


@transaction.atomic
def declaration_receive(
    *,
    by: User,
    declarant: Organisation,
    province: Province,
    products: str,
    received_on: dt.date,
    supersedes: MarkDeclaration | None = None,
) -> MarkDeclaration:
    """Enter a declaration in the receipt register: the next receipt number, and the dates by
    which the file is checked (3 working days) and the stamped copy returned (5)."""
    if supersedes is not None and supersedes.status not in REDECLARABLE:
        raise ValidationError(
            {
                "supersedes": _(
                    "Only a stamped declaration can be re-declared; this one is “{status}”."
                ).format(status=supersedes.get_status_display())
            }
        )
    due = DECLARATION_WORKFLOW.due_dates(["notice_due", "stamp_due"], received_on)
    declaration = MarkDeclaration(
        declarant=declarant,
        province=province,
        products=products,
        received_on=received_on,
        supersedes=supersedes,
        notice_due=due["notice_due"].day,
        stamp_due=due["stamp_due"].day,
        deadline_versions=sorted({d.version for d in due.values()}),
    )
    declaration.full_clean(exclude=["receipt_number"])
    declaration.receipt_number = allocate_number(
        series=RECEIPT_SERIES, issuer=str(province.pk), on=received_on
    )
    return register(declaration, by=by)


@transaction.atomic
def declaration_mark_incomplete(
    *, declaration: MarkDeclaration, by: User, missing_items: str, notice_on: dt.date
) -> MarkDeclaration:
    """Send the notice of an incomplete file; the declarant then has 30 days to complete it."""
    return mark_incomplete(
        DECLARATION_WORKFLOW,
        declaration,
        by=by,
        missing_items=missing_items,
        notice_on=notice_on,
    )


@transaction.atomic
def declaration_complete(
    *, declaration: MarkDeclaration, by: User, completed_on: dt.date
) -> MarkDeclaration:
    """The declarant completed the file: the 5 working days to stamp run from that day."""
    obj = locked(declaration)
    require_completed_in_time(
        obj,
        completed_on,
        _(
            "The file was due to be completed by {day}; record it as dropped and ask for a new "
            "declaration."
        ),
    )
    return DECLARATION_WORKFLOW.apply(
        obj, "complete", by=by, on=completed_on, completed_on=completed_on
    )


@transaction.atomic
def declaration_accept(
    *, declaration: MarkDeclaration, by: User, accepted_on: dt.date
) -> MarkDeclaration:
    """Sign and stamp the declaration and return one copy; a re-declaration replaces the
    declaration it renews."""
    obj = DECLARATION_WORKFLOW.apply(
        locked(declaration), "accept", by=by, on=accepted_on, accepted_on=accepted_on
    )
    if obj.supersedes_id:
        old = MarkDeclaration.objects.select_for_update().get(pk=obj.supersedes_id)
        if old.status == DeclarationStatus.ACCEPTED:
            DECLARATION_WORKFLOW.apply(
                old,
                "supersede",
                by=by,
                on=accepted_on,
                closed_on=accepted_on,
                close_reason=_("Replaced by declaration {number}.").format(
                    number=obj.receipt_number
                ),
            )
    return obj


@transaction.atomic
def declaration_drop(*, declaration: MarkDeclaration, by: User, on: dt.date) -> MarkDeclaration:
    """Drop a file the declarant did not complete in time."""
    obj = locked(declaration)
    if obj.completion_due and on <= obj.completion_due:
        raise ValidationError(
            {
                "on": _(
                    "The declarant has until {day} to complete the file; wait until then."
                ).format(day=obj.completion_due.strftime("%d/%m/%Y"))
            }
        )
    return DECLARATION_WORKFLOW.apply(
        obj,
        "drop",
        by=by,
        on=on,
        closed_on=on,
        close_reason=_("Not completed by the deadline."),
    )


@transaction.atomic
def declaration_cancel(
    *, declaration: MarkDeclaration, by: User, reason: str, on: dt.date
) -> MarkDeclaration:
    """Cancel a stamped declaration (serious violation, the declarant's notice, dissolution)."""
    require_reason(reason)
    return DECLARATION_WORKFLOW.apply(
        locked(declaration), "cancel", by=by, on=on, closed_on=on, close_reason=reason
    )
