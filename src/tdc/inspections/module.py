"""What inspections add: risk-based plans, field inspections, violations, sanctions and
follow-up, other agencies' inspections and statistics."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import DashboardCard, DemoSeeder, MenuEntry, MenuGroup, Module, Mount

_I = MenuGroup.INSPECTIONS

MODULE = Module(
    demo_seeders=[
        DemoSeeder("inspections", "tdc.inspections.demo.seed_inspections", after=("organisations",))
    ],
    urls=[Mount("inspections/", "tdc.inspections.urls")],
    api=[Mount("inspections/", "tdc.inspections.api.urls")],
    menu=[
        MenuEntry(
            _I,
            _("Inspection plans"),
            "inspections:plan_list",
            "inspections.InspectionPlan",
            order=100,
        ),
        MenuEntry(
            _I,
            _("Risk-based targeting"),
            "inspections:risk_ranking",
            "inspections.InspectionPlan",
            order=110,
        ),
        MenuEntry(
            _I,
            _("Field inspections"),
            "inspections:inspection_list",
            "inspections.Inspection",
            order=120,
        ),
        MenuEntry(
            _I,
            _("Sanction decisions"),
            "inspections:decision_list",
            "inspections.SanctionDecision",
            order=130,
        ),
        MenuEntry(
            _I,
            _("Other agencies' inspections"),
            "inspections:external_list",
            "inspections.ExternalInspection",
            order=140,
        ),
        MenuEntry(
            _I,
            _("Violations catalogue"),
            "inspections:catalogue",
            "inspections.Inspection",
            order=150,
        ),
        MenuEntry(
            _I,
            _("Inspection statistics"),
            "inspections:statistics",
            "inspections.Inspection",
            order=160,
        ),
    ],
    dashboard_cards=[
        DashboardCard(
            "inspections/partials/dashboard_card.html", model="inspections.Inspection", order=30
        ),
    ],
    matrix_subjects="tdc.inspections.tests.subjects",
)
