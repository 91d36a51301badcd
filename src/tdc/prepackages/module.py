"""What prepackaged goods add: quantity inspections (TT 21/2014, OIML R 87), quantity-mark
declarations and certificates, trends and the per-province rules setting."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import DemoSeeder, MenuEntry, MenuGroup, Module, Mount

_M = MenuGroup.METROLOGY

MODULE = Module(
    demo_seeders=[
        DemoSeeder(
            "prepackages",
            "tdc.prepackages.demo.seed_quantity_inspections",
            after=("organisations",),
        )
    ],
    urls=[Mount("prepackages/", "tdc.prepackages.urls")],
    api=[Mount("prepackages/", "tdc.prepackages.api.urls")],
    menu=[
        MenuEntry(
            _M,
            _("Prepackaged goods: quantity checks"),
            "prepackages:inspection_list",
            "prepackages.QuantityInspection",
            order=200,
        ),
        MenuEntry(
            _M,
            _("Quantity-mark declarations"),
            "prepackages:declaration_list",
            "prepackages.MarkDeclaration",
            order=210,
        ),
        MenuEntry(
            _M,
            _("Quantity-mark certificates"),
            "prepackages:certification_list",
            "prepackages.MarkCertification",
            order=220,
        ),
        MenuEntry(
            _M,
            _("Prepackaged goods: trends"),
            "prepackages:trends",
            "prepackages.QuantityInspection",
            order=230,
        ),
        MenuEntry(
            _M,
            _("Quantity rules per province"),
            "prepackages:rulessetting_list",
            "prepackages.ProvinceRulesSetting",
            order=240,
        ),
    ],
    matrix_subjects="tdc.prepackages.tests.subjects",
)
