"""What the organisation register adds: its screens, API, dashboard card and search."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import (
    DashboardCard,
    DemoSeeder,
    MenuEntry,
    MenuGroup,
    Module,
    Mount,
    Picker,
    SearchProvider,
)

MODULE = Module(
    urls=[Mount("organisations/", "tdc.registry.urls")],
    api=[Mount("", "tdc.registry.api.urls")],
    menu=[
        MenuEntry(
            MenuGroup.REGISTERS,
            _("Organisations"),
            "registry:organisation_list",
            "registry.Organisation",
            order=10,
        ),
    ],
    dashboard_cards=[
        DashboardCard(
            "registry/partials/dashboard_card.html",
            model="registry.Organisation",
            context="tdc.registry.selectors.organisation_dashboard",
            order=10,
        ),
    ],
    search_providers=[
        SearchProvider(
            _("Organisations"),
            "tdc.registry.selectors.organisation_search",
            model="registry.Organisation",
            order=10,
        ),
    ],
    demo_seeders=[
        DemoSeeder("organisations", "tdc.registry.demo.seed_organisations", after=("accounts",))
    ],
    pickers=[
        Picker("organisation", "tdc.registry.selectors.organisation_picker", _("Organisation"))
    ],
    matrix_subjects="tdc.registry.tests.subjects",
)
