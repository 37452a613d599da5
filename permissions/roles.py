"""Roles, agency kinds and administrative levels, and how they relate: data, not branches in code.

Both routes (workflows.routes) read these tables: the three-tier ladder of the seeds and the two-tier
government from 1 July 2025 (no districts; a commune's parent is its province).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    DISTRICT = "district", _("Huyện")
    COMMUNE = "commune", _("Xã")
    VILLAGE = "village", _("Thôn")


# The levels a unit's parent may have: since 1 July 2025 a commune hangs directly under its province.
PARENT_LEVELS = {
    Level.DISTRICT: (Level.PROVINCE,),
    Level.COMMUNE: (Level.DISTRICT, Level.PROVINCE),
    Level.VILLAGE: (Level.COMMUNE,),
}

# The levels of a unit line from the bottom up: a dossier rises through them (its ``reached_level``).
LEVEL_ORDER = [Level.VILLAGE, Level.COMMUNE, Level.DISTRICT, Level.PROVINCE]

# The dossier field that holds its unit of each level: how rules and the route find a dossier's unit line.
LEVEL_FIELD = {
    Level.VILLAGE: "village_id",
    Level.COMMUNE: "commune_id",
    Level.DISTRICT: "district_id",
    Level.PROVINCE: "province_id",
}


class Role(models.TextChoices):
    VILLAGE_HEAD = "village_head", _("Trưởng thôn")
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ thi đua – khen thưởng xã")
    COMMUNE_CHAIR = "commune_chair", _("Chủ tịch UBND xã")
    COMMUNE_VICE_CHAIR = "commune_vice_chair", _("Phó Chủ tịch UBND xã")
    LABOUR_OFFICER = "labour_officer", _("Cán bộ Phòng LĐ-TB&XH")
    APPRAISER = "appraiser", _("Chuyên viên Phòng Nội vụ")
    DISTRICT_CHAIR = "district_chair", _("Chủ tịch UBND huyện")
    DISTRICT_VICE_CHAIR = "district_vice_chair", _("Phó Chủ tịch UBND huyện")
    PROVINCE_OFFICER = "province_officer", _("Cán bộ Sở Nội vụ")
    PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND tỉnh")
    PROVINCE_VICE_CHAIR = "province_vice_chair", _("Phó Chủ tịch UBND tỉnh")
    ECONOMIC_OFFICER = "economic_officer", _("Cán bộ Phòng Kinh tế xã")
    INSPECTOR = "inspector", _("Thanh tra huyện")


class AgencyKind(models.TextChoices):
    VILLAGE_OFFICE = "ban_thon", _("Ban công tác thôn")
    COMMUNE_COMMITTEE = "ubnd_xa", _("UBND xã")
    COMMUNE_COUNCIL = "hd_tdkt_xa", _("Hội đồng TĐKT xã")
    COMMUNE_EMULATION_OFFICE = "bp_tdkt_xa", _("Bộ phận thi đua – khen thưởng xã")
    LABOUR_OFFICE = "phong_ldtbxh", _("Phòng LĐ-TB&XH")
    HOME_AFFAIRS_OFFICE = "phong_noi_vu", _("Phòng Nội vụ")
    DISTRICT_COMMITTEE = "ubnd_huyen", _("UBND huyện")
    PROVINCE_HOME_AFFAIRS = "so_noi_vu", _("Sở Nội vụ")
    # The two-tier commune's offices (Decree 150/2025): emulation work in Văn hóa – Xã hội, poverty reduction in
    # Kinh tế (in a ward: Kinh tế, Hạ tầng và Đô thị); the province's committee decides above the commune.
    COMMUNE_CULTURE_OFFICE = "phong_vhxh", _("Phòng Văn hóa – Xã hội")
    COMMUNE_ECONOMIC_OFFICE = "phong_kinh_te", _("Phòng Kinh tế")
    PROVINCE_COMMITTEE = "ubnd_tinh", _("UBND tỉnh")


# The level of the unit a membership of each role is held in.
ROLE_LEVEL = {
    Role.VILLAGE_HEAD: Level.VILLAGE,
    Role.COMMUNE_OFFICER: Level.COMMUNE,
    Role.COMMUNE_CHAIR: Level.COMMUNE,
    Role.COMMUNE_VICE_CHAIR: Level.COMMUNE,
    Role.LABOUR_OFFICER: Level.DISTRICT,
    Role.APPRAISER: Level.DISTRICT,
    Role.DISTRICT_CHAIR: Level.DISTRICT,
    Role.DISTRICT_VICE_CHAIR: Level.DISTRICT,
    Role.PROVINCE_OFFICER: Level.PROVINCE,
    Role.PROVINCE_CHAIR: Level.PROVINCE,
    Role.PROVINCE_VICE_CHAIR: Level.PROVINCE,
    Role.ECONOMIC_OFFICER: Level.COMMUNE,
    Role.INSPECTOR: Level.DISTRICT,
}

# The agencies (of the membership's unit) whose queue a role works in. The commune chair chairs the
# emulation council and signs for the People's Committee; a vice-chair decides in the committee's queue and
# signs on the chair's behalf (KT.); the commune officer also runs the emulation office, which prepares
# supplements; the inspector works in no queue (read-only).
ROLE_AGENCIES = {
    Role.VILLAGE_HEAD: [AgencyKind.VILLAGE_OFFICE],
    Role.COMMUNE_OFFICER: [
        AgencyKind.COMMUNE_COUNCIL,
        AgencyKind.COMMUNE_EMULATION_OFFICE,
        AgencyKind.COMMUNE_CULTURE_OFFICE,
    ],
    Role.COMMUNE_CHAIR: [AgencyKind.COMMUNE_COUNCIL, AgencyKind.COMMUNE_COMMITTEE],
    Role.COMMUNE_VICE_CHAIR: [AgencyKind.COMMUNE_COMMITTEE],
    Role.LABOUR_OFFICER: [AgencyKind.LABOUR_OFFICE],
    Role.APPRAISER: [AgencyKind.HOME_AFFAIRS_OFFICE],
    Role.DISTRICT_CHAIR: [AgencyKind.DISTRICT_COMMITTEE],
    Role.DISTRICT_VICE_CHAIR: [AgencyKind.DISTRICT_COMMITTEE],
    Role.PROVINCE_OFFICER: [AgencyKind.PROVINCE_HOME_AFFAIRS],
    Role.PROVINCE_CHAIR: [AgencyKind.PROVINCE_COMMITTEE],
    Role.PROVINCE_VICE_CHAIR: [AgencyKind.PROVINCE_COMMITTEE],
    Role.ECONOMIC_OFFICER: [AgencyKind.COMMUNE_ECONOMIC_OFFICE],
    Role.INSPECTOR: [],
}

# The agencies every unit of a level has (created with the unit by the seed and the admin).
LEVEL_AGENCIES = {
    Level.VILLAGE: [AgencyKind.VILLAGE_OFFICE],
    Level.COMMUNE: [
        AgencyKind.COMMUNE_COMMITTEE,
        AgencyKind.COMMUNE_COUNCIL,
        AgencyKind.COMMUNE_EMULATION_OFFICE,
        AgencyKind.COMMUNE_CULTURE_OFFICE,
        AgencyKind.COMMUNE_ECONOMIC_OFFICE,
    ],
    Level.DISTRICT: [
        AgencyKind.LABOUR_OFFICE,
        AgencyKind.HOME_AFFAIRS_OFFICE,
        AgencyKind.DISTRICT_COMMITTEE,
    ],
    Level.PROVINCE: [AgencyKind.PROVINCE_HOME_AFFAIRS, AgencyKind.PROVINCE_COMMITTEE],
}

# The name an agency takes from its unit's (created with the unit).
AGENCY_NAMES = {
    AgencyKind.VILLAGE_OFFICE: "Ban công tác {unit}",
    AgencyKind.COMMUNE_COMMITTEE: "UBND {unit}",
    AgencyKind.COMMUNE_COUNCIL: "Hội đồng Thi đua – Khen thưởng {unit}",
    AgencyKind.COMMUNE_EMULATION_OFFICE: "Bộ phận Thi đua – Khen thưởng {unit}",
    AgencyKind.COMMUNE_CULTURE_OFFICE: "Phòng Văn hóa – Xã hội {unit}",
    AgencyKind.COMMUNE_ECONOMIC_OFFICE: "Phòng Kinh tế {unit}",
    AgencyKind.LABOUR_OFFICE: "Phòng Lao động – Thương binh và Xã hội {unit}",
    AgencyKind.HOME_AFFAIRS_OFFICE: "Phòng Nội vụ {unit}",
    AgencyKind.DISTRICT_COMMITTEE: "UBND {unit}",
    AgencyKind.PROVINCE_HOME_AFFAIRS: "Sở Nội vụ {unit}",
    AgencyKind.PROVINCE_COMMITTEE: "UBND {unit}",
}

# Who fires a decision's transitions: the chair or a vice-chair of the level that decides the dossier (which
# level that is, ``permissions.rules`` reads from the dossier).
DECIDER = "decider"

# Permission checked by the workflow's tasks on the agency object (see workflows/flow.py).
AGENCY_WORK_PERMISSION = "permissions.work_in_agency"
