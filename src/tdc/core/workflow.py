"""Declarative workflows: the states of a record, the steps between them, who may take each
step, the time limits a step starts, and the audit event it writes.

A **workflow** describes the life of one kind of record once (a quantity-mark declaration, a
quantity-mark certificate, later an online public-service dossier):

* **States** (:class:`State`) are the values of the record's status field (a ``TextChoices``,
  which also gives their labels). A state names the **deadlines that run** while the record is
  in it, whether the authority's processing **clock is paused** in it (the file waits for the
  applicant), and whether it is **final** (no step leads out of it).
* **Transitions** (:class:`Transition`) are named steps (``accept``) from one or more states to
  one state. Each says **who may** take it: a permission action of the model's
  :class:`~tdc.core.scoping.ScopeSpec` (checked with :func:`~tdc.core.scoping.user_may`), a set
  of roles, or both; ``automatic`` steps are taken by the system itself (``by=None``, e.g. the
  daily run that expires certificates). A transition with a ``label`` is offered to users on
  screens and in the API; one without is only a consequence of another step (a declaration is
  superseded when its re-declaration is stamped).
* **Deadlines** (:class:`Deadline`) are date fields of the record holding the last day of a time
  limit. A transition names the deadlines it ``starts``; each is counted from the day of the step
  over a :class:`Period` of working days (the working-day calendar of
  :mod:`tdc.core.calendar`), calendar days or months, either fixed or looked up by key in
  versioned reference data through the workflow's ``periods`` resolver, which also returns the
  label of the row used. The labels are kept in the record's ``versions_field``.
* The **audit event** of every step is ``status_changed`` (or the transition's
  ``audit_action``) with the before/after snapshots and ``{"transition": <what happened>}``.

Services keep the business rules: they check their own inputs (a reason given, a date in range),
then call :meth:`Workflow.apply`, which, in the caller's transaction (:meth:`Workflow.move` is
the same step in memory only),

1. refuses an actor who may not take the step (``PermissionDenied``);
2. refuses a step the record's state does not allow, with a translated ``ValidationError``
   (code ``invalid_transition``) naming the states the step needs and the record's state;
3. sets the fields the service passes, pauses or resumes the clock, starts the step's
   deadlines, moves the status, increments ``version`` and sets ``modified_by`` (audited
   models), runs ``full_clean()``, saves and writes the audit event.

Screens and the API ask :meth:`Workflow.actions_for` which steps to offer a user now, so the
buttons, the API's list of actions and the services' refusals come from the same declaration.

**Pausing the clock.** A workflow may name ``clock_fields`` (the authority's processing
deadlines, e.g. a dossier's ``due_on``) and a ``paused_field``. Entering a paused state records
the day in ``paused_field``; leaving it for a running state pushes every clock field back by the
working days spent paused (:func:`~tdc.core.calendar.working_days_between`: the day of the pause
still counts as worked, the day of resumption does not). A step that restarts the time limit
instead (the limit counts again from a completed file) lists the field in ``starts``; the restart
wins over the shift.

**Building the dossier engine on it** (online public services: received → assigned → in
progress → supplement requested, clock paused → resubmitted → approved or refused → result
issued → returned, or withdrawn)::

    S = DossierStatus
    DOSSIER = Workflow(
        S,
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
            Transition("assign", [S.RECEIVED], S.ASSIGNED, "assigned",
                       roles={Role.PROVINCIAL_LEADER}, label=_("Assign")),
            Transition("start", [S.ASSIGNED], S.IN_PROGRESS, "taken up",
                       permission=Action.CHANGE, label=_("Start processing")),
            Transition("request_supplement", [S.IN_PROGRESS], S.SUPPLEMENT_REQUESTED,
                       "supplement requested", permission=Action.CHANGE,
                       starts=["supplement_due"], label=_("Request a supplement")),
            Transition("resubmit", [S.SUPPLEMENT_REQUESTED], S.RESUBMITTED, "resubmitted",
                       roles={Role.BUSINESS_USER}, label=_("Resubmit")),
            ...
            Transition("withdraw", [S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS,
                       S.SUPPLEMENT_REQUESTED, S.RESUBMITTED], S.WITHDRAWN, "withdrawn",
                       roles={Role.BUSINESS_USER}, label=_("Withdraw")),
        ],
        periods=procedure_period,  # the time limits of each procedure, versioned data
        versions_field="deadline_versions",
        clock_fields=["due_on"],
        paused_field="paused_on",
    )

and each dossier service is a few lines: check its inputs, then
``DOSSIER.apply(dossier, "resubmit", by=user, on=day, resubmitted_on=day)``.
:meth:`Workflow.due_dates` gives the deadlines of the receiving step before the first save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.calendar import add_months, add_working_days, working_days_between
from tdc.core.models import AuditAction, AuditedModel
from tdc.core.scoping import user_may

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Units a :class:`Period` counts in (the values of ``prepackages.DeadlineUnit`` and the like).
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
MONTHS = "months"
PERIOD_UNITS = frozenset({WORKING_DAYS, CALENDAR_DAYS, MONTHS})


@dataclass(frozen=True)
class Period:
    """A time limit: ``amount`` working days, calendar days or months.

    Working days follow the working-day calendar; ``count_from_start_day`` makes the day of the
    step day one when it is a working day (otherwise day one is the next working day).
    """

    amount: int
    unit: str = WORKING_DAYS
    count_from_start_day: bool = False

    def __post_init__(self) -> None:
        if self.unit not in PERIOD_UNITS:
            raise ValueError(
                f"Unknown period unit {self.unit!r}: use one of {sorted(PERIOD_UNITS)}"
            )
        if self.amount < 0:
            raise ValueError("A period cannot be negative.")

    def end(self, start: dt.date) -> dt.date:
        """The last day of the limit counted from ``start``."""
        if self.unit == WORKING_DAYS:
            return add_working_days(
                start, self.amount, count_from_receipt_day=self.count_from_start_day
            )
        if self.unit == CALENDAR_DAYS:
            return start + dt.timedelta(days=self.amount)
        return add_months(start, self.amount)


class PeriodInForce(NamedTuple):
    """A period looked up in reference data, and the label of the row it comes from."""

    period: Period
    version: str


class Due(NamedTuple):
    """The last day of a time limit and the label of the reference row that set it ("" when
    the period is fixed in code)."""

    day: dt.date
    version: str


#: Looks up the period of a key (a procedure step) in force on a day.
PeriodSource = Callable[[str, dt.date], PeriodInForce]


@dataclass(frozen=True)
class Deadline:
    """A date field of the record holding the last day of a time limit.

    ``period`` is a fixed :class:`Period` or the key the workflow's ``periods`` resolver looks
    up. A ``validity`` ends the day before the same date one period later (a certificate issued
    on 16/03/2026 for 60 months is valid until 15/03/2031).
    """

    field: str
    period: Period | str
    validity: bool = False


@dataclass(frozen=True, init=False)
class State:
    """One status value: the deadlines running while the record is in it, whether the
    processing clock is paused in it, and whether it is final (no step leads out of it)."""

    value: str
    deadlines: tuple[str, ...]
    paused: bool
    final: bool

    def __init__(
        self,
        value: str,
        *,
        deadlines: Iterable[str] = (),
        paused: bool = False,
        final: bool = False,
    ) -> None:
        object.__setattr__(self, "value", str(value))
        object.__setattr__(self, "deadlines", tuple(deadlines))
        object.__setattr__(self, "paused", paused)
        object.__setattr__(self, "final", final)


@dataclass(frozen=True, init=False)
class Transition:
    """A named step from any of ``sources`` to ``target``.

    ``audit`` says what happened, in the audit event's details (``{"transition": audit}``).
    Who may take it: users allowed ``permission`` on the model (``user_may``) and, when
    ``roles`` is given, having one of those roles; the system itself (``by=None``) only when
    ``automatic``. ``starts`` names the deadlines counted from the day of the step. A ``label``
    offers the step to users; without one it is only ever taken by a service, as the consequence
    of another step or on a schedule.
    """

    action: str
    sources: tuple[str, ...]
    target: str
    audit: str
    permission: str | None
    roles: frozenset[str] | None
    automatic: bool
    starts: tuple[str, ...]
    label: Promise | str | None
    audit_action: str

    def __init__(
        self,
        action: str,
        sources: Iterable[str],
        target: str,
        audit: str,
        *,
        permission: str | None = None,
        roles: Iterable[str] | None = None,
        automatic: bool = False,
        starts: Iterable[str] = (),
        label: Promise | str | None = None,
        audit_action: str = AuditAction.STATUS_CHANGED,
    ) -> None:
        values: dict[str, Any] = {
            "action": action,
            # Kept in the order given: a refusal names the states in this order.
            "sources": tuple(str(s) for s in sources),
            "target": str(target),
            "audit": audit,
            "permission": permission,
            "roles": None if roles is None else frozenset(str(r) for r in roles),
            "automatic": automatic,
            "starts": tuple(starts),
            "label": label,
            "audit_action": audit_action,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
        if permission is None and roles is None and not automatic:
            raise ImproperlyConfigured(
                f"Transition {action!r} says nobody may take it: give a permission, roles, "
                "or automatic=True."
            )

    @property
    def offered(self) -> bool:
        """Whether screens and the API offer this step to users."""
        return self.label is not None


class Workflow:
    """The states, steps, deadlines and audit of one kind of record (see the module's
    documentation). Declared once per kind of record, at import time; checked then."""

    def __init__(
        self,
        status: type[models.TextChoices],
        *,
        states: Iterable[State],
        transitions: Iterable[Transition],
        deadlines: Iterable[Deadline] = (),
        periods: PeriodSource | None = None,
        status_field: str = "status",
        versions_field: str | None = None,
        clock_fields: Iterable[str] = (),
        paused_field: str | None = None,
    ) -> None:
        self.status = status
        self.status_field = status_field
        self.periods = periods
        self.versions_field = versions_field
        self.clock_fields = tuple(clock_fields)
        self.paused_field = paused_field
        self.states: Mapping[str, State] = {s.value: s for s in states}
        self.transitions: Mapping[str, Transition] = {t.action: t for t in transitions}
        self.deadlines: Mapping[str, Deadline] = {d.field: d for d in deadlines}
        problems = self._problems()
        if problems:
            raise ImproperlyConfigured(
                f"Workflow of {status.__name__}: " + "; ".join(problems) + "."
            )

    def _problems(self) -> list[str]:
        """What contradicts itself in the declaration."""
        values = set(self.status.values)
        states, deadlines = self.states, self.deadlines
        problems = [f"{v!r} is not a {self.status.__name__}" for v in states if v not in values]
        problems += [f"{v!r} has no State" for v in sorted(values - set(states))]
        for t in self.transitions.values():
            problems += [
                f"{t.action!r} names the unknown state {s!r}"
                for s in (*t.sources, t.target)
                if s not in states
            ]
            problems += [
                f"{t.action!r} leaves the final state {s!r}"
                for s in t.sources
                if s in states and states[s].final
            ]
            problems += [
                f"{t.action!r} starts the unknown deadline {name!r}"
                for name in t.starts
                if name not in deadlines
            ]
        for state in states.values():
            problems += [
                f"{state.value!r} names the unknown deadline {name!r}"
                for name in state.deadlines
                if name not in deadlines
            ]
        if self.periods is None:
            problems += [
                f"deadline {d.field!r} looks its period up, but the workflow has no periods"
                for d in deadlines.values()
                if isinstance(d.period, str)
            ]
        problems += [
            f"clock field {name!r} is not a deadline"
            for name in self.clock_fields
            if name not in deadlines
        ]
        if self.clock_fields and self.paused_field is None:
            problems.append("clock_fields need a paused_field")
        return problems

    # --- Reading the declaration -----------------------------------------------------------

    def transition(self, action: str) -> Transition:
        """The transition named ``action``; a programming error if there is none."""
        try:
            return self.transitions[action]
        except KeyError:
            raise ValueError(f"{self.status.__name__} has no transition {action!r}") from None

    def edges(self) -> frozenset[tuple[str, str, str]]:
        """Every (source, action, target) the workflow allows."""
        return frozenset(
            (source, t.action, t.target) for t in self.transitions.values() for source in t.sources
        )

    def label(self, state: str) -> str:
        """The state as users read it."""
        return str(self.status(state).label) if state in self.status.values else state

    # --- Rules --------------------------------------------------------------------------------

    def advance(self, state: str, action: str) -> str:
        """The state ``action`` leads to from ``state``; a ``ValidationError`` naming the states
        the step needs when ``state`` is not one of them."""
        t = self.transition(action)
        if state not in t.sources:
            raise ValidationError(
                _(
                    "This step needs a record that is “{allowed}”, and this one is “{status}”. "
                    "Reload it to see its current state."
                ).format(
                    allowed="”, “".join(self.label(s) for s in t.sources),
                    status=self.label(state),
                ),
                code="invalid_transition",
            )
        return t.target

    def may(self, user: User | None, model: type[models.Model], action: str) -> bool:
        """Whether ``user`` (``None``: the system) may take the step at all, whatever the
        record's state."""
        t = self.transition(action)
        if user is None:
            return t.automatic
        if t.permission is None and t.roles is None:
            return False  # the system's own step
        if t.permission is not None and not user_may(user, model, t.permission):
            return False
        return t.roles is None or getattr(user, "role", None) in t.roles

    def actions_for(self, obj: models.Model, user: User | None) -> list[Transition]:
        """The steps to offer ``user`` on ``obj`` now, in the order declared."""
        state = getattr(obj, self.status_field)
        return [
            t
            for t in self.transitions.values()
            if t.offered and state in t.sources and self.may(user, type(obj), t.action)
        ]

    def due_dates(self, fields: Iterable[str], start: dt.date) -> dict[str, Due]:
        """The last day of each deadline in ``fields`` counted from ``start``."""
        out: dict[str, Due] = {}
        for name in fields:
            deadline = self.deadlines[name]
            if isinstance(deadline.period, Period):
                period, version = deadline.period, ""
            elif self.periods is not None:  # always, checked when the workflow was declared
                period, version = self.periods(deadline.period, start)
            else:
                raise ImproperlyConfigured(f"No periods to look {deadline.period!r} up in.")
            day = period.end(start)
            if deadline.validity:
                day -= dt.timedelta(days=1)
            out[name] = Due(day, version)
        return out

    def open_deadlines(self, obj: models.Model) -> dict[str, dt.date]:
        """The deadlines running on ``obj`` in its state (set ones only)."""
        state = self.states[getattr(obj, self.status_field)]
        days = {name: getattr(obj, name) for name in state.deadlines}
        return {name: day for name, day in days.items() if day is not None}

    def overdue(self, obj: models.Model, today: dt.date) -> list[str]:
        """The running deadlines of ``obj`` whose last day is before ``today``."""
        return [name for name, day in self.open_deadlines(obj).items() if day < today]

    # --- The step ---------------------------------------------------------------------------

    def apply[M: models.Model](
        self,
        obj: M,
        action: str,
        *,
        by: User | None,
        on: dt.date | None = None,
        details: Mapping[str, Any] | None = None,
        **changes: Any,
    ) -> M:
        """Take the step ``action`` on ``obj`` (locked by the caller) on the day ``on`` (today
        by default), setting ``changes``: :meth:`move`, then a new version by ``by``, validated,
        saved and audited."""
        before = snapshot(obj)
        t = self.move(obj, action, by=by, on=on, **changes)
        if isinstance(obj, AuditedModel):
            obj.version += 1
            obj.modified_by = by
        obj.full_clean()
        obj.save()
        audit_record(
            actor=by,
            obj=obj,
            action=t.audit_action,
            before=before,
            details={"transition": t.audit, **(details or {})},
        )
        return obj

    def move(
        self,
        obj: models.Model,
        action: str,
        *,
        by: User | None,
        on: dt.date | None = None,
        **changes: Any,
    ) -> Transition:
        """The step in memory, nothing saved: refuse an actor who may not take it
        (``PermissionDenied``) or a state it does not start from (``ValidationError``); set
        ``changes``, pause or resume the clock, start the step's deadlines from ``on`` and move
        the status."""
        t = self.transition(action)
        if not self.may(by, type(obj), action):
            raise PermissionDenied
        current = getattr(obj, self.status_field)
        target = self.advance(current, action)
        day = on or timezone.localdate()
        for name, value in changes.items():
            setattr(obj, name, value)
        self._move_clock(obj, self.states[current], self.states[target], day)
        started = self.due_dates(t.starts, day)
        for name, due in started.items():
            setattr(obj, name, due.day)
        if self.versions_field and started:
            used = {due.version for due in started.values() if due.version}
            setattr(obj, self.versions_field, sorted({*getattr(obj, self.versions_field), *used}))
        setattr(obj, self.status_field, target)
        return t

    def _move_clock(self, obj: models.Model, source: State, target: State, day: dt.date) -> None:
        """Pause the processing clock on entering a paused state; on leaving it, push the
        clock's deadlines back by the working days spent paused."""
        if self.paused_field is None or source.paused == target.paused:
            return
        if target.paused:
            setattr(obj, self.paused_field, day)
            return
        since = getattr(obj, self.paused_field)
        if since is not None:
            lost = max(0, working_days_between(since, day))
            for name in self.clock_fields:
                due = getattr(obj, name)
                if due is not None:
                    setattr(obj, name, add_working_days(due, lost))
        setattr(obj, self.paused_field, None)
