"""Default wording of the core event types (seeded by migration 0002, reworded in Vietnamese by
0004, used as a fallback when no template is saved)."""

from __future__ import annotations

DEFAULT_TEMPLATES: dict[str, dict[str, object]] = {
    "import.finished": {
        "name": "Nhập dữ liệu hoàn tất",
        "subject": "Đã nhập xong: {{ title }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nViệc nhập dữ liệu “{{ title }}” đã hoàn tất"
            "{% if rows %} ({{ rows }} dòng){% endif %}.\n"
            "{% if errors %}{{ errors }} dòng bị từ chối: hãy tải tệp lỗi về để sửa.\n{% endif %}"
            "{% if link %}\nXem: {{ link }}\n{% endif %}"
        ),
        "default_email_mode": "immediate",
    },
    "export.finished": {
        "name": "Xuất dữ liệu sẵn sàng",
        "subject": "Tệp xuất dữ liệu đã sẵn sàng: {{ title }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nTệp xuất dữ liệu “{{ title }}” đã sẵn sàng để tải về."
            "{% if link %}\n\nTải về: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "digest",
    },
    "record.assigned": {
        "name": "Hồ sơ được giao cho bạn",
        "subject": "Được giao cho bạn: {{ record }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n{{ assigned_by|default:'Một đồng nghiệp' }} đã giao "
            "“{{ record }}” cho bạn.{% if note %}\n\nGhi chú: {{ note }}{% endif %}"
            "{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
        "default_email_mode": "immediate",
    },
}
