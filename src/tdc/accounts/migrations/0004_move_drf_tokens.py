"""Existing keys of the REST framework's token table become API tokens (digest only, 90 days
from now), and the plain-text keys are deleted."""

import datetime as dt
import hashlib

from django.db import migrations
from django.utils import timezone


def move(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires = timezone.now() + dt.timedelta(days=90)
    for old in Token.objects.all():
        ApiToken.objects.get_or_create(
            digest=hashlib.sha256(old.key.encode()).hexdigest(),
            defaults={"user_id": old.user_id, "prefix": old.key[:8], "expires_at": expires},
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_token"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
