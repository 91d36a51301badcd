"""Seed the number series of the receipt notices of conformity declarations; administrators
edit it afterwards."""

from django.db import migrations

SERIES = [
    {
        "code": "quality-declaration",
        "name": "Sổ tiếp nhận hồ sơ công bố hợp chuẩn, hợp quy",
        "format": "{seq:04d}/{year}/TBTN-{issuer}",
    },
]


def seed(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    for row in SERIES:
        NumberSeries.objects.get_or_create(code=row["code"], defaults=row)


def unseed(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    NumberSeries.objects.filter(code__in=[r["code"] for r in SERIES], counters__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0001_products_bodies_declarations_warnings"),
        ("core", "0003_number_series"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
