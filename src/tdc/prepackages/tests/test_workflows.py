"""The two quantity-mark registers as workflows: a refused step names the states it needs, who
may take each step, and no sequence of steps leaves the declared transitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from tdc.core.models import AuditAction, AuditEvent
from tdc.core.workflow import Workflow
from tdc.prepackages import services
from tdc.prepackages.choices import CertificationStatus, DeclarationStatus
from tdc.prepackages.models import MarkCertification
from tdc.prepackages.tests.factories import MarkCertificationFactory, MarkDeclarationFactory
from tdc.prepackages.workflows import CERTIFICATION_WORKFLOW, DECLARATION_WORKFLOW
from tdc.testing.factories import PROVINCE_A, make_user

WORKFLOWS = [
    (DECLARATION_WORKFLOW, DeclarationStatus.RECEIVED),
    (CERTIFICATION_WORKFLOW, CertificationStatus.RECEIVED),
]


@pytest.mark.django_db
def test_it_names_the_states_a_refused_step_needs(org_a: Any) -> None:
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    cert = MarkCertificationFactory(applicant=org_a, issued_on=dt.date(2026, 3, 16))
    with pytest.raises(ValidationError) as info:
        services.certification_refuse(
            certification=cert, by=leader, reason="Hồ sơ giả", on=dt.date(2026, 4, 1)
        )
    assert info.value.code == "invalid_transition"
    assert info.value.messages == [
        "This step needs a record that is “File received, being checked”, “Incomplete: notice "
        "sent, waiting for the applicant”, “Complete: on-site assessment”, and this one is "
        "“Certified”. Reload it to see its current state."
    ]
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.CERTIFIED


@pytest.mark.django_db
def test_it_lets_only_a_signer_stamp_and_writes_the_step_in_the_trail(org_a: Any) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    declaration = MarkDeclarationFactory(declarant=org_a, by=officer)
    with pytest.raises(PermissionDenied):
        services.declaration_accept(
            declaration=declaration, by=officer, accepted_on=dt.date(2026, 3, 4)
        )
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    services.declaration_accept(declaration=declaration, by=leader, accepted_on=dt.date(2026, 3, 4))
    event = AuditEvent.objects.get(
        object_id=str(declaration.pk),
        content_type=ContentType.objects.get_for_model(declaration),
        action=AuditAction.STATUS_CHANGED,
    )
    assert event.details == {"transition": "stamped"}
    assert (event.before["status"], event.after["status"]) == ("received", "accepted")
    assert event.after["version"] == event.before["version"] + 1


@pytest.mark.django_db
def test_it_expires_certificates_as_the_system(org_a: Any) -> None:
    cert = MarkCertificationFactory(applicant=org_a, issued_on=dt.date(2021, 3, 16))
    services.certification_send_reminders(today=dt.date(2026, 3, 16))
    cert = MarkCertification.objects.get(pk=cert.pk)
    assert (cert.status, cert.closed_on) == (CertificationStatus.EXPIRED, dt.date(2026, 3, 16))
    assert not CERTIFICATION_WORKFLOW.may(make_user("system_admin"), MarkCertification, "expire")


@pytest.mark.parametrize(("workflow", "start"), WORKFLOWS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_no_sequence_of_steps_leaves_the_declared_transitions(
    workflow: Workflow, start: str, data: st.DataObject
) -> None:
    actions = st.sampled_from(sorted(workflow.transitions))
    state = start
    for action in data.draw(st.lists(actions, max_size=25)):
        try:
            after = workflow.advance(state, action)
        except ValidationError:
            continue
        assert (state, action, after) in workflow.edges()
        state = after
        assert state in workflow.states
