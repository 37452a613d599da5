"""Names of nominated households, as varied as a Central Highlands province's.

The benchmark's searches are only honest if a name matches as many dossiers as it would in life: a full name
a handful, a family name a share of the list. So names are drawn, not picked from a short list. About half of
Gia Lai's people are Kinh, and the rest mostly Jrai and Bahnar, whose names follow their own patterns. The
Kinh family names follow their usual shares (Nguyễn about 38 in 100, Trần 11, Lê 9.5 …).
"""

import random

KINH_FAMILY = {
    "Nguyễn": 38,
    "Trần": 11,
    "Lê": 9.5,
    "Phạm": 7,
    "Hoàng": 4,
    "Huỳnh": 2,
    "Phan": 4.5,
    "Vũ": 2,
    "Võ": 2,
    "Đặng": 2.1,
    "Bùi": 2,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1,
    "Lý": 0.5,
    "Đinh": 1,
    "Trương": 1,
    "Mai": 0.6,
    "Lương": 0.5,
}
KINH_MIDDLE = {
    "male": {
        "Văn": 45,
        "Minh": 8,
        "Hữu": 8,
        "Đức": 7,
        "Quang": 6,
        "Thanh": 6,
        "Công": 5,
        "Đình": 5,
        "Xuân": 4,
    },
    "female": {"Thị": 60, "Ngọc": 8, "Thu": 6, "Hồng": 6, "Kim": 5, "Thanh": 5, "Mỹ": 4, "Phương": 3},
}
KINH_GIVEN = {
    "male": (
        "An Bình Cường Dũng Đức Hải Hiếu Hùng Hưng Khánh Lâm Long Mạnh Nam Nghĩa Phong Phúc Quân Sáu Sơn Tài "
        "Thắng Thành Thịnh Toàn Trung Tuấn Tùng Việt Vinh"
    ).split(),
    "female": (
        "Anh Châu Dung Duyên Giang Hà Hạnh Hiền Hoa Hồng Hương Lan Liên Linh Loan Mai Nga Ngân Nhung Oanh "
        "Phượng Quyên Sương Thảo Thu Thủy Trang Tuyết Vân Yến"
    ).split(),
}
JRAI_FAMILY = ["Rơ Châm", "Ksor", "Siu", "Rơ Mah", "Nay", "Kpă", "Puih", "Rah Lan", "Rơ Lan", "Rcom"]
JRAI_GIVEN = {
    "male": (
        "Blơm Bơn Hyai Khuê Nhoanh Thuên Djơp Kơch Hlin Yơn Bhiu Pết Ju Lơi Tih Dok Hyư Kuk Blik Đhin Dih "
        "Gơl Hnek Jơng Krơng"
    ).split(),
    "female": (
        "H'Lan H'Mai H'Bia H'Nhi H'Yă H'Lin H'Ngơn H'Jen H'Blưm H'Thuỳ H'Ly H'Phin H'Duyên H'Nga H'Uyên "
        "H'Ngân H'Bla H'Hoa H'Thái H'Lanh"
    ).split(),
}
BAHNAR_FAMILY = {"Đinh": 8, "Đinh Ngọc": 1, "Đinh Xuân": 1, "Mnǎ": 1}
BAHNAR_GIVEN = (
    "Hlơm Blưm Nhưng Ber Glơi Hyơn Kpuih Thuyết Yă Byưk Kơnh Grứ Hmưh Pơh Dơng Ngưr Đoan Hnhă Blêr Khang "
    "Rin Mơnh Lôi Xíu Hrăm Thơm Bưi Jă Đrô Hmok"
).split()
PEOPLES = {"kinh": 52, "jrai": 33, "bahnar": 15}


def household_name(rng: random.Random) -> str:
    """A household head's name, for example "Nguyễn Văn Hùng", "Ksor H'Lan" or "Đinh Văn Hlơm"."""
    people = _weighted(rng, PEOPLES)
    sex = rng.choice(("male", "female"))
    if people == "kinh":
        family = _weighted(rng, KINH_FAMILY)
        return f"{family} {_weighted(rng, KINH_MIDDLE[sex])} {rng.choice(KINH_GIVEN[sex])}"
    if people == "jrai":
        return f"{rng.choice(JRAI_FAMILY)} {rng.choice(JRAI_GIVEN[sex])}"
    middle = "Văn" if sex == "male" else "Thị"
    return f"{_weighted(rng, BAHNAR_FAMILY)} {middle} {rng.choice(BAHNAR_GIVEN)}"


def _weighted(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), list(shares.values()))[0]
