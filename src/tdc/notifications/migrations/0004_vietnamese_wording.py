"""The seeded notification wording in Vietnamese, the language of the province's officers.

Each template still worded as seeded in English (name, subject and body unchanged) is reworded;
one an administrator already edited is left as it is.
"""

import importlib

from django.db import migrations

#: Where the English wording was seeded (migrations import no app code; these are data).
SEEDED_BY = [
    ("tdc.notifications.migrations.0002_seed_default_templates", "TEMPLATES"),
    ("tdc.complaints.migrations.0002_seed_notification_template", "TEMPLATE"),
    ("tdc.inspections.migrations.0002_number_series_and_templates", "TEMPLATES"),
    ("tdc.metrology.migrations.0003_due_and_traceability_templates", "TEMPLATES"),
    ("tdc.prepackages.migrations.0002_number_series_and_reminder_template", "TEMPLATES"),
]

VI = {
    "import.finished": {
        "name": "Nhập dữ liệu hoàn tất",
        "subject": "Đã nhập xong: {{ title }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nViệc nhập dữ liệu “{{ title }}” đã hoàn tất"
            "{% if rows %} ({{ rows }} dòng){% endif %}.\n"
            "{% if errors %}{{ errors }} dòng bị từ chối: hãy tải tệp lỗi về để sửa.\n{% endif %}"
            "{% if link %}\nXem: {{ link }}\n{% endif %}"
        ),
    },
    "export.finished": {
        "name": "Xuất dữ liệu sẵn sàng",
        "subject": "Tệp xuất dữ liệu đã sẵn sàng: {{ title }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nTệp xuất dữ liệu “{{ title }}” đã sẵn sàng để tải về."
            "{% if link %}\n\nTải về: {{ link }}{% endif %}\n"
        ),
    },
    "record.assigned": {
        "name": "Hồ sơ được giao cho bạn",
        "subject": "Được giao cho bạn: {{ record }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n{{ assigned_by|default:'Một đồng nghiệp' }} đã giao "
            "“{{ record }}” cho bạn.{% if note %}\n\nGhi chú: {{ note }}{% endif %}"
            "{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
    "complaints.received": {
        "name": "Phản ánh mới của người dân",
        "subject": "Phản ánh mới {{ code }}: {{ category }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nCó phản ánh mới về “{{ category }}” tại {{ place }}. "
            "Hạn xử lý: {{ deadline }}.{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
    "inspections.remedy_due": {
        "name": "Biện pháp khắc phục hậu quả: sắp đến hạn hoặc quá hạn",
        "subject": "Biện pháp khắc phục hậu quả hạn {{ deadline }}: {{ organisation }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nBiện pháp khắc phục hậu quả “{{ measure }}” theo quyết "
            "định {{ decision }} đối với {{ organisation }} có hạn thực hiện ngày {{ deadline }}"
            "{% if overdue %} và đã quá hạn{% endif %}. Hãy ghi nhận khi đã thực hiện xong."
            "{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
    "inspections.payment_overdue": {
        "name": "Quyết định xử phạt: chưa nộp phạt đúng hạn",
        "subject": "Quá hạn nộp phạt: quyết định {{ decision }} ({{ organisation }})",
        "body": (
            "Kính gửi {{ recipient }},\n\nKhoản phạt {{ amount }} đồng theo quyết định "
            "{{ decision }} đối với {{ organisation }} phải nộp trước ngày {{ due }} nhưng chưa "
            "được ghi nhận đã nộp. Hãy ghi nhận việc nộp phạt hoặc tiến hành cưỡng chế."
            "{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
    "inspections.plan_submitted": {
        "name": "Kế hoạch kiểm tra trình phê duyệt",
        "subject": "Kế hoạch cần phê duyệt: {{ plan }}",
        "body": (
            "Kính gửi {{ recipient }},\n\n{{ submitted_by }} đã trình kế hoạch kiểm tra "
            "“{{ plan }}” để phê duyệt.{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
    "metrology.due_reminder": {
        "name": "Phương tiện đo: sắp đến hạn kiểm định",
        "subject": "Sắp đến hạn kiểm định: {{ count }} phương tiện đo của {{ owner }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nCác phương tiện đo sau của {{ owner }} đến hạn kiểm "
            "định trong vòng {{ days }} ngày:\n"
            "{% for line in instruments %}- {{ line }}\n{% endfor %}\n"
            "Hãy đăng ký kiểm định định kỳ với tổ chức kiểm định được chỉ định trước ngày đến hạn; "
            "phương tiện đo sử dụng quá hạn là chưa được kiểm định theo quy định."
            "{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
    "metrology.weekly_digest": {
        "name": "Phương tiện đo: bản tổng hợp hằng tuần",
        "subject": "Tuần {{ week }}: {{ overdue }} quá hạn, {{ due_soon }} đến hạn trong 30 ngày",
        "body": (
            "Kính gửi {{ recipient }},\n\nTrong tỉnh tuần này:\n"
            "- quá hạn kiểm định: {{ overdue }}\n- đến hạn trong 30 ngày: {{ due_soon }}\n"
            "- cần kiểm định lại: {{ reverify }}\n"
            "{% if communes %}\nCác xã có nhiều phương tiện đo quá hạn nhất:\n"
            "{% for line in communes %}- {{ line }}\n{% endfor %}{% endif %}"
            "{% if link %}\nXem danh sách đến hạn: {{ link }}{% endif %}\n"
        ),
    },
    "metrology.reverification_required": {
        "name": "Phương tiện đo: cần kiểm định lại (chuẩn vượt dung sai)",
        "subject": "Cần kiểm định lại: {{ count }} phương tiện đo của {{ owner }}",
        "body": (
            "Kính gửi {{ recipient }},\n\nChuẩn đo lường {{ standard }} được phát hiện vượt dung "
            "sai ngày {{ found_on }} (phát hiện số {{ finding }}). Chuẩn này đã được dùng, trực "
            "tiếp hoặc qua chuỗi liên kết chuẩn, để kiểm định các phương tiện đo sau của "
            "{{ owner }}:\n{% for line in instruments %}- {{ line }}\n{% endfor %}\n"
            "Kết quả kiểm định của chúng không còn tin cậy: hãy kiểm định lại tại tổ chức kiểm "
            "định được chỉ định càng sớm càng tốt.{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
    "prepackages.recertification_due": {
        "name": "Giấy chứng nhận dấu định lượng: đến hạn chứng nhận lại",
        "subject": "Đến hạn chứng nhận lại: {{ certificate }} ({{ holder }})",
        "body": (
            "Kính gửi {{ recipient }},\n\nGiấy chứng nhận {{ certificate }} cho phép {{ holder }} "
            "sử dụng dấu định lượng (V) hết hiệu lực ngày {{ valid_until }}. Hãy đề nghị chứng "
            "nhận lại ít nhất 3 tháng trước ngày đó.{% if link %}\n\nXem: {{ link }}{% endif %}\n"
        ),
    },
}


FIELDS = ("name", "subject", "body")


def _english():
    wording = {}
    for module_name, attribute in SEEDED_BY:
        seeded = getattr(importlib.import_module(module_name), attribute)
        if attribute == "TEMPLATE":
            seeded = {"complaints.received": seeded}
        wording.update(seeded)
    return wording


def _reword(apps, old, new):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    for template in NotificationTemplate.objects.filter(event_type__in=list(new)):
        before = old.get(template.event_type)
        if before and all(getattr(template, f) == before[f] for f in FIELDS):
            for field in FIELDS:
                setattr(template, field, new[template.event_type][field])
            template.save(update_fields=list(FIELDS))


def seed(apps, schema_editor):
    _reword(apps, _english(), VI)


def unseed(apps, schema_editor):
    _reword(apps, VI, _english())


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_write_path_indexes_and_checks"),
        ("complaints", "0002_seed_notification_template"),
        ("inspections", "0002_number_series_and_templates"),
        ("metrology", "0003_due_and_traceability_templates"),
        ("prepackages", "0002_number_series_and_reminder_template"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
