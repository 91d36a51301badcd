"""Records of this app inside and outside a persona's jurisdiction, for the permission matrix
(declared as ``matrix_subjects`` in ``tdc.standards.module``): local regulations of a province;
national documents are every province's library."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("standards.Standard")
def _standard(where: Jurisdiction) -> models.Model:
    from tdc.standards.tests.factories import make_local_regulation

    return make_local_regulation(where.province_id)


@subject("standards.TbtNotification")
def _tbt(where: Jurisdiction) -> models.Model:
    from tdc.standards.tests.factories import make_tbt

    return make_tbt(where.province_id)


@subject("standards.ExporterInterest")
def _interest(where: Jurisdiction) -> models.Model:
    from tdc.standards.services import exporter_interest_save

    return exporter_interest_save(by=None, organisation=where.organisation, hs_codes=["8516"])  # type: ignore[arg-type]


@subject("standards.Enquiry")
def _enquiry(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.standards.services import enquiry_receive

    return enquiry_receive(
        by=None,  # type: ignore[arg-type]
        province=where.organisation.province,
        organisation=where.organisation,
        asker="Nguyễn Văn An",
        question="Thị trường Hoa Kỳ yêu cầu gì đối với nồi cơm điện?",
        received_on=dt.date(2026, 11, 2),
    )
