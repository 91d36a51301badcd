"""What the platform core adds: the dashboard, audit trail, jobs, imports, documents, the
working-day calendar and the reference-data screens."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import MenuEntry, MenuGroup, Module, Mount

MODULE = Module(
    urls=[Mount("", "tdc.core.urls")],
    api=[Mount("", "tdc.core.api.urls")],
    menu=[
        MenuEntry(MenuGroup.REGISTERS, _("Working-day calendar"), "core:calendar", order=30),
        MenuEntry(
            MenuGroup.SYSTEM, _("Audit trail"), "core:auditevent_list", "core.AuditEvent", order=20
        ),
        MenuEntry(
            MenuGroup.SYSTEM,
            _("Document templates"),
            "core:documenttemplate_list",
            "core.DocumentTemplate",
            order=40,
        ),
        # Shown to whoever may edit configuration (system administrators).
        MenuEntry(
            MenuGroup.SYSTEM,
            _("Reference data"),
            "core:reference_index",
            "core.DocumentTemplate",
            order=50,
        ),
    ],
    matrix_subjects="tdc.core.tests.subjects",
)
