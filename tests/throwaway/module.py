from tdc.core.modules import (
    DashboardCard,
    DemoSeeder,
    MenuEntry,
    MenuGroup,
    Module,
    Mount,
    ReportSection,
    SearchProvider,
)

MODULE = Module(
    urls=[Mount("throwaway/", "tests.throwaway.urls")],
    api=[Mount("", "tests.throwaway.api_urls")],
    menu=[
        MenuEntry(MenuGroup.QUALITY, "Throw-away things", "throwaway:thing_list", "throwaway.Thing")
    ],
    dashboard_cards=[DashboardCard("throwaway/card.html", model="throwaway.Thing")],
    search_providers=[SearchProvider("Things", "tests.throwaway.views.thing_list")],
    demo_seeders=[DemoSeeder("throwaway", "tests.throwaway.views.thing_list", after=("accounts",))],
    report_sections=[ReportSection("things", "Things", "tests.throwaway.views.thing_list")],
    matrix_subjects="tests.throwaway.subjects",
)
