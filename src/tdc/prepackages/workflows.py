"""The two quantity-mark registers as workflows (``tdc.core.workflow``): their states, the steps
between them, who may take each step, the deadlines each starts (from the versioned
``ProcedureDeadline`` rows and the working-day calendar) and what each writes in the audit trail.

The services take the steps; the screens and the API offer the steps with a label to whoever may
take them now.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tdc.core.roles import Action
from tdc.core.workflow import Deadline, State, Transition, Workflow
from tdc.prepackages.choices import CertificationStatus, DeclarationStatus, ProcedureStep
from tdc.prepackages.deadlines import procedure_period

D = DeclarationStatus
C = CertificationStatus

#: Group 1 self-declarations (TT 21/2014 Arts 12–16): received, checked within 3 working days
#: (notice of an incomplete file), completed within 30 days, stamped within 5 working days.
DECLARATION_WORKFLOW = Workflow(
    DeclarationStatus,
    states=[
        State(D.RECEIVED, deadlines=["notice_due", "stamp_due"]),
        State(D.INCOMPLETE, deadlines=["completion_due"]),
        State(D.ACCEPTED),
        State(D.DROPPED, final=True),
        State(D.SUPERSEDED, final=True),
        State(D.CANCELLED, final=True),
    ],
    deadlines=[
        Deadline("notice_due", ProcedureStep.DECLARATION_INCOMPLETE_NOTICE),
        Deadline("stamp_due", ProcedureStep.DECLARATION_STAMP),
        Deadline("completion_due", ProcedureStep.DECLARATION_COMPLETION),
    ],
    transitions=[
        Transition(
            "incomplete",
            [D.RECEIVED],
            D.INCOMPLETE,
            "marked incomplete",
            permission=Action.CHANGE,
            starts=["completion_due"],
            label=_("Send the notice of an incomplete file"),
        ),
        Transition(
            "complete",
            [D.INCOMPLETE],
            D.RECEIVED,
            "completed",
            permission=Action.CHANGE,
            starts=["stamp_due"],
            label=_("Record the completed file"),
        ),
        Transition(
            "accept",
            [D.RECEIVED],
            D.ACCEPTED,
            "stamped",
            permission=Action.APPROVE,
            label=_("Sign and stamp the declaration"),
        ),
        Transition(
            "drop",
            [D.INCOMPLETE],
            D.DROPPED,
            "dropped",
            permission=Action.CHANGE,
            label=_("Drop the file (not completed in time)"),
        ),
        Transition(
            "cancel",
            [D.ACCEPTED],
            D.CANCELLED,
            "cancelled",
            permission=Action.APPROVE,
            label=_("Cancel the declaration"),
        ),
        # Not offered: part of stamping the re-declaration that replaces it.
        Transition(
            "supersede",
            [D.ACCEPTED],
            D.SUPERSEDED,
            "replaced by a re-declaration",
            permission=Action.APPROVE,
        ),
    ],
    periods=procedure_period,
    versions_field="deadline_versions",
)

#: Group 2 certification (TT 21/2014 Arts 17–24): file checked within 5 working days, completed
#: within 90 days, assessment team within 30 and certificate within 15 working days of the
#: complete file; valid 5 years; suspension, reinstatement, revocation; expiry by the daily run.
CERTIFICATION_WORKFLOW = Workflow(
    CertificationStatus,
    states=[
        State(C.RECEIVED, deadlines=["notice_due"]),
        State(C.INCOMPLETE, deadlines=["completion_due"]),
        State(C.ASSESSING, deadlines=["team_due", "issue_due"]),
        State(C.CERTIFIED, deadlines=["valid_until"]),
        State(C.SUSPENDED, deadlines=["valid_until"]),
        State(C.REVOKED, final=True),
        State(C.REFUSED, final=True),
        State(C.EXPIRED, final=True),
        State(C.DROPPED, final=True),
    ],
    deadlines=[
        Deadline("notice_due", ProcedureStep.CERTIFICATION_INCOMPLETE_NOTICE),
        Deadline("completion_due", ProcedureStep.CERTIFICATION_COMPLETION),
        Deadline("team_due", ProcedureStep.CERTIFICATION_TEAM),
        Deadline("issue_due", ProcedureStep.CERTIFICATION_ISSUE),
        Deadline("valid_until", ProcedureStep.CERTIFICATE_VALIDITY, validity=True),
    ],
    transitions=[
        Transition(
            "incomplete",
            [C.RECEIVED],
            C.INCOMPLETE,
            "marked incomplete",
            permission=Action.CHANGE,
            starts=["completion_due"],
            label=_("Send the notice of an incomplete file"),
        ),
        Transition(
            "accept_file",
            [C.RECEIVED, C.INCOMPLETE],
            C.ASSESSING,
            "accepted as complete",
            permission=Action.CHANGE,
            starts=["team_due", "issue_due"],
            label=_("Accept the file as complete"),
        ),
        Transition(
            "team",
            [C.ASSESSING],
            C.ASSESSING,
            "given its assessment team",
            permission=Action.CHANGE,
            label=_("Set up the assessment team"),
        ),
        Transition(
            "issue",
            [C.ASSESSING],
            C.CERTIFIED,
            "certified",
            permission=Action.APPROVE,
            starts=["valid_until"],
            label=_("Issue the certificate"),
        ),
        Transition(
            "refuse",
            [C.RECEIVED, C.INCOMPLETE, C.ASSESSING],
            C.REFUSED,
            "refused",
            permission=Action.APPROVE,
            label=_("Refuse certification"),
        ),
        Transition(
            "suspend",
            [C.CERTIFIED],
            C.SUSPENDED,
            "suspended",
            permission=Action.APPROVE,
            label=_("Suspend (at most 6 months)"),
        ),
        Transition(
            "reinstate",
            [C.SUSPENDED],
            C.CERTIFIED,
            "reinstated",
            permission=Action.APPROVE,
            label=_("Lift the suspension"),
        ),
        Transition(
            "revoke",
            [C.CERTIFIED, C.SUSPENDED],
            C.REVOKED,
            "revoked",
            permission=Action.APPROVE,
            label=_("Revoke the certificate"),
        ),
        # Not offered: the daily run expires certificates past their last day.
        Transition("expire", [C.CERTIFIED], C.EXPIRED, "expired", automatic=True),
    ],
    periods=procedure_period,
    versions_field="deadline_versions",
)
