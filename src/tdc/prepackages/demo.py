"""The demo province's prepackaged-goods quantity inspections: lots of the packers' products
checked over the last two years through the services (the lot opened, each sample unit's net
quantity entered, the decision computed by the rules of TT 21/2014); most lots pass, some are
short.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tdc.core.demo import day_between
from tdc.core.modules import DemoContext
from tdc.places.selectors import province_get
from tdc.prepackages.models import QuantityInspection
from tdc.prepackages.services import inspection_create, inspection_finalise, measurement_record

#: (product, category, kind, nominal, unit) the packers of the province put up.
PRODUCTS: tuple[tuple[str, str, str, Decimal, str], ...] = (
    ("Đường cát trắng", "food", "mass", Decimal("1000"), "g"),
    ("Gạo thơm đóng túi", "food", "mass", Decimal("5000"), "g"),
    ("Bánh tráng phơi sương", "food", "mass", Decimal("500"), "g"),
    ("Muối tôm", "cooking_oil", "mass", Decimal("100"), "g"),
    ("Nước mắm cá cơm", "cooking_oil", "volume", Decimal("500"), "mL"),
    ("Nước uống đóng chai", "beverage", "volume", Decimal("500"), "mL"),
    ("Tinh bột mì", "food", "mass", Decimal("1000"), "g"),
    ("Hạt điều rang muối", "food", "mass", Decimal("250"), "g"),
)


def seed_quantity_inspections(*, context: DemoContext) -> None:
    """Demo seeder: quantity inspections of the packers' lots, decided."""
    if QuantityInspection.objects.filter(province_id=context.province_id).exists():
        return
    rng, today = context.random, context.today
    officer = context.objects["users"]["canbo"]
    province = province_get(context.province_id)
    packers = context.objects["organisations"]["packer"]
    done = 0
    for n in range(context.sized(24, minimum=3)):
        packer = packers[n % len(packers)] if n < len(packers) else rng.choice(packers)
        product, category, kind, nominal, unit = rng.choice(PRODUCTS)
        day = day_between(rng, today - dt.timedelta(days=700), today - dt.timedelta(days=2))
        inspection = inspection_create(
            by=officer,
            inspected_on=day,
            product_name=product,
            product_category=category,
            brand=packer.name.rsplit(" ", 2)[-2] if " " in packer.name else packer.name,
            packer=packer,
            province=province,
            commune=packer.commune,
            address=packer.address,
            lot_code=f"L{day:%y%m}-{n + 1:02d}",
            production_date=day - dt.timedelta(days=rng.randint(3, 30)),
            lot_size=rng.choice((20, 25, 30, 40)),
            quantity_kind=kind,
            nominal_quantity=nominal,
            unit=unit,
        )
        short = n == 1 or rng.random() < 0.2
        for position in range(1, inspection.sample_size + 1):
            measurement_record(
                inspection=inspection,
                position=position,
                value=_reading(rng, nominal, short),
                by=officer,
            )
        inspection_finalise(inspection=inspection, by=officer)
        done += 1
    context.counts["quantity inspections"] = done


def _reading(rng: Any, nominal: Decimal, short: bool) -> str:
    """A sample unit's net quantity: around the nominal, a few percent under for a short lot."""
    mean = float(nominal) * (0.965 if short else 1.004)
    return f"{rng.gauss(mean, float(nominal) * 0.006):.1f}"
