"""What product quality adds: the managed-product lists of both regimes, conformity bodies,
conformity declarations with their receipt notices and public lookup, and quality warnings."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import DemoSeeder, MenuEntry, MenuGroup, Module, Mount

MODULE = Module(
    urls=[Mount("quality/", "tdc.quality.urls"), Mount("", "tdc.quality.urls_public")],
    api=[Mount("quality/", "tdc.quality.api.urls"), Mount("", "tdc.quality.api.urls_public")],
    menu=[
        MenuEntry(
            MenuGroup.QUALITY,
            _("Conformity declarations"),
            "quality:declaration_list",
            "quality.Declaration",
            order=10,
        ),
        MenuEntry(
            MenuGroup.QUALITY,
            _("Conformity bodies"),
            "quality:body_list",
            "quality.ConformityBody",
            order=20,
        ),
        MenuEntry(
            MenuGroup.QUALITY,
            _("Quality warnings"),
            "quality:warning_list",
            "quality.QualityWarning",
            order=30,
        ),
        MenuEntry(
            MenuGroup.QUALITY,
            _("Quality survey plans"),
            "quality:survey_list",
            "quality.SurveyPlan",
            order=40,
        ),
        MenuEntry(
            MenuGroup.QUALITY,
            _("Survey samples"),
            "quality:sample_list",
            "quality.Sample",
            order=50,
        ),
    ],
    demo_seeders=[
        DemoSeeder("quality", "tdc.quality.demo.seed", after=("accounts",)),
        DemoSeeder("quality_surveys", "tdc.quality.demo_surveys.seed", after=("quality",)),
    ],
    matrix_subjects="tdc.quality.tests.subjects",
)
