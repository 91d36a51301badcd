"""Seed the wording of the due-date reminder, the officers' weekly digest and the
re-verification notice of reverse traceability; administrators edit them afterwards."""

from django.db import migrations

TEMPLATES = {
    "metrology.due_reminder": {
        "name": "Measuring instruments: verification due soon",
        "subject": "Verification due: {{ count }} instrument(s) of {{ owner }}",
        "body": (
            "Hello {{ recipient }},\n\nThe verification of these measuring instruments of "
            "{{ owner }} falls due within {{ days }} days:\n"
            "{% for line in instruments %}- {{ line }}\n{% endfor %}\n"
            "Book a periodic verification with a designated verification organisation before the "
            "due date; an instrument used after it is not legally verified."
            "{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
    "metrology.weekly_digest": {
        "name": "Measuring instruments: weekly digest",
        "subject": "Week of {{ week }}: {{ overdue }} overdue, {{ due_soon }} due within 30 days",
        "body": (
            "Hello {{ recipient }},\n\nIn your province this week:\n"
            "- overdue: {{ overdue }}\n- due within 30 days: {{ due_soon }}\n"
            "- flagged for re-verification: {{ reverify }}\n"
            "{% if communes %}\nCommunes with the most overdue instruments:\n"
            "{% for line in communes %}- {{ line }}\n{% endfor %}{% endif %}"
            "{% if link %}\nOpen the due list: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
    "metrology.reverification_required": {
        "name": "Measuring instruments: re-verification required (standard out of tolerance)",
        "subject": "Re-verification required: {{ count }} instrument(s) of {{ owner }}",
        "body": (
            "Hello {{ recipient }},\n\nThe measurement standard {{ standard }} was found out of "
            "tolerance on {{ found_on }} (finding #{{ finding }}). It was used, directly or "
            "through the traceability chain, to verify these instruments of {{ owner }}:\n"
            "{% for line in instruments %}- {{ line }}\n{% endfor %}\n"
            "Their verification results are no longer reliable: have them verified again by a "
            "designated verification organisation as soon as possible."
            "{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
}


def seed(apps, schema_editor):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    for event_type, values in TEMPLATES.items():
        NotificationTemplate.objects.get_or_create(event_type=event_type, defaults=values)


def unseed(apps, schema_editor):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    NotificationTemplate.objects.filter(event_type__in=list(TEMPLATES), version=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("metrology", "0002_certificate_number_series"),
        ("notifications", "0002_seed_default_templates"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
