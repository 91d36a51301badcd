"""What places add: provinces and communes (2025 and legacy), address resolution."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import MenuEntry, MenuGroup, Module, Mount, Picker, ReferenceLoader

MODULE = Module(
    urls=[Mount("places/", "tdc.places.urls")],
    api=[Mount("", "tdc.places.api.urls")],
    menu=[MenuEntry(MenuGroup.REGISTERS, _("Places"), "places:province_list", order=20)],
    # The administrative units come first: every other table refers to them.
    reference_loaders=[ReferenceLoader("tdc.places.loading.load_places", order=10)],
    pickers=[
        Picker("commune", "tdc.places.selectors.commune_picker", _("Commune")),
        Picker("province", "tdc.places.selectors.province_picker", _("Province")),
    ],
)
