"""Seed the wording of the core event types; administrators edit it afterwards."""

from django.db import migrations

# A copy of tdc.notifications.defaults at the time of this migration (migrations import no app code).
TEMPLATES = {'import.finished': {'name': 'Import finished',
                     'subject': 'Import finished: {{ title }}',
                     'body': 'Hello {{ recipient }},\n'
                             '\n'
                             'The import “{{ title }}” has finished{% if rows %} ({{ rows }} '
                             'rows){% endif %}.\n'
                             '{% if errors %}{{ errors }} rows were rejected: download the '
                             'error file to correct them.\n'
                             '{% endif %}{% if link %}\n'
                             'Open: {{ link }}\n'
                             '{% endif %}',
                     'default_email_mode': 'immediate'},
 'export.finished': {'name': 'Export ready',
                     'subject': 'Your export is ready: {{ title }}',
                     'body': 'Hello {{ recipient }},\n'
                             '\n'
                             'The export “{{ title }}” is ready to download.{% if link %}\n'
                             '\n'
                             'Download: {{ link }}{% endif %}\n',
                     'default_email_mode': 'digest'},
 'record.assigned': {'name': 'Record assigned to you',
                     'subject': 'Assigned to you: {{ record }}',
                     'body': 'Hello {{ recipient }},\n'
                             '\n'
                             "{{ assigned_by|default:'A colleague' }} assigned “{{ record }}” "
                             'to you.{% if note %}\n'
                             '\n'
                             'Note: {{ note }}{% endif %}{% if link %}\n'
                             '\n'
                             'Open: {{ link }}{% endif %}\n',
                     'default_email_mode': 'immediate'}}


def seed(apps, schema_editor):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    for event_type, values in TEMPLATES.items():
        NotificationTemplate.objects.get_or_create(event_type=event_type, defaults=values)


def unseed(apps, schema_editor):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    NotificationTemplate.objects.filter(event_type__in=list(TEMPLATES), version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
