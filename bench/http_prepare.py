"""Prepares the database of the ``http`` benchmark; run by the runner in a child process.

``python -m bench.http_prepare --organisations 10000`` (with ``DATABASE_URL`` set to a
throw-away database): migrate, load the reference data, bulk-insert the organisations of one
province, create a provincial officer with an API token and a signed-in session, and print
them as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

PROVINCE = "80"  # Tây Ninh, the demo province
BENCH_USERNAME = "bench-officer"
NAME_PREFIX = "Bench "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=10_000)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command

    timings: dict[str, float] = {}
    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate_s"] = time.perf_counter() - began
    began = time.perf_counter()
    call_command("load_reference", verbosity=0, stdout=_Null())
    timings["load_reference_s"] = time.perf_counter() - began
    began = time.perf_counter()
    inserted = insert_organisations(args.organisations)
    timings["insert_s"] = time.perf_counter() - began
    credentials = create_officer()
    certificate = create_certificate()
    print(
        json.dumps(
            {"organisations": inserted, **timings, **credentials, "certificate": certificate}
        )
    )
    return 0


class _Null:
    def write(self, *_: object) -> None:
        pass

    def flush(self) -> None:
        pass


def insert_organisations(count: int) -> int:
    """Bulk-insert ``count`` organisations in the province (a throw-away database only)."""
    from django.db import transaction
    from stdnum.vn import mst

    from tdc.core.text import vn_fold
    from tdc.places.models import Commune
    from tdc.registry.choices import OrganisationKind
    from tdc.registry.models import Organisation

    existing = Organisation.objects.all()
    if existing.exclude(name__startswith=NAME_PREFIX).exists():
        raise SystemExit(
            "The database holds organisations that the benchmark did not create: the http "
            "benchmark needs a throw-away database (unset TDC_TEST_DATABASE_URL or point it at "
            "an empty one)."
        )
    existing.delete()
    communes = list(Commune.objects.filter(province_id=PROVINCE).values_list("code", flat=True))
    kinds = [k for k, _ in OrganisationKind.choices]
    rng = random.Random(2025)
    words = ["Thành Công", "Phước Lý", "Minh Phát", "Tân Hưng", "Hòa Bình", "An Phú", "Đức Huy"]
    rows = []
    for i in range(count):
        base = f"{300000000 + i * 7:09d}"
        tax_code = base + mst.calc_check_digit(base)
        name = f"{NAME_PREFIX}Công ty TNHH {rng.choice(words)} {i:05d}"
        address = f"{rng.randint(1, 999)} đường số {rng.randint(1, 40)}"
        rows.append(
            Organisation(
                kind=rng.choice(kinds),
                name=name,
                tax_code=tax_code,
                province_id=PROVINCE,
                commune_id=rng.choice(communes),
                address=address,
                search_text=vn_fold(f"{name} {tax_code} {address}"),
            )
        )
    with transaction.atomic():
        Organisation.objects.bulk_create(rows, batch_size=2000)
    return count


def create_certificate() -> dict[str, str]:
    """A real verification certificate (instrument, verifier, verification, certificate) of a
    bench organisation, for the public certificate lookup; returns its public code and number."""
    import datetime as dt

    from tdc.metrology.models import Certificate, Instrument, Verification, Verifier
    from tdc.registry.models import Organisation

    owner, lab = Organisation.objects.order_by("pk")[:2]
    instrument = Instrument.objects.create(
        owner=owner,
        type_code="fuel-dispenser",
        manufacturer="Tatsuno",
        serial_number="BENCH-0001",
        province_id=PROVINCE,
        commune_id=owner.commune_id,
    )
    verifier = Verifier.objects.create(
        organisation=lab,
        full_name="Trần Văn Kiểm",
        card_number="KĐV-BENCH",
        valid_from=dt.date(2025, 1, 2),
        valid_to=dt.date(2030, 1, 1),
    )
    verification = Verification.objects.create(
        instrument=instrument,
        kind="periodic",
        verified_on=dt.date(2026, 5, 4),
        organisation=lab,
        verifier=verifier,
        result="passed",
        certificate_number="000001/2026/GCNKĐ",
        valid_until=dt.date(2027, 5, 3),
        type_code=instrument.type_code,
        province_id=PROVINCE,
        commune_id=owner.commune_id,
        owner=owner,
    )
    certificate = Certificate.objects.create(
        verification=verification,
        number=verification.certificate_number or "",
        issued_by=lab,
        issued_on=verification.verified_on,
        instrument_name="Cột đo xăng dầu",
        serial_number=instrument.serial_number,
        manufacturer=instrument.manufacturer,
        owner_name=owner.name,
        valid_until=verification.valid_until,
        verifier_name=verifier.full_name,
        province_id=PROVINCE,
        commune_id=owner.commune_id,
        owner=owner,
    )
    return {"code": certificate.public_code, "number": certificate.number}


def create_officer() -> dict[str, str]:
    """A provincial officer of the province, exempt from TOTP (TDC_ALLOW_2FA_EXEMPT=1 only)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from tdc.accounts.models import ApiToken, User
    from tdc.accounts.services import api_token_issue
    from tdc.core.roles import Role

    user, _ = User.objects.update_or_create(
        username=BENCH_USERNAME,
        defaults={"role": Role.PROVINCIAL_OFFICER, "province_id": PROVINCE, "otp_exempt": True},
    )
    user.set_unusable_password()
    user.save()
    ApiToken.objects.filter(user=user).delete()
    token = api_token_issue(user=user, by=None)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {
        "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "token": token,
    }


if __name__ == "__main__":
    sys.exit(main())
