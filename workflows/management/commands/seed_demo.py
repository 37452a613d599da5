"""Demo data: one province, one district, two communes with their villages, rounds, award forms and the
demo officials (password demo12345). Safe to run again: it only adds what is missing."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from dossiers.bonus import ensure_default_rates
from dossiers.models import AwardForm, Movement, Round
from dossiers.services.access import membership_grant
from dossiers.states import RouteName
from permissions.grants import sync_agency_grants
from permissions.models import Unit
from permissions.roles import Level, Role

DEMO_PASSWORD = "demo12345"

UNITS = [
    ("GL", "Tỉnh Gia Lai", Level.PROVINCE, None),
    ("GL-MY", "Huyện Mang Yang", Level.DISTRICT, "GL"),
    ("GL-MY-DD", "Xã Đak Djrăng", Level.COMMUNE, "GL-MY"),
    ("GL-MY-DD-01", "Làng Đê Kôn", Level.VILLAGE, "GL-MY-DD"),
    ("GL-MY-DD-02", "Làng Dơ Nâu", Level.VILLAGE, "GL-MY-DD"),
    ("GL-MY-LP", "Xã Lơ Pang", Level.COMMUNE, "GL-MY"),
    ("GL-MY-LP-01", "Làng Đê Hrel", Level.VILLAGE, "GL-MY-LP"),
    ("GL-MY-LP-02", "Làng Tơ Drăh", Level.VILLAGE, "GL-MY-LP"),
    # Today's government (from 1 July 2025): no district, the commune hangs directly under the province. Xã
    # Mang Yang is the commune made in 2025 from the former Kon Dơng town and the Đak Yă and Đak Djrăng
    # communes; its villages are the units it works with now.
    ("GL-XMY", "Xã Mang Yang", Level.COMMUNE, "GL"),
    ("GL-XMY-01", "Làng Đê Kôn", Level.VILLAGE, "GL-XMY"),
    ("GL-XMY-02", "Tổ dân phố 1", Level.VILLAGE, "GL-XMY"),
]

AWARD_FORMS = [
    ("giay_khen_xa", "Giấy khen của Chủ tịch UBND xã", "commune"),
    ("giay_khen_huyen", "Giấy khen của Chủ tịch UBND huyện", "district"),
    ("bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh", "province"),
    ("bang_khen_ttg", "Bằng khen của Thủ tướng Chính phủ", "national"),
    ("huan_chuong_ld", "Huân chương Lao động", "national"),
]

USERS = [
    ("truongthon.a1", "Đinh Văn Hlơm", Role.VILLAGE_HEAD, "GL-MY-DD-01"),
    ("truongthon.a2", "Rơ Châm Thị Hương", Role.VILLAGE_HEAD, "GL-MY-DD-02"),
    ("truongthon.b1", "Đinh Văn Ngưr", Role.VILLAGE_HEAD, "GL-MY-LP-01"),
    ("xa.a.canbo", "Nguyễn Thị Lan", Role.COMMUNE_OFFICER, "GL-MY-DD"),
    ("xa.a.chutich", "Trần Văn Đức", Role.COMMUNE_CHAIR, "GL-MY-DD"),
    ("xa.a.phochutich", "Y Blim Niê", Role.COMMUNE_VICE_CHAIR, "GL-MY-DD"),
    ("xa.b.canbo", "Lê Thị Mai", Role.COMMUNE_OFFICER, "GL-MY-LP"),
    ("xa.b.chutich", "Phạm Văn Sơn", Role.COMMUNE_CHAIR, "GL-MY-LP"),
    ("huyen.ldtbxh", "Võ Thị Hoa", Role.LABOUR_OFFICER, "GL-MY"),
    ("huyen.noivu", "Đặng Minh Tuấn", Role.APPRAISER, "GL-MY"),
    ("huyen.chutich", "Nguyễn Văn Đức", Role.DISTRICT_CHAIR, "GL-MY"),
    ("huyen.phochutich", "Trương Thị Ngọc Ánh", Role.DISTRICT_VICE_CHAIR, "GL-MY"),
    ("huyen.thanhtra", "Hoàng Thị Thu", Role.INSPECTOR, "GL-MY"),
    ("tinh.noivu", "Bùi Quang Vinh", Role.PROVINCE_OFFICER, "GL"),
    ("tinh.chutich", "Hồ Văn Niên", Role.PROVINCE_CHAIR, "GL"),
    ("tinh.phochutich", "Nguyễn Thị Thanh Lịch", Role.PROVINCE_VICE_CHAIR, "GL"),
    ("truongthon.my1", "Đinh Thị Hnhe", Role.VILLAGE_HEAD, "GL-XMY-01"),
    ("xa.my.vhxh", "Nguyễn Thị Hồng Nhung", Role.COMMUNE_OFFICER, "GL-XMY"),
    ("xa.my.kinhte", "Rơ Mah Thuân", Role.ECONOMIC_OFFICER, "GL-XMY"),
    ("xa.my.chutich", "Lê Quang Vinh", Role.COMMUNE_CHAIR, "GL-XMY"),
    ("xa.my.phochutich", "Siu Thị Hằng", Role.COMMUNE_VICE_CHAIR, "GL-XMY"),
]


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (chạy lại nhiều lần không sao)."

    @transaction.atomic
    def handle(self, *args, **options):
        admin = self._admin()
        units = self._units()
        self._catalog()
        for username, full_name, role, unit_code in USERS:
            user = self._user(username, full_name)
            membership_grant(by=admin, user=user, role=role, unit=units[unit_code])
            sync_agency_grants(user)  # agencies added since the role was granted
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu mẫu; mật khẩu của mọi tài khoản: demo12345"))

    def _admin(self):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Quản trị"}
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        return admin

    def _user(self, username, full_name):
        last, _, first = full_name.rpartition(" ")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    def _units(self):
        units = {}
        for code, name, level, parent in UNITS:
            unit, _ = Unit.objects.get_or_create(
                code=code, defaults={"name": name, "level": level, "parent": units.get(parent)}
            )
            units[code] = unit
            unit.ensure_agencies()
        return units

    def _catalog(self):
        for position, (code, name, level) in enumerate(AWARD_FORMS):
            AwardForm.objects.get_or_create(
                code=code, defaults={"name": name, "authority_level": level, "position": position}
            )
        ensure_default_rates(AwardForm.objects.all())
        movement, _ = Movement.objects.get_or_create(
            name="Vì người nghèo – Không để ai bị bỏ lại phía sau",
            defaults={"start_year": 2021, "end_year": 2025},
        )
        deadline = timezone.localdate() + datetime.timedelta(days=90)
        Round.objects.get_or_create(
            movement=movement,
            name="Tổng kết 2021–2025",
            defaults={
                "kind": Round.Kind.FINAL,
                "year": 2025,
                "deadline": deadline,
                "is_open": True,
                "route": RouteName.THREE_TIER,
            },
        )
        year = timezone.localdate().year
        Round.objects.get_or_create(
            movement=movement,
            name=f"Khen thưởng hằng năm {year}",
            defaults={
                "kind": Round.Kind.ANNUAL,
                "year": year,
                "deadline": deadline,
                "is_open": True,
                "route": RouteName.TWO_TIER,
            },
        )
