"""Default wording of the core event types (seeded by migration 0002, used as a fallback)."""

from __future__ import annotations

DEFAULT_TEMPLATES: dict[str, dict[str, object]] = {
    "import.finished": {
        "name": "Import finished",
        "subject": "Import finished: {{ title }}",
        "body": (
            "Hello {{ recipient }},\n\nThe import “{{ title }}” has finished"
            "{% if rows %} ({{ rows }} rows){% endif %}.\n"
            "{% if errors %}{{ errors }} rows were rejected: download the error file to correct "
            "them.\n{% endif %}{% if link %}\nOpen: {{ link }}\n{% endif %}"
        ),
        "default_email_mode": "immediate",
    },
    "export.finished": {
        "name": "Export ready",
        "subject": "Your export is ready: {{ title }}",
        "body": (
            "Hello {{ recipient }},\n\nThe export “{{ title }}” is ready to download."
            "{% if link %}\n\nDownload: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "digest",
    },
    "record.assigned": {
        "name": "Record assigned to you",
        "subject": "Assigned to you: {{ record }}",
        "body": (
            "Hello {{ recipient }},\n\n{{ assigned_by|default:'A colleague' }} assigned "
            "“{{ record }}” to you.{% if note %}\n\nNote: {{ note }}{% endif %}"
            "{% if link %}\n\nOpen: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
}
