"""Seed the number series of inspection documents and the wording of the reminders;
administrators edit both afterwards."""

from django.db import migrations

SERIES = [
    {
        "code": "inspection-decision",
        "name": "Quyết định kiểm tra",
        "format": "{seq:03d}/QĐ-KT-{issuer}/{year}",
    },
    {
        "code": "inspection-record",
        "name": "Biên bản kiểm tra (Mẫu 5. BBKT)",
        "format": "{seq:03d}/BBKT-{issuer}/{year}",
    },
    {
        "code": "inspection-suspension",
        "name": "Thông báo tạm dừng hoạt động (Mẫu 6. TBTDHĐ)",
        "format": "{seq:03d}/TBTDHĐ-{issuer}/{year}",
    },
    {
        "code": "inspection-resumption",
        "name": "Thông báo tiếp tục hoạt động (Mẫu 7. TBTTHĐ)",
        "format": "{seq:03d}/TBTTHĐ-{issuer}/{year}",
    },
    {
        "code": "inspection-sealing",
        "name": "Biên bản niêm phong (Mẫu 8. BBNP)",
        "format": "{seq:03d}/BBNP-{issuer}/{year}",
    },
    {
        "code": "sanction-decision",
        "name": "Quyết định xử phạt vi phạm hành chính",
        "format": "{seq:03d}/QĐ-XPHC-{issuer}/{year}",
    },
]

TEMPLATES = {
    "inspections.remedy_due": {
        "name": "Remedial measure: deadline near or passed",
        "subject": "Remedial measure due {{ deadline }}: {{ organisation }}",
        "body": (
            "Hello {{ recipient }},\n\nThe remedial measure “{{ measure }}” ordered by decision "
            "{{ decision }} to {{ organisation }} is due on {{ deadline }}"
            "{% if overdue %} and is overdue{% endif %}. Record when it is done."
            "{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
    "inspections.payment_overdue": {
        "name": "Sanction decision: fine not paid in time",
        "subject": "Fine overdue: decision {{ decision }} ({{ organisation }})",
        "body": (
            "Hello {{ recipient }},\n\nThe fine of {{ amount }} VND imposed by decision "
            "{{ decision }} on {{ organisation }} was due on {{ due }} and is not recorded as paid. "
            "Record the payment or start enforcement.{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
    "inspections.plan_submitted": {
        "name": "Inspection plan submitted for approval",
        "subject": "Plan to approve: {{ plan }}",
        "body": (
            "Hello {{ recipient }},\n\n{{ submitted_by }} submitted the inspection plan "
            "“{{ plan }}” for approval.{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
}


def seed(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    for row in SERIES:
        NumberSeries.objects.get_or_create(code=row["code"], defaults=row)
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    for event_type, values in TEMPLATES.items():
        NotificationTemplate.objects.get_or_create(event_type=event_type, defaults=values)


def unseed(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    NumberSeries.objects.filter(code__in=[r["code"] for r in SERIES], counters__isnull=True).delete()
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    NotificationTemplate.objects.filter(event_type__in=list(TEMPLATES), version=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
        ("core", "0003_number_series"),
        ("notifications", "0002_seed_default_templates"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
