"""What accounts add: sign-in, the users' register and the demo accounts."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import DemoSeeder, MenuEntry, MenuGroup, Module, Mount, Picker

MODULE = Module(
    urls=[Mount("", "tdc.accounts.urls")],
    api=[Mount("", "tdc.accounts.api.urls")],
    menu=[
        MenuEntry(MenuGroup.SYSTEM, _("Users"), "accounts:user_list", "accounts.User", order=10),
    ],
    demo_seeders=[DemoSeeder("accounts", "tdc.accounts.demo.seed_accounts")],
    pickers=[Picker("user", "tdc.accounts.selectors.user_picker", _("User"))],
    matrix_subjects="tdc.accounts.tests.subjects",
)
