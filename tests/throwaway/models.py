from django.db import models

from tdc.core.roles import Action, Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec


class Thing(models.Model):
    """A record of the throw-away app, scoped by province like the real ones."""

    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope = ScopeSpec(
        province="province_id",
        roles={Action.VIEW: [Role.PROVINCIAL_OFFICER, Role.SYSTEM_ADMIN]},
    )

    class Meta:
        app_label = "throwaway"

    def __str__(self) -> str:
        return f"Thing {self.pk}"
