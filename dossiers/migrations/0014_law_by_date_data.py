"""The law by date, as data (issue 16, item 4): the bases of the two-tier government from 1 July 2025, the
base salary of 1 July 2026, the rounding of bonuses, the per-kind bonus multiples with their sources, the
titles the commune chair grants since 1 July 2025, and the appraisal checklists of the plans. Adds only what
is missing; the tables are copied here (not imported) so that this migration keeps meaning what it meant."""

import datetime

from django.db import migrations

REFORM = datetime.date(2025, 7, 1)
BEFORE_REFORM = datetime.date(2025, 6, 30)

LAW_2015 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
# (text, position, valid_from, issuer level or "" for every decider, note)
BASES = [
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
        0,
        REFORM,
        "",
        "Luật số 72/2025/QH15, hiệu lực từ 01/07/2025, thay Luật năm 2015: chính quyền địa phương hai cấp.",
    ),
    (
        "Căn cứ Nghị định số 129/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ quy định về phân định "
        "thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Nội vụ",
        4,
        REFORM,
        "commune",
        "Điều 59: Chủ tịch UBND xã tặng thôn, tổ dân phố văn hóa, Gia đình văn hóa, Tập thể lao động tiên "
        "tiến, Chiến sĩ thi đua cơ sở, Lao động tiên tiến và Giấy khen. Nghị định phân định thẩm quyền của "
        "đợt tháng 6/2025: kiểm tra thời hạn hiệu lực và điền “áp dụng đến” khi có văn bản thay thế.",
    ),
]
DECREE_152 = "Căn cứ Nghị định số 152/2025/NĐ-CP"
DECREE_152_NOTE = (
    "Hiệu lực từ 01/07/2025, thay Nghị định 98/2023/NĐ-CP; thuộc nhóm nghị định phân cấp áp dụng đến "
    "01/03/2027 nếu không được gia hạn: khi đó điền “áp dụng đến” và thêm văn bản thay thế."
)

SALARIES = [(datetime.date(2023, 7, 1), 1_800_000), (datetime.date(2026, 7, 1), 2_530_000)]
ROUNDING_SOURCE = (
    "Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2: tiền thưởng sau khi nhân với hệ số mức lương cơ sở được làm "
    "tròn số lên hàng chục nghìn đồng (0,3 × 2.340.000 = 702.000 → 710.000 đ). Một số nguồn thứ cấp ghi số "
    "chưa làm tròn (702.000 đ): đổi thành “Không làm tròn” từ một ngày nếu địa phương áp dụng như vậy."
)

# (code, name, position): granted by the commune chair since 1 July 2025 (Decree 129/2025, Art. 59).
COMMUNE_TITLES = [
    ("lao_dong_tien_tien", "Lao động tiên tiến", 10),
    ("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", 11),
    ("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", 12),
    ("thon_van_hoa", "Thôn, tổ dân phố văn hóa", 13),
    ("gia_dinh_van_hoa", "Gia đình văn hóa", 14),
]

ART_50 = "Nghị định 152/2025/NĐ-CP, Điều 50"
SECONDARY = "theo nguồn thứ cấp (shared/domain.md); đối chiếu văn bản gốc"
GIAY_KHEN = [
    ("", "0.30", f"{ART_50}: Giấy khen 0,3 lần mức lương cơ sở (mức chung)"),
    ("individual", "0.30", f"{ART_50}: Giấy khen, cá nhân 0,3 lần mức lương cơ sở"),
    ("collective", "0.60", f"{ART_50}: Giấy khen, tập thể 0,6 lần (gấp đôi cá nhân), {SECONDARY}"),
    ("enterprise", "0.60", f"{ART_50}: doanh nghiệp, hợp tác xã được khen là tập thể: như tập thể (0,6)"),
    (
        "household",
        "0.45",
        f"{ART_50}: Giấy khen, hộ gia đình 1,5 lần mức của cá nhân (1,5 × 0,3 = 0,45), {SECONDARY}",
    ),
]
DISTRICT_NOTE = (
    "; như Giấy khen của Chủ tịch UBND xã, cho các đợt theo quy trình ba cấp (không còn cấp huyện từ 01/07/2025)"
)
RATES = [
    *[("giay_khen_xa", kind, multiple, source) for kind, multiple, source in GIAY_KHEN],
    *[("giay_khen_huyen", kind, multiple, source + DISTRICT_NOTE) for kind, multiple, source in GIAY_KHEN],
    ("bang_khen_tinh", "", "1.50", "Nghị định 152/2025/NĐ-CP, Điều 54: Bằng khen của Chủ tịch UBND tỉnh 1,5 lần"),
    ("bang_khen_ttg", "", "3.50", "Nghị định 152/2025/NĐ-CP, Điều 54: Bằng khen của Thủ tướng Chính phủ 3,5 lần"),
    ("lao_dong_tien_tien", "", "0.30", f"{ART_50}: Lao động tiên tiến 0,3 lần mức lương cơ sở"),
    ("chien_si_thi_dua_co_so", "", "1.00", f"{ART_50}: Chiến sĩ thi đua cơ sở 1,0 lần mức lương cơ sở"),
    ("tap_the_lao_dong_tien_tien", "", "0.80", f"{ART_50}: Tập thể lao động tiên tiến 0,8 lần mức lương cơ sở"),
    ("thon_van_hoa", "", "1.50", f"{ART_50}: thôn, tổ dân phố văn hóa 1,5 lần mức lương cơ sở"),
]

# The checklists of the movement's plans (dossiers.criteria.CRITERIA when this migration was written).
CRITERIA = {
    "collective": [
        ("implements_policy", "Triển khai hiệu quả chính sách giảm nghèo"),
        ("mobilises_resources", "Huy động nguồn lực, vốn, kinh nghiệm giúp hộ nghèo"),
        (
            "living_conditions_improved",
            "Đời sống người nghèo cải thiện rõ (thu nhập, y tế, giáo dục, nhà ở, nước sạch, thông tin)",
        ),
        ("poverty_rate_target_met", "Tỷ lệ hộ nghèo giảm đạt hoặc vượt chỉ tiêu"),
        ("funds_used_and_reported", "Sử dụng kinh phí đúng mục đích, báo cáo đúng hạn"),
        ("models_replicated", "Tuyên truyền, nhân rộng mô hình giảm nghèo hiệu quả"),
    ],
    "individual": [
        ("close_to_grassroots", "Sâu sát cơ sở"),
        ("policy_initiatives", "Có sáng kiến trong tham mưu, xây dựng chính sách"),
        ("removes_obstacles", "Kịp thời tháo gỡ khó khăn cho cơ sở"),
        ("tasks_excellent", "Hoàn thành xuất sắc nhiệm vụ"),
    ],
    "household": [
        ("voluntary_exit", "Tự nguyện đăng ký thoát nghèo"),
        ("income_initiatives", "Có sáng kiến trong sản xuất, kinh doanh, tăng thu nhập"),
        ("stable_three_years_helps_others", "Thoát nghèo bền vững từ 3 năm trở lên và giúp đỡ hộ khác"),
        ("loans_used_repaid", "Sử dụng vốn vay đúng mục đích, trả lãi và gốc đúng hạn"),
        ("helps_poor_households", "Giúp đỡ cụ thể hộ nghèo (việc làm, vốn, giống, kỹ thuật)"),
    ],
    "enterprise": [
        ("concrete_contributions", "Có đóng góp cụ thể cho công tác giảm nghèo"),
        ("buys_from_poor", "Liên kết sản xuất, bao tiêu sản phẩm cho người nghèo"),
        ("training_and_jobs", "Đào tạo nghề, tạo việc làm cho người nghèo"),
        ("effective_credit", "Cho vay hiệu quả đối với hộ nghèo, cận nghèo, mới thoát nghèo"),
    ],
}


def legal_bases(apps):
    LegalBasis = apps.get_model("dossiers", "LegalBasis")
    # The 2015 law ends where the 2025 one begins (only if an administrator has not dated it already).
    LegalBasis.objects.filter(text__startswith=LAW_2015, valid_to__isnull=True).update(valid_to=BEFORE_REFORM)
    for text, position, valid_from, level, note in BASES:
        LegalBasis.objects.get_or_create(
            text=text,
            defaults={"position": position, "valid_from": valid_from, "issuer_level": level, "note": note},
        )
    LegalBasis.objects.filter(text__startswith=DECREE_152, note="").update(note=DECREE_152_NOTE)


def money(apps):
    BaseSalary = apps.get_model("dossiers", "BaseSalary")
    BonusRounding = apps.get_model("dossiers", "BonusRounding")
    for valid_from, amount in SALARIES:
        BaseSalary.objects.get_or_create(valid_from=valid_from, defaults={"amount": amount})
    BonusRounding.objects.get_or_create(valid_from=REFORM, defaults={"mode": "up_10000", "source": ROUNDING_SOURCE})


def award_forms_and_rates(apps):
    AwardForm = apps.get_model("dossiers", "AwardForm")
    BonusRate = apps.get_model("dossiers", "BonusRate")
    for code, name, position in COMMUNE_TITLES:
        AwardForm.objects.get_or_create(
            code=code,
            defaults={"name": name, "authority_level": "commune", "position": position, "valid_from": REFORM},
        )
    forms = {form.code: form for form in AwardForm.objects.all()}
    for code, kind, multiplier, source in RATES:
        if code not in forms:  # the demo's forms come later, with seed_demo (dossiers.bonus has the same table)
            continue
        rate, created = BonusRate.objects.get_or_create(
            award_form=forms[code],
            nominee_kind=kind,
            valid_from=REFORM,
            defaults={"multiplier": multiplier, "source": source},
        )
        if not created and not rate.source:
            rate.source = source
            rate.save(update_fields=["source"])


def criteria(apps):
    Criterion = apps.get_model("dossiers", "Criterion")
    if Criterion.objects.exists():
        return
    Criterion.objects.bulk_create(
        Criterion(movement=None, nominee_kind=kind, key=key, label=label, position=position)
        for kind, items in CRITERIA.items()
        for position, (key, label) in enumerate(items)
    )


def forwards(apps, schema_editor):
    legal_bases(apps)
    money(apps)
    award_forms_and_rates(apps)
    criteria(apps)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0013_law_by_date")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
