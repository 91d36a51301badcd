from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("throwaway.Thing")
def _thing(where: Jurisdiction) -> models.Model:
    from tests.throwaway.models import Thing

    return Thing.objects.create(province_id=where.province_id)
