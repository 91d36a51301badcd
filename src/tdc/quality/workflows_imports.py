"""The import-inspection registration as a workflow (``tdc.core.workflow``): states, who may
take each step, and the audit. Its deadlines are computed by ``rules/imports.py`` from the
reference rows in force on the registration date (the regime of the lot), not restarted here."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from tdc.core.refdata import version_label
from tdc.core.roles import Action
from tdc.core.workflow import Deadline, Period, PeriodInForce, State, Transition, Workflow
from tdc.quality.choices import ImportStatus
from tdc.quality.models import ImportPeriod

S = ImportStatus


def import_period(key: str, start: dt.date) -> PeriodInForce:
    """The working days of ``key`` in force on ``start`` (used for display only)."""
    row = (
        ImportPeriod.objects.in_force_on(start).filter(key=key).order_by("-effective_from").first()
    )
    if row is None:
        raise LookupError(f"no import period {key!r} in force on {start}: run `tdc load_reference`")
    return PeriodInForce(Period(row.amount), version_label(row))


IMPORT_WORKFLOW = Workflow(
    ImportStatus,
    states=[
        State(S.REGISTERED, deadlines=["confirm_due"]),
        State(S.INCOMPLETE, deadlines=["dossier_due"]),
        State(S.COMPLETE, deadlines=["result_due"]),
        State(S.LABEL_FIX, deadlines=["label_fix_due"]),
        State(S.PASSED, final=True),
        State(S.FAILED),
        State(S.REMEDIATION),
        State(S.NOT_COMPLETED, deadlines=["missed_notice_due"]),
        State(S.EXEMPT, final=True),
    ],
    deadlines=[
        Deadline("confirm_due", "import_confirm"),
        Deadline("dossier_due", "import_completion"),
        Deadline("result_due", "import_result"),
        Deadline("label_fix_due", "import_label_fix"),
        Deadline("missed_notice_due", "import_missed_notice"),
    ],
    transitions=[
        Transition(
            "confirm",
            [S.REGISTERED],
            S.COMPLETE,
            "registration confirmed, dossier complete",
            permission=Action.CHANGE,
            label=_("Confirm: dossier complete"),
        ),
        Transition(
            "confirm_incomplete",
            [S.REGISTERED],
            S.INCOMPLETE,
            "registration confirmed, dossier incomplete",
            permission=Action.CHANGE,
            label=_("Confirm: dossier incomplete"),
        ),
        Transition(
            "complete",
            [S.INCOMPLETE, S.LABEL_FIX, S.NOT_COMPLETED],
            S.COMPLETE,
            "dossier completed",
            permission=Action.CHANGE,
            label=_("Dossier completed"),
        ),
        Transition(
            "label_fix",
            [S.COMPLETE],
            S.LABEL_FIX,
            "label to be fixed",
            permission=Action.CHANGE,
            label=_("Ask for the label to be fixed"),
        ),
        Transition(
            "pass",
            [S.COMPLETE],
            S.PASSED,
            "meets the quality requirements",
            permission=Action.APPROVE,
            label=_("Issue the pass notice"),
        ),
        Transition(
            "fail",
            [S.COMPLETE, S.LABEL_FIX],
            S.FAILED,
            "does not meet the quality requirements",
            permission=Action.APPROVE,
            label=_("Issue the fail notice"),
        ),
        Transition(
            "miss",
            [S.INCOMPLETE],
            S.NOT_COMPLETED,
            "dossier not completed in time",
            permission=Action.APPROVE,
            label=_("Issue the missed-deadline notice"),
        ),
        Transition(
            "miss_auto",
            [S.INCOMPLETE],
            S.NOT_COMPLETED,
            "dossier not completed in time (daily run)",
            automatic=True,
        ),
        Transition(
            "remediate",
            [S.FAILED],
            S.REMEDIATION,
            "remediation under way",
            permission=Action.CHANGE,
            label=_("Record the remediation"),
        ),
        Transition(
            "reassess",
            [S.REMEDIATION],
            S.COMPLETE,
            "remedied lot submitted for assessment",
            permission=Action.CHANGE,
            label=_("Assess the remedied lot"),
        ),
        Transition(
            "exempt",
            [S.REGISTERED],
            S.EXEMPT,
            "exempt from inspection",
            permission=Action.APPROVE,
            label=_("Exempt from inspection"),
        ),
    ],
    periods=import_period,
    versions_field="rule_versions",
)
