"""Seed the number series of verification certificates (gap-free, per organisation and year)."""

from django.db import migrations

SERIES = {
    "code": "metrology-certificate",
    "name": "Giấy chứng nhận kiểm định phương tiện đo",
    "format": "{seq:06d}/{year}/GCNKĐ-{issuer}",
}


def seed(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    NumberSeries.objects.get_or_create(
        code=SERIES["code"], defaults={"name": SERIES["name"], "format": SERIES["format"]}
    )


def unseed(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    NumberSeries.objects.filter(code=SERIES["code"], counters__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_number_series"),
        ("metrology", "0001_initial_domain"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
