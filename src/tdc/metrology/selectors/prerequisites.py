"""What the verification screen needs before a verification can be saved, for this user.

Checked when the screen opens, so that a verifier learns at once why the verifier list is empty
or why no instrument can be found, with the link that fixes it (or who to ask).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.prerequisites import Prerequisite, fix_link
from tdc.core.roles import Action
from tdc.metrology.choices import DesignationStatus, VerifierStatus
from tdc.metrology.models import Designation, Instrument, StampBatch, Verifier
from tdc.metrology.selectors.stamps import stamp_stock
from tdc.metrology.selectors.verifications import verification_organisations


def designations_in_force(organisations: Any, day: dt.date) -> Any:
    return Designation.objects.filter(
        organisation__in=organisations,
        status=DesignationStatus.ACTIVE,
        valid_from__lte=day,
        valid_to__gte=day,
    )


def verification_prerequisites(user: Any, day: dt.date) -> list[Prerequisite]:
    """The organisation, its designation, a certified verifier and sticker stock on ``day``."""
    mine = verification_organisations(user)
    if not mine.exists():
        return [
            Prerequisite(
                _("A verification organisation"),
                False,
                _(
                    "your account is not attached to a verification organisation, so there is "
                    "nothing to record verifications for; ask the system administrator to "
                    "attach it."
                ),
            )
        ]
    names = ", ".join(mine.values_list("name", flat=True)[:3])
    designated = designations_in_force(mine, day).exists()
    verifiers = Verifier.objects.filter(
        organisation__in=mine,
        status=VerifierStatus.ACTIVE,
        valid_from__lte=day,
        valid_to__gte=day,
    ).exists()
    stock = sum(
        line.remaining for line in stamp_stock(StampBatch.objects.filter(organisation__in=mine))
    )
    return [
        Prerequisite(
            _("A designation in force"),
            designated,
            _(
                "{org} holds no designation in force today, so no instrument can be chosen; the "
                "provincial authority records the designation decision."
            ).format(org=names),
            fix_link(user, Designation, Action.CREATE, "metrology:designation_create")
            or fix_link(user, Designation, Action.VIEW, "metrology:designation_list"),
            _("Designations"),
        ),
        Prerequisite(
            _("A verifier with a valid card"),
            verifiers,
            _(
                "{org} has no active verifier whose card is valid today, so the verifier list is "
                "empty; add the verifier with the card's dates and instrument types."
            ).format(org=names),
            fix_link(user, Verifier, Action.CREATE, "metrology:verifier_create")
            or fix_link(user, Verifier, Action.VIEW, "metrology:verifier_list"),
            _("Verifiers"),
        ),
        Prerequisite(
            _("Stickers in stock"),
            stock > 0,
            _(
                "no sticker or stamp serial is left in {org}'s stock; a passing verification "
                "needs one, issued by the provincial authority."
            ).format(org=names),
            fix_link(user, StampBatch, Action.VIEW, "metrology:stamp_batch_list"),
            _("Sticker stock"),
            blocking=False,
        ),
    ]


def instrument_not_found(user: Any, type_code: str, serial: str) -> dict[str, str]:
    """Why the verification screen's serial search found nothing, and the fix: no designation
    in force, an instrument registered outside the designated provinces, or none registered."""
    mine = verification_organisations(user)
    today = timezone.localdate()
    if not designations_in_force(mine, today).exists():
        return {
            "not_found_reason": _(
                "Your organisation holds no designation in force, so no instrument can be "
                "chosen; the provincial authority records the designation decision."
            ),
            "not_found_fix_url": fix_link(
                user, Designation, Action.VIEW, "metrology:designation_list"
            ),
            "not_found_fix_label": _("Designations"),
        }
    elsewhere = Instrument.objects.filter(
        archived_at__isnull=True, serial_number__istartswith=serial.strip()
    ).filter(**({"type_code": type_code} if type_code else {}))
    if elsewhere.exists():
        return {
            "not_found_reason": _(
                "An instrument with this serial is registered in a province your organisation's "
                "designations do not cover; only an organisation designated there may verify it."
            ),
            "not_found_fix_url": "",
            "not_found_fix_label": "",
        }
    return {
        "not_found_reason": _(
            "No instrument with this serial is registered yet; it must be in the register "
            "before it is verified (the owner or the provincial authority registers it)."
        ),
        "not_found_fix_url": fix_link(
            user, Instrument, Action.CREATE, "metrology:instrument_create"
        ),
        "not_found_fix_label": _("Register the instrument"),
    }
