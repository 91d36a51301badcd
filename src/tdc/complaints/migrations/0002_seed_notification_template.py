"""Seed the wording of the notification officers get when a complaint is filed."""

from django.db import migrations

TEMPLATE = {
    "name": "New complaint from the public",
    "subject": "New complaint {{ code }}: {{ category }}",
    "body": (
        "Hello {{ recipient }},\n\nA complaint about “{{ category }}” was filed for {{ place }}. "
        "It must be handled by {{ deadline }}.{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
    ),
    "default_email_mode": "immediate",
}


def seed(apps, schema_editor):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    NotificationTemplate.objects.get_or_create(event_type="complaints.received", defaults=TEMPLATE)


def unseed(apps, schema_editor):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    NotificationTemplate.objects.filter(event_type="complaints.received", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("notifications", "0002_seed_default_templates"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
