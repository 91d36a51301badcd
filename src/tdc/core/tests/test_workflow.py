"""The shared workflow helper: a declaration that contradicts itself is refused when declared;
a step the record's state does not allow is refused with the states it needs; who may take a
step; deadlines in working days, calendar days and months; the clock paused while a dossier
waits for its applicant; the audit event of every step; and, for any sequence of actions, no
state outside the declared transitions."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from hypothesis import given, settings
from hypothesis import strategies as st

from tdc.core.models import AuditAction, AuditEvent, JobProgress
from tdc.core.roles import Action, Role
from tdc.core.scoping import ScopeSpec
from tdc.core.workflow import (
    CALENDAR_DAYS,
    MONTHS,
    Deadline,
    Period,
    PeriodInForce,
    State,
    Transition,
    Workflow,
)
from tdc.testing.factories import make_user

D = dt.date


class DossierStatus(models.TextChoices):
    """The online public-service dossier of the public-services issue, as the helper's example."""

    RECEIVED = "received", "Received"
    ASSIGNED = "assigned", "Assigned"
    IN_PROGRESS = "in_progress", "In progress"
    SUPPLEMENT_REQUESTED = "supplement_requested", "Supplement requested"
    RESUBMITTED = "resubmitted", "Resubmitted"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    RESULT_ISSUED = "result_issued", "Result issued"
    RETURNED = "returned", "Returned"
    WITHDRAWN = "withdrawn", "Withdrawn"


S = DossierStatus
_IN_PROCESS = [S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS, S.SUPPLEMENT_REQUESTED, S.RESUBMITTED]


def _periods(key: str, start: dt.date) -> PeriodInForce:
    """The procedure's time limits, as reference data would give them."""
    table = {"processing": Period(10), "supplement": Period(30, CALENDAR_DAYS)}
    return PeriodInForce(table[key], f"test.procedure@{key}")


DOSSIER = Workflow(
    DossierStatus,
    states=[
        State(S.RECEIVED, deadlines=["due_on"]),
        State(S.ASSIGNED, deadlines=["due_on"]),
        State(S.IN_PROGRESS, deadlines=["due_on"]),
        State(S.SUPPLEMENT_REQUESTED, paused=True, deadlines=["supplement_due"]),
        State(S.RESUBMITTED, deadlines=["due_on"]),
        State(S.APPROVED, deadlines=["due_on"]),
        State(S.REFUSED, deadlines=["due_on"]),
        State(S.RESULT_ISSUED),
        State(S.RETURNED, final=True),
        State(S.WITHDRAWN, final=True),
    ],
    deadlines=[Deadline("due_on", "processing"), Deadline("supplement_due", "supplement")],
    transitions=[
        Transition(
            "assign",
            [S.RECEIVED],
            S.ASSIGNED,
            "assigned",
            roles={Role.PROVINCIAL_LEADER},
            label="A",
        ),
        Transition(
            "start", [S.ASSIGNED], S.IN_PROGRESS, "taken up", permission=Action.CHANGE, label="S"
        ),
        Transition(
            "request_supplement",
            [S.IN_PROGRESS],
            S.SUPPLEMENT_REQUESTED,
            "supplement requested",
            permission=Action.CHANGE,
            starts=["supplement_due"],
            label="R",
        ),
        Transition(
            "resubmit",
            [S.SUPPLEMENT_REQUESTED],
            S.RESUBMITTED,
            "resubmitted",
            roles={Role.BUSINESS_USER},
            label="B",
        ),
        Transition(
            "continue", [S.RESUBMITTED], S.IN_PROGRESS, "taken up again", permission=Action.CHANGE
        ),
        Transition(
            "approve",
            [S.IN_PROGRESS, S.RESUBMITTED],
            S.APPROVED,
            "approved",
            permission=Action.APPROVE,
            label="P",
        ),
        Transition(
            "refuse",
            [S.IN_PROGRESS, S.RESUBMITTED],
            S.REFUSED,
            "refused",
            permission=Action.APPROVE,
            label="F",
        ),
        Transition(
            "issue",
            [S.APPROVED, S.REFUSED],
            S.RESULT_ISSUED,
            "result issued",
            permission=Action.APPROVE,
        ),
        Transition("return", [S.RESULT_ISSUED], S.RETURNED, "returned", permission=Action.CHANGE),
        Transition("withdraw", _IN_PROCESS, S.WITHDRAWN, "withdrawn", roles={Role.BUSINESS_USER}),
    ],
    periods=_periods,
    versions_field="deadline_versions",
    clock_fields=["due_on"],
    paused_field="paused_on",
)


class Dossier(SimpleNamespace):
    """A dossier in memory (``Workflow.move`` saves nothing), scoped like a record."""

    scope = ScopeSpec(
        roles={
            Action.VIEW: set(Role.values),
            Action.CHANGE: {Role.PROVINCIAL_OFFICER, Role.PROVINCIAL_LEADER},
            Action.APPROVE: {Role.PROVINCIAL_LEADER},
        }
    )


def _dossier(status: str = S.RECEIVED, **fields: Any) -> Dossier:
    values: dict[str, Any] = {
        "status": status,
        "due_on": None,
        "supplement_due": None,
        "paused_on": None,
        "deadline_versions": [],
    }
    return Dossier(**{**values, **fields})


def _person(role: str) -> SimpleNamespace:
    return SimpleNamespace(is_authenticated=True, role=role)


OFFICER, LEADER, BUSINESS = (
    _person(Role.PROVINCIAL_OFFICER),
    _person(Role.PROVINCIAL_LEADER),
    _person(Role.BUSINESS_USER),
)


# --- The declaration ---------------------------------------------------------------------------


def _declare(**overrides: Any) -> Workflow:
    parts: dict[str, Any] = {
        "states": [State(s) for s in S],
        "transitions": [Transition("go", [S.RECEIVED], S.ASSIGNED, "went", automatic=True)],
    }
    return Workflow(DossierStatus, **{**parts, **overrides})


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"states": [State(s) for s in S if s != S.RETURNED]}, "'returned' has no State"),
        ({"states": [*(State(s) for s in S), State("lost")]}, "'lost' is not a DossierStatus"),
        (
            {"transitions": [Transition("go", ["nowhere"], S.ASSIGNED, "x", automatic=True)]},
            "'go' names the unknown state 'nowhere'",
        ),
        (
            {
                "states": [State(s, final=s == S.RECEIVED) for s in S],
            },
            "'go' leaves the final state 'received'",
        ),
        (
            {
                "transitions": [
                    Transition("go", [S.RECEIVED], S.ASSIGNED, "x", automatic=True, starts=["x"])
                ]
            },
            "'go' starts the unknown deadline 'x'",
        ),
        ({"deadlines": [Deadline("due_on", "processing")]}, "the workflow has no periods"),
        (
            {"deadlines": [Deadline("due_on", Period(5))], "clock_fields": ["due_on"]},
            "clock_fields need a paused_field",
        ),
    ],
)
def test_it_refuses_a_declaration_that_contradicts_itself(
    overrides: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=problem):
        _declare(**overrides)


def test_it_refuses_a_step_nobody_may_take() -> None:
    with pytest.raises(ImproperlyConfigured, match="nobody may take it"):
        Transition("go", [S.RECEIVED], S.ASSIGNED, "went")


def test_it_refuses_an_unknown_period_unit() -> None:
    with pytest.raises(ValueError, match="Unknown period unit"):
        Period(3, "weeks")


# --- States and who may ------------------------------------------------------------------------


def test_it_names_the_states_a_step_needs() -> None:
    with pytest.raises(ValidationError) as info:
        DOSSIER.advance(S.RECEIVED, "approve")
    assert info.value.code == "invalid_transition"
    assert info.value.messages == [
        "This step needs a record that is “In progress”, “Resubmitted”, and this one is "
        "“Received”. Reload it to see its current state."
    ]


def test_it_moves_along_a_declared_step_only() -> None:
    assert DOSSIER.advance(S.IN_PROGRESS, "approve") == S.APPROVED
    assert (S.RESUBMITTED, "approve", S.APPROVED) in DOSSIER.edges()
    with pytest.raises(ValueError, match="no transition 'fly'"):
        DOSSIER.advance(S.RECEIVED, "fly")


def test_it_lets_only_who_may_take_a_step() -> None:
    assert DOSSIER.may(OFFICER, Dossier, "start")  # permission through the ScopeSpec
    assert not DOSSIER.may(BUSINESS, Dossier, "start")
    assert not DOSSIER.may(_person(Role.NATIONAL_USER), Dossier, "start")  # reads only
    assert DOSSIER.may(LEADER, Dossier, "assign")  # roles
    assert not DOSSIER.may(OFFICER, Dossier, "assign")
    assert not DOSSIER.may(None, Dossier, "assign")  # the system only takes automatic steps
    with pytest.raises(PermissionDenied):
        DOSSIER.move(_dossier(), "assign", by=OFFICER)


def test_it_offers_the_labelled_steps_open_to_the_user_now() -> None:
    dossier = _dossier(S.IN_PROGRESS)
    assert [t.action for t in DOSSIER.actions_for(dossier, OFFICER)] == ["request_supplement"]
    assert [t.action for t in DOSSIER.actions_for(dossier, LEADER)] == [
        "request_supplement",
        "approve",
        "refuse",
    ]
    # "withdraw" is open to the applicant but has no label: a service takes it, no button.
    assert DOSSIER.actions_for(dossier, BUSINESS) == []


# --- Deadlines and the clock -------------------------------------------------------------------


def test_it_counts_calendar_days_and_months() -> None:
    assert Period(30, CALENDAR_DAYS).end(D(2026, 3, 4)) == D(2026, 4, 3)
    assert Period(60, MONTHS).end(D(2026, 3, 16)) == D(2031, 3, 16)
    assert Period(1, MONTHS).end(D(2026, 1, 31)) == D(2026, 2, 28)


@pytest.mark.django_db
def test_it_counts_working_days_by_the_calendar() -> None:
    # Friday 13/02/2026, the eve of the Tết 2026 break (16–20/02 off).
    assert Period(5).end(D(2026, 2, 13)) == D(2026, 2, 27)
    assert Period(5, count_from_start_day=True).end(D(2026, 2, 13)) == D(2026, 2, 26)


def test_it_ends_a_validity_the_day_before() -> None:
    workflow = _declare(
        deadlines=[Deadline("valid_until", Period(60, MONTHS), validity=True)],
        transitions=[
            Transition("go", [S.RECEIVED], S.ASSIGNED, "x", automatic=True, starts=["valid_until"])
        ],
    )
    assert workflow.due_dates(["valid_until"], D(2026, 3, 16))["valid_until"].day == D(2031, 3, 15)


@pytest.mark.django_db
def test_it_pauses_the_clock_while_the_applicant_supplements() -> None:
    received = D(2026, 3, 2)  # Monday; no holiday in March 2026
    due = DOSSIER.due_dates(["due_on"], received)["due_on"]
    assert due == (D(2026, 3, 16), "test.procedure@processing")  # 10 working days
    dossier = _dossier(S.IN_PROGRESS, due_on=due.day, deadline_versions=[due.version])

    DOSSIER.move(dossier, "request_supplement", by=OFFICER, on=D(2026, 3, 4))
    assert (dossier.status, dossier.paused_on) == (S.SUPPLEMENT_REQUESTED, D(2026, 3, 4))
    assert dossier.supplement_due == D(2026, 4, 3)  # 30 calendar days
    assert dossier.deadline_versions == [
        "test.procedure@processing",
        "test.procedure@supplement",
    ]
    assert DOSSIER.open_deadlines(dossier) == {"supplement_due": D(2026, 4, 3)}
    assert DOSSIER.overdue(dossier, D(2026, 4, 6)) == ["supplement_due"]

    # Back a week later (5 working days, 05–11/03): the processing limit moves by as much.
    DOSSIER.move(dossier, "resubmit", by=BUSINESS, on=D(2026, 3, 11))
    assert (dossier.status, dossier.paused_on) == (S.RESUBMITTED, None)
    assert dossier.due_on == D(2026, 3, 23)
    assert DOSSIER.open_deadlines(dossier) == {"due_on": D(2026, 3, 23)}


@pytest.mark.django_db
def test_it_restarts_a_limit_instead_when_the_step_says_so() -> None:
    restart = Workflow(
        DossierStatus,
        states=[State(s, paused=s == S.SUPPLEMENT_REQUESTED) for s in S],
        deadlines=[Deadline("due_on", Period(10))],
        transitions=[
            Transition("wait", [S.IN_PROGRESS], S.SUPPLEMENT_REQUESTED, "x", automatic=True),
            Transition(
                "resume",
                [S.SUPPLEMENT_REQUESTED],
                S.RESUBMITTED,
                "y",
                automatic=True,
                starts=["due_on"],
            ),
        ],
        clock_fields=["due_on"],
        paused_field="paused_on",
    )
    dossier = _dossier(S.IN_PROGRESS, due_on=D(2026, 3, 16))
    restart.move(dossier, "wait", by=None, on=D(2026, 3, 4))
    restart.move(dossier, "resume", by=None, on=D(2026, 3, 11))
    assert dossier.due_on == D(2026, 3, 25)  # 10 working days from the resubmission


# --- Saved and audited -------------------------------------------------------------------------

JOB = Workflow(
    JobProgress.Status,
    states=[
        State(JobProgress.Status.QUEUED),
        State(JobProgress.Status.RUNNING),
        State(JobProgress.Status.SUCCEEDED, final=True),
        State(JobProgress.Status.FAILED, final=True),
    ],
    transitions=[
        Transition(
            "run", [JobProgress.Status.QUEUED], JobProgress.Status.RUNNING, "ran", automatic=True
        ),
        Transition(
            "fail",
            [JobProgress.Status.QUEUED, JobProgress.Status.RUNNING],
            JobProgress.Status.FAILED,
            "failed",
            roles={Role.SYSTEM_ADMIN},
            audit_action=AuditAction.ARCHIVED,
        ),
    ],
)


@pytest.mark.django_db
def test_it_saves_the_step_with_its_audit_event() -> None:
    job = JobProgress.objects.create(kind="export", title="Xuất", owner=make_user("system_admin"))
    JOB.apply(job, "run", by=None, message="đang chạy")
    job.refresh_from_db()
    assert (job.status, job.message) == (JobProgress.Status.RUNNING, "đang chạy")
    event = AuditEvent.objects.get(object_id=str(job.pk))
    assert event.action == AuditAction.STATUS_CHANGED
    assert event.details == {"transition": "ran"}
    assert (event.before["status"], event.after["status"]) == ("queued", "running")

    admin = make_user("system_admin")
    JOB.apply(job, "fail", by=admin, details={"reason": "hết hạn"})
    event = AuditEvent.objects.filter(object_id=str(job.pk)).order_by("-id").first()
    assert event is not None and event.actor == admin
    assert (event.action, event.details) == (
        AuditAction.ARCHIVED,
        {"transition": "failed", "reason": "hết hạn"},
    )


@pytest.mark.django_db
def test_it_saves_and_audits_nothing_when_it_refuses() -> None:
    job = JobProgress.objects.create(kind="export", title="Xuất", owner=make_user("system_admin"))
    with pytest.raises(PermissionDenied):
        JOB.apply(job, "fail", by=make_user("provincial_officer", province_id="80"))
    JOB.apply(job, "run", by=None)
    with pytest.raises(ValidationError):
        JOB.apply(job, "run", by=None, message="lại")
    job.refresh_from_db()
    assert (job.status, job.message) == (JobProgress.Status.RUNNING, "")
    assert AuditEvent.objects.filter(object_id=str(job.pk)).count() == 1


# --- No sequence of actions leaves the declared transitions ------------------------------------

_PEOPLE = [None, OFFICER, LEADER, BUSINESS]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([*DOSSIER.transitions, "fly"]), st.sampled_from(_PEOPLE)),
        max_size=30,
    )
)
def test_no_sequence_of_steps_leaves_the_declared_transitions(
    steps: list[tuple[str, SimpleNamespace | None]],
) -> None:
    edges = DOSSIER.edges()
    state: str = S.RECEIVED
    for action, person in steps:
        try:
            if not DOSSIER.may(person, Dossier, action):  # type: ignore[arg-type]
                continue
            after = DOSSIER.advance(state, action)
        except (ValidationError, ValueError):
            continue  # refused: the state stays
        assert (state, action, after) in edges
        assert not DOSSIER.states[state].final
        state = after
        assert state in DOSSIER.states


_POOL = [S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS, S.APPROVED, S.REFUSED]


@st.composite
def _workflows(draw: st.DrawFn) -> Workflow:
    """Any workflow over the dossier's states: random steps between random states."""
    final = set(draw(st.lists(st.sampled_from(_POOL), max_size=2)))
    transitions = []
    for i in range(draw(st.integers(1, 8))):
        sources = draw(st.lists(st.sampled_from([s for s in _POOL if s not in final]), max_size=3))
        target = draw(st.sampled_from(_POOL))
        transitions.append(Transition(f"t{i}", sources, target, f"step {i}", automatic=True))
    states = [State(s, final=s in final) for s in S]
    return Workflow(DossierStatus, states=states, transitions=transitions)


@settings(max_examples=200, deadline=None)
@given(_workflows(), st.lists(st.integers(0, 9), max_size=30))
def test_no_sequence_of_steps_leaves_any_declared_workflow(
    workflow: Workflow, picks: list[int]
) -> None:
    actions = list(workflow.transitions)
    record = _dossier()
    for pick in picks:
        action = actions[pick % len(actions)]
        before = record.status
        try:
            workflow.move(record, action, by=None)
        except ValidationError:
            assert record.status == before  # a refused step changes nothing
            continue
        assert (before, action, record.status) in workflow.edges()
        assert not workflow.states[before].final
