"""Seed the number series of the prepackaged-goods documents and the wording of the
re-certification reminder; administrators edit both afterwards."""

from django.db import migrations

SERIES = [
    {
        "code": "prepackage-minutes",
        "name": "Biên bản kiểm tra định lượng hàng đóng gói sẵn",
        "format": "{seq:04d}/{year}/BB-ĐL-{issuer}",
    },
    {
        "code": "prepackage-declaration",
        "name": "Sổ tiếp nhận công bố sử dụng dấu định lượng",
        "format": "{seq:04d}/{year}/CBDĐL-{issuer}",
    },
    {
        "code": "prepackage-certificate",
        "name": "Giấy chứng nhận đủ điều kiện sử dụng dấu định lượng",
        "format": "{seq:04d}/{year}/GCN-DĐL-{issuer}",
    },
]

TEMPLATES = {
    "prepackages.recertification_due": {
        "name": "Quantity-mark certificate: re-certification due",
        "subject": "Re-certification due: {{ certificate }} ({{ holder }})",
        "body": (
            "Hello {{ recipient }},\n\nThe certificate {{ certificate }} allowing {{ holder }} to "
            "use the quantity mark (V) expires on {{ valid_until }}. Request re-certification at "
            "least 3 months before that date.{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    }
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
        ("prepackages", "0001_inspections_and_quantity_mark"),
        ("core", "0003_number_series"),
        ("notifications", "0002_seed_default_templates"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
