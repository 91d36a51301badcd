"""The conformity declaration as a workflow (``tdc.core.workflow``): received and checked within
the working days of the ``TimeLimit`` row in force, then the receipt notice is issued or the
file refused; an accepted declaration may be withdrawn."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from tdc.core.refdata import version_label
from tdc.core.roles import Action
from tdc.core.workflow import Deadline, Period, PeriodInForce, State, Transition, Workflow
from tdc.quality.choices import DeclarationStatus
from tdc.quality.models import TimeLimit

D = DeclarationStatus


def time_limit(step: str, start: dt.date) -> PeriodInForce:
    """The working days of ``step`` in force on ``start``, and the label of its row."""
    row = TimeLimit.objects.in_force_on(start).filter(step=step).order_by("-effective_from").first()
    if row is None:
        raise LookupError(f"no time limit {step!r} in force on {start}: run `tdc load_reference`")
    return PeriodInForce(Period(row.working_days), version_label(row))


DECLARATION_WORKFLOW = Workflow(
    DeclarationStatus,
    states=[
        State(D.RECEIVED, deadlines=["check_due"]),
        State(D.ACCEPTED),
        State(D.REFUSED, final=True),
        State(D.WITHDRAWN, final=True),
    ],
    deadlines=[Deadline("check_due", "declaration_check")],
    transitions=[
        Transition(
            "accept",
            [D.RECEIVED],
            D.ACCEPTED,
            "receipt notice issued",
            permission=Action.APPROVE,
            label=_("Issue the receipt notice"),
        ),
        Transition(
            "refuse",
            [D.RECEIVED],
            D.REFUSED,
            "refused",
            permission=Action.APPROVE,
            label=_("Refuse the declaration"),
        ),
        Transition(
            "withdraw",
            [D.ACCEPTED],
            D.WITHDRAWN,
            "withdrawn",
            permission=Action.APPROVE,
            label=_("Withdraw the receipt notice"),
        ),
    ],
    periods=time_limit,
    versions_field="rule_versions",
)
