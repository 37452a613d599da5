"""The appraisal checklists per nominee kind, from the movement's plans (domain.md §3)."""

from django.utils.translation import gettext_lazy as _

from .states import NomineeKind

CRITERIA = {
    NomineeKind.COLLECTIVE: [
        ("implements_policy", _("Triển khai hiệu quả chính sách giảm nghèo")),
        ("mobilises_resources", _("Huy động nguồn lực, vốn, kinh nghiệm giúp hộ nghèo")),
        (
            "living_conditions_improved",
            _("Đời sống người nghèo cải thiện rõ (thu nhập, y tế, giáo dục, nhà ở, nước sạch, thông tin)"),
        ),
        ("poverty_rate_target_met", _("Tỷ lệ hộ nghèo giảm đạt hoặc vượt chỉ tiêu")),
        ("funds_used_and_reported", _("Sử dụng kinh phí đúng mục đích, báo cáo đúng hạn")),
        ("models_replicated", _("Tuyên truyền, nhân rộng mô hình giảm nghèo hiệu quả")),
    ],
    NomineeKind.INDIVIDUAL: [
        ("close_to_grassroots", _("Sâu sát cơ sở")),
        ("policy_initiatives", _("Có sáng kiến trong tham mưu, xây dựng chính sách")),
        ("removes_obstacles", _("Kịp thời tháo gỡ khó khăn cho cơ sở")),
        ("tasks_excellent", _("Hoàn thành xuất sắc nhiệm vụ")),
    ],
    NomineeKind.HOUSEHOLD: [
        ("voluntary_exit", _("Tự nguyện đăng ký thoát nghèo")),
        ("income_initiatives", _("Có sáng kiến trong sản xuất, kinh doanh, tăng thu nhập")),
        ("stable_three_years_helps_others", _("Thoát nghèo bền vững từ 3 năm trở lên và giúp đỡ hộ khác")),
        ("loans_used_repaid", _("Sử dụng vốn vay đúng mục đích, trả lãi và gốc đúng hạn")),
        ("helps_poor_households", _("Giúp đỡ cụ thể hộ nghèo (việc làm, vốn, giống, kỹ thuật)")),
    ],
    NomineeKind.ENTERPRISE: [
        ("concrete_contributions", _("Có đóng góp cụ thể cho công tác giảm nghèo")),
        ("buys_from_poor", _("Liên kết sản xuất, bao tiêu sản phẩm cho người nghèo")),
        ("training_and_jobs", _("Đào tạo nghề, tạo việc làm cho người nghèo")),
        ("effective_credit", _("Cho vay hiệu quả đối với hộ nghèo, cận nghèo, mới thoát nghèo")),
    ],
}


def criteria_keys(nominee_kind: str) -> list[str]:
    return [key for key, _label in CRITERIA.get(nominee_kind, [])]
