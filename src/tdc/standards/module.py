"""What the standards library adds: the catalogue of standards and technical regulations with
their status by date and replacement chains, the ICS tree, the public search
/tra-cuu/tieu-chuan/ and its API, the notation parser's API and the catalogue import."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import (
    DemoSeeder,
    MenuEntry,
    MenuGroup,
    Module,
    Mount,
    PublicLookup,
    ReferenceLoader,
    SearchProvider,
)

MODULE = Module(
    urls=[Mount("standards/", "tdc.standards.urls"), Mount("", "tdc.standards.urls_public")],
    api=[Mount("standards/", "tdc.standards.api.urls"), Mount("", "tdc.standards.api.urls_public")],
    menu=[
        MenuEntry(
            MenuGroup.STANDARDS,
            _("Standards and regulations"),
            "standards:standard_list",
            "standards.Standard",
            order=10,
        ),
        MenuEntry(
            MenuGroup.STANDARDS,
            _("TBT notifications"),
            "standards:tbt_list",
            "standards.TbtNotification",
            order=20,
        ),
        MenuEntry(
            MenuGroup.STANDARDS,
            _("Exporters' interests"),
            "standards:interest_list",
            "standards.ExporterInterest",
            order=30,
        ),
        MenuEntry(
            MenuGroup.STANDARDS,
            _("TBT enquiries"),
            "standards:enquiry_list",
            "standards.Enquiry",
            order=40,
        ),
    ],
    search_providers=[
        SearchProvider(
            _("Standards"), "tdc.standards.selectors.site_search", model="standards.Standard"
        )
    ],
    reference_loaders=[ReferenceLoader("tdc.standards.loading.load", order=50)],
    public_lookups=[
        PublicLookup(
            _("Standards and technical regulations"),
            "standards_public:search",
            _("TCVN, QCVN and international standards: status, replacements, ICS."),
            order=40,
        )
    ],
    demo_seeders=[DemoSeeder("standards", "tdc.standards.demo.seed", after=("accounts",))],
    matrix_subjects="tdc.standards.tests.subjects",
)
