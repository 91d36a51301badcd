"""Building blocks of the demo province shared by the apps' demo seeders: plausible Vietnamese
names, addresses and phone numbers, valid tax codes, map points inside the province, dates,
and a seeded public code. Everything is drawn from the caller's seeded generator, so the same
seed gives the same data on every machine.
"""

from __future__ import annotations

import datetime as dt
import random as _random
from decimal import Decimal
from typing import Any

from stdnum.vn import mst

FAMILY_NAMES = [
    "Nguyễn",
    "Nguyễn",
    "Nguyễn",
    "Trần",
    "Trần",
    "Lê",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Võ",
    "Võ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Lâm",
    "Đoàn",
    "Châu",
    "Tạ",
    "Lý",
    "Mai",
    "Thái",
    "Cao",
    "La",
]
MIDDLE_NAMES = [
    "Văn",
    "Văn",
    "Thị",
    "Thị",
    "Hữu",
    "Minh",
    "Thanh",
    "Ngọc",
    "Hoàng",
    "Quốc",
    "Đức",
    "Kim",
    "Thu",
    "Bảo",
    "Gia",
    "Công",
]
GIVEN_NAMES = [
    "An",
    "Anh",
    "Bình",
    "Châu",
    "Cường",
    "Dũng",
    "Duy",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hoa",
    "Hùng",
    "Hương",
    "Khang",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Nghĩa",
    "Nhung",
    "Phát",
    "Phong",
    "Phúc",
    "Phương",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thành",
    "Thủy",
    "Tiến",
    "Trang",
    "Trí",
    "Trung",
    "Tú",
    "Tuấn",
    "Uyên",
    "Vân",
    "Việt",
    "Vy",
    "Xuân",
    "Yến",
]
ROADS = (
    "Quốc lộ 22",
    "Quốc lộ 22B",
    "Quốc lộ 1",
    "Quốc lộ 50",
    "Quốc lộ 62",
    "Quốc lộ N2",
    "Đường Cách Mạng Tháng Tám",
    "Đường 30 Tháng 4",
    "Đường Trần Hưng Đạo",
    "Đường Nguyễn Trãi",
    "Đường Lê Lợi",
    "Đường Hùng Vương",
    "Đường Nguyễn Huệ",
    "Đường Điện Biên Phủ",
    "Đường Hoàng Lê Kha",
    "Tỉnh lộ 781",
    "Tỉnh lộ 784",
    "Tỉnh lộ 786",
    "Tỉnh lộ 793",
    "Tỉnh lộ 824",
    "Tỉnh lộ 826",
    "Tỉnh lộ 830",
    "Tỉnh lộ 835",
)
HAMLETS = ("ấp", "khu phố", "tổ")

#: Two boxes of the province since 1 July 2025 (lat/lon), for commune codes of the former
#: Tây Ninh (below 27000) and the former Long An; commune centres fall inside them.
_BOX_NORTH = (10.95, 11.60, 105.95, 106.40)
_BOX_SOUTH = (10.45, 10.95, 105.80, 106.70)


def person_name(rng: _random.Random) -> str:
    """A plausible Vietnamese full name."""
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def street_address(rng: _random.Random) -> str:
    """A plausible address line inside a commune (number, road, hamlet)."""
    hamlet = f"{rng.choice(HAMLETS)} {rng.randint(1, 12)}"
    return f"Số {rng.randint(1, 899)}, {rng.choice(ROADS)}, {hamlet}"


def phone_number(rng: _random.Random) -> str:
    """A fixed-line number of the province (area code 0276, 0272) or a mobile one."""
    area = rng.choice(("0276", "0272", "090", "091", "098", "097"))
    if len(area) == 4:
        return f"{area} {rng.randint(3_000_000, 3_999_999)}"
    return f"{area} {rng.randint(1_000_000, 9_999_999)}"


def tax_code(prefix: str, serial: int) -> str | None:
    """The valid 10-digit tax code with ``prefix`` (two digits) and running ``serial``, or
    ``None`` where that serial has no valid check digit (try the next one)."""
    body = f"{prefix}{serial:07d}"
    digit = mst.calc_check_digit(body)
    code = body + digit
    return code if len(digit) == 1 and mst.is_valid(code) else None


def tax_codes(prefix: str, start: int, count: int) -> list[str]:
    """``count`` distinct valid tax codes with ``prefix``, from serial ``start`` on."""
    codes: list[str] = []
    serial = start
    while len(codes) < count:
        code = tax_code(prefix, serial)
        if code:
            codes.append(code)
        serial += 1
    return codes


def commune_centre(code: str) -> tuple[float, float]:
    """A fixed point standing for a commune's centre, inside the province (the same for a code
    on every machine)."""
    box = _BOX_NORTH if int(code) < 27000 else _BOX_SOUTH
    local = _random.Random(int(code))  # noqa: S311 - a map position, not a secret
    return (local.uniform(box[0], box[1]), local.uniform(box[2], box[3]))


def point_near(rng: _random.Random, centre: tuple[float, float]) -> tuple[Decimal, Decimal]:
    """A map point within about 2 km of ``centre``, to six decimals as the register keeps it."""
    lat = centre[0] + rng.uniform(-0.018, 0.018)
    lon = centre[1] + rng.uniform(-0.018, 0.018)
    return (Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}"))


def day_between(rng: _random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A day in ``[first, last]``."""
    span = (last - first).days
    return first + dt.timedelta(days=rng.randint(0, max(span, 0)))


def public_code(rng: _random.Random) -> str:
    """A 22-character URL-safe code like ``secrets.token_urlsafe(16)``, drawn from ``rng``."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(22))


def weighted(rng: _random.Random, choices: dict[Any, float]) -> Any:
    """One key of ``choices``, drawn with the weights its values give."""
    keys = list(choices)
    return rng.choices(keys, weights=[choices[k] for k in keys])[0]
