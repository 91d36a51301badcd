"""What legal metrology adds: the instrument register, designations, verifiers, standards,
verifications, certificates, stamps, due lists, reverse traceability, markets and statistics."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import (
    DashboardCard,
    DemoSeeder,
    MenuEntry,
    MenuGroup,
    Module,
    Mount,
    Picker,
    PublicLookup,
    SearchProvider,
)

_M = MenuGroup.METROLOGY

MODULE = Module(
    pickers=[
        Picker(
            "instrument-type",
            "tdc.metrology.selectors.pickers.instrument_type_picker",
            _("Instrument type"),
        ),
        Picker("verifier", "tdc.metrology.selectors.pickers.verifier_picker", _("Verifier")),
        Picker(
            "standard",
            "tdc.metrology.selectors.pickers.standard_picker",
            _("Measurement standard"),
        ),
    ],
    demo_seeders=[
        DemoSeeder("metrology", "tdc.metrology.demo.seed_metrology", after=("organisations",))
    ],
    urls=[
        Mount("metrology/", "tdc.metrology.urls"),
        Mount("", "tdc.metrology.urls_public"),
    ],
    api=[Mount("", "tdc.metrology.api.urls")],
    public_lookups=[
        PublicLookup(
            _("Check a verification certificate"),
            "metrology_public:certificate_lookup",
            _("Type the code under the QR code of a certificate to see whether it is still valid."),
            order=10,
        ),
    ],
    menu=[
        MenuEntry(
            _M,
            _("Measuring instruments"),
            "metrology:instrument_list",
            "metrology.Instrument",
            order=10,
        ),
        MenuEntry(
            _M, _("Designations"), "metrology:designation_list", "metrology.Designation", order=20
        ),
        MenuEntry(_M, _("Verifiers"), "metrology:verifier_list", "metrology.Verifier", order=30),
        MenuEntry(
            _M,
            _("Measurement standards"),
            "metrology:standard_list",
            "metrology.MeasurementStandard",
            order=40,
        ),
        MenuEntry(
            _M,
            _("Verifications"),
            "metrology:verification_list",
            "metrology.Verification",
            order=50,
        ),
        MenuEntry(
            _M, _("Certificates"), "metrology:certificate_list", "metrology.Certificate", order=60
        ),
        MenuEntry(
            _M,
            _("Stickers and stamps"),
            "metrology:stamp_batch_list",
            "metrology.StampBatch",
            order=70,
        ),
        MenuEntry(_M, _("Markets"), "metrology:market_list", "metrology.Market", order=80),
        MenuEntry(
            _M, _("Due for verification"), "metrology:due_list", "metrology.Instrument", order=90
        ),
        MenuEntry(
            _M,
            _("Reverse traceability"),
            "metrology:finding_list",
            "metrology.OutOfToleranceFinding",
            order=100,
        ),
        MenuEntry(
            _M,
            _("Metrology statistics"),
            "metrology:statistics",
            "metrology.Verification",
            order=110,
        ),
    ],
    dashboard_cards=[
        DashboardCard(
            "metrology/partials/due_dashboard_card.html", model="metrology.Instrument", order=40
        ),
    ],
    search_providers=[
        SearchProvider(
            _("Measuring instruments"),
            "tdc.metrology.selectors.instrument_search",
            model="metrology.Instrument",
            order=20,
        ),
    ],
    matrix_subjects="tdc.metrology.tests.subjects",
)
