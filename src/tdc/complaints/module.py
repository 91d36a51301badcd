"""What complaints add: the public form and tracking, officers' handling and statistics."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import DashboardCard, DemoSeeder, MenuEntry, MenuGroup, Module, Mount

_I = MenuGroup.INSPECTIONS

MODULE = Module(
    urls=[
        Mount("complaints/", "tdc.complaints.urls"),
        Mount("", "tdc.complaints.urls_public"),
    ],
    api=[Mount("", "tdc.complaints.api.urls")],
    menu=[
        MenuEntry(
            _I, _("Complaints"), "complaints:complaint_list", "complaints.Complaint", order=10
        ),
        MenuEntry(
            _I, _("Complaint statistics"), "complaints:statistics", "complaints.Complaint", order=20
        ),
    ],
    dashboard_cards=[
        DashboardCard(
            "complaints/partials/dashboard_card_loader.html", model="complaints.Complaint", order=20
        ),
    ],
    demo_seeders=[
        DemoSeeder("complaints", "tdc.complaints.demo.seed_complaints", after=("organisations",))
    ],
    matrix_subjects="tdc.complaints.tests.subjects",
)
