from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers.criteria import checklist
from dossiers.limits import TextLimit, limit_hint_lazy
from dossiers.models import (
    AuditEvent,
    AwardForm,
    Decision,
    Document,
    Dossier,
    FlagDecision,
    Nomination,
    Round,
)
from dossiers.states import NomineeKind, SignerCapacity
from permissions.models import Membership, Unit
from permissions.names import full_name
from permissions.roles import Level
from workflows.deadlines import due_date, is_overdue
from workflows.routes import stage_of
from workflows.services.transitions import allowed_transitions

from ..duplicate_flags import visible_flags


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["code", "name", "level"]


class MembershipSerializer(serializers.ModelSerializer):
    unit = UnitSerializer()
    role_display = serializers.CharField(source="get_role_display")
    acting_for = serializers.SerializerMethodField(
        help_text="For a role lent to the user: whose it is and for which dates (null for their own role)."
    )

    class Meta:
        model = Membership
        fields = ["id", "role", "role_display", "unit", "acting_for"]

    def get_acting_for(self, membership) -> dict | None:
        lent = membership.delegation
        if lent is None:
            return None
        return {
            "delegation": lent.pk,
            "delegator": lent.delegator.username,
            "delegator_name": full_name(lent.delegator),
            "starts_on": lent.starts_on.isoformat(),
            "ends_on": lent.ends_on.isoformat(),
        }


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    is_superuser = serializers.BooleanField()
    memberships = MembershipSerializer(many=True)


class RoundSerializer(serializers.ModelSerializer):
    movement = serializers.CharField(source="movement.name")

    class Meta:
        model = Round
        fields = ["id", "name", "kind", "year", "deadline", "is_open", "movement"]


class CriterionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã tiêu chí, dùng làm khóa trong “criteria” khi thẩm định"))
    label = serializers.CharField(help_text=_("Nội dung tiêu chí"))


class CriterionMarkSerializer(CriterionSerializer):
    met = serializers.BooleanField(
        allow_null=True, help_text=_("true: đạt; false: chưa đạt; null: chưa thẩm định")
    )


class NomineeKindCriteriaSerializer(serializers.Serializer):
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices)
    nominee_kind_display = serializers.CharField()
    criteria = CriterionSerializer(many=True)


class CriteriaSerializer(serializers.Serializer):
    reason_min_length = serializers.IntegerField(
        help_text=_("Số ký tự tối thiểu của lý do khi đủ điều kiện mà còn tiêu chí chưa đạt")
    )
    nominee_kinds = NomineeKindCriteriaSerializer(many=True)


class NominationSerializer(serializers.ModelSerializer):
    award_form = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_form_name = serializers.CharField(source="award_form.name", read_only=True)
    checklist = serializers.SerializerMethodField(
        help_text=_("Các tiêu chí thẩm định của loại đối tượng này, theo thứ tự, với kết quả đánh dấu")
    )
    citizen_id = serializers.SerializerMethodField(
        help_text=_("Số CCCD: chỉ trả cho người xử lý hồ sơ; rỗng với người khác")
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "nominee_kind",
            "nominee_name",
            "birth_year",
            "citizen_id",
            "award_form",
            "award_form_name",
            "achievement_summary",
            "commune_approved",
            "commune_votes_for",
            "eligible",
            "criteria",
            "checklist",
            "eligibility_reason",
            "appraisal_note",
            "outcome",
            "decision",
        ]

    @extend_schema_field(CriterionMarkSerializer(many=True))
    def get_checklist(self, nomination) -> list[dict]:
        return checklist(nomination.nominee_kind, nomination.criteria)

    def get_citizen_id(self, nomination) -> str:
        # The view that builds the dossier asks permissions.rules.handles_dossier; anywhere else: hidden.
        return nomination.citizen_id if self.context.get("shows_citizen_id") else ""


class LimitedTextField(serializers.CharField):
    """Text with a limit from dossiers.limits, refused with the drafting service's own message (DRF's
    max_length would say it in other words); the schema reads the limit from the validator (maxLength)."""

    def __init__(self, *, limit: str, **kwargs):
        super().__init__(validators=[TextLimit(limit)], help_text=limit_hint_lazy(limit), **kwargs)


class CodeField(serializers.SlugRelatedField):
    """A catalogue entry or unit given by its code. A code holding NUL is refused as unknown before any query:
    PostgreSQL cannot compare text with it and would answer with an error (a 500), where CharField refuses it."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\x00"))
        return super().to_internal_value(data)


class NominationInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text=_("Mã đề nghị đã có (khi sửa hồ sơ)"))
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices)
    nominee_name = LimitedTextField(limit="nominee_name")
    award_form = CodeField(slug_field="code", queryset=AwardForm.objects.all())
    achievement_summary = LimitedTextField(
        limit="achievement_summary", allow_blank=True, required=False, default=""
    )
    birth_year = serializers.IntegerField(required=False, allow_null=True, help_text=_("Năm sinh (nếu có)"))
    citizen_id = serializers.CharField(
        required=False, allow_blank=True, max_length=12, help_text=_("Số CCCD, 12 chữ số (nếu có)")
    )


class DocumentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "nomination",
            "original_name",
            "content_type",
            "size",
            "uploaded_by",
            "uploaded_at",
            "removed_at",
            "replaced_by",
            "url",
        ]
        # As on the dossier page: a removed or replaced document stays listed (the history keeps it), marked.
        extra_kwargs = {
            "removed_at": {"help_text": "Gỡ khỏi hồ sơ lúc (null: tài liệu đang có trong hồ sơ)"},
            "replaced_by": {"help_text": "Mã tài liệu thay thế tài liệu này (null nếu không bị thay)"},
        }

    def get_url(self, document) -> str:
        return f"/api/dossiers/{document.dossier_id}/documents/{document.pk}/"


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.CharField()
    file = serializers.FileField(allow_empty_file=True)
    nomination = serializers.IntegerField(required=False, allow_null=True)


class DossierListSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="village.code")
    village_name = serializers.CharField(source="village.name")
    commune_name = serializers.CharField(source="commune.name")
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "title",
            "round",
            "unit",
            "village_name",
            "commune_name",
            "status",
            "status_display",
            "created",
            "status_changed",
        ]


class FlagDecisionSerializer(serializers.Serializer):
    verdict = serializers.CharField()
    reason = serializers.CharField()
    decided_by = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField()

    def get_decided_by(self, decision) -> str:
        return full_name(decision.decided_by)


class FlagSerializer(serializers.Serializer):
    flag = serializers.SerializerMethodField(help_text=_("Mã cảnh báo, gửi lại khi ghi quyết định"))
    kind = serializers.CharField(help_text=_("duplicate: trùng đề nghị cùng đợt; reaward: đã được khen"))
    nomination = serializers.IntegerField(source="nomination.pk")
    other_dossier = serializers.CharField(source="other.dossier.code")
    message = serializers.CharField()
    decision = FlagDecisionSerializer(allow_null=True)

    def get_flag(self, flag) -> str:
        return f"{flag.nomination.pk}:{flag.key}"


class FlagDecideSerializer(serializers.Serializer):
    flag = serializers.CharField(max_length=60)
    verdict = serializers.ChoiceField(choices=FlagDecision.Verdict.choices)
    reason = serializers.CharField(max_length=2000)


class DossierSerializer(DossierListSerializer):
    nominations = NominationSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField()
    stage = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField(
        help_text=_("Cảnh báo trùng đề nghị và khen lại; null với người không xử lý hồ sơ")
    )

    class Meta(DossierListSerializer.Meta):
        fields = DossierListSerializer.Meta.fields + [
            "reached_level",
            "decision_level",
            "supplement_requests",
            "meeting_held_on",
            "meeting_members_total",
            "meeting_members_present",
            "updated",
            "stage",
            "nominations",
            "documents",
            "allowed_transitions",
            "flags",
        ]

    @extend_schema_field(FlagSerializer(many=True, allow_null=True))
    def get_flags(self, dossier) -> list | None:
        request = self.context["request"]
        flags = visible_flags(request.user, dossier, getattr(request, "acting", None))
        if flags is None:
            return None
        return FlagSerializer([f for group in flags.values() for f in group], many=True).data

    def get_allowed_transitions(self, dossier) -> list[str]:
        request = self.context["request"]  # in the role the request acts in (web.api.views.ActsInRole)
        return allowed_transitions(request.user, dossier, getattr(request, "acting", None))

    def get_stage(self, dossier) -> dict | None:
        stage = stage_of(dossier)
        return {"name": stage.name, "label": str(stage.label)} if stage else None


class DossierCreateSerializer(serializers.Serializer):
    round = serializers.PrimaryKeyRelatedField(queryset=Round.objects.all())
    unit = CodeField(
        slug_field="code", queryset=Unit.objects.filter(level=Level.VILLAGE), help_text=_("Mã thôn")
    )
    title = LimitedTextField(limit="title")
    nominations = NominationInputSerializer(many=True, required=False, default=list)


class DossierUpdateSerializer(serializers.Serializer):
    title = LimitedTextField(limit="title", required=False)
    nominations = NominationInputSerializer(many=True, required=False)

    def validate(self, attrs):
        # A dossier's village, round, code and state are fixed by how it was opened and by its workflow:
        # an attempt to send them is refused rather than silently dropped.
        fixed = (
            sorted(set(self.initial_data) - set(self.fields)) if isinstance(self.initial_data, dict) else []
        )
        if fixed:
            raise serializers.ValidationError(
                {name: ["Không thể thay đổi trường này của hồ sơ."] for name in fixed}
            )
        return attrs


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None)
    actor_name = serializers.SerializerMethodField()
    unit = serializers.CharField(source="unit.code", default=None)
    unit_name = serializers.CharField(source="unit.name", default=None)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "role",
            "unit",
            "unit_name",
            "action",
            "from_status",
            "to_status",
            "comment",
            "changes",
        ]

    def get_actor_name(self, event) -> str | None:
        return full_name(event.actor) if event.actor else None


class InboxTaskSerializer(serializers.Serializer):
    task = serializers.IntegerField(source="pk")
    process = serializers.IntegerField(source="process_id")
    dossier = serializers.IntegerField(source="process.dossierprocess.dossier_id")
    dossier_code = serializers.CharField(source="process.dossierprocess.dossier.code")
    dossier_title = serializers.CharField(source="process.dossierprocess.dossier.title")
    stage = serializers.CharField(source="flow_task.name")
    stage_label = serializers.SerializerMethodField()
    status = serializers.CharField()
    assigned_to = serializers.CharField(source="owner.username", default=None)
    created = serializers.DateTimeField()

    due_at = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    def get_stage_label(self, task) -> str:
        return str(task.flow_task.task_title)

    def get_due_at(self, task) -> str | None:
        due = due_date(task, self.context["calendar"])
        return due.isoformat() if due else None

    def get_overdue(self, task) -> bool:
        return is_overdue(task, self.context["calendar"])


class AwardeeSerializer(serializers.ModelSerializer):
    nomination = serializers.IntegerField(source="pk")
    dossier = serializers.IntegerField(source="dossier_id")
    dossier_code = serializers.CharField(source="dossier.code")
    village = serializers.CharField(source="dossier.village.name")
    award_form = serializers.CharField(source="award_form.code")

    class Meta:
        model = Nomination
        fields = [
            "nomination",
            "nominee_name",
            "nominee_kind",
            "award_form",
            "dossier",
            "dossier_code",
            "village",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    issuer = UnitSerializer()
    signer = serializers.SerializerMethodField()
    awardees = AwardeeSerializer(source="awarded_nominations", many=True)

    signer_id = serializers.IntegerField(read_only=True, allow_null=True)
    signer_title = serializers.CharField(
        source="signature_line", read_only=True, help_text="Như trên quyết định: “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”."
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "number",
            "date",
            "issuer",
            "signer",
            "signer_id",
            "signer_capacity",
            "signer_title",
            "awardees",
        ]

    def get_signer(self, decision) -> str | None:
        return full_name(decision.signer) if decision.signer else None


class DecisionIssueSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    date = serializers.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    signer = serializers.IntegerField(
        min_value=1,
        max_value=2**62,
        required=False,
        help_text="Mã người ký: Chủ tịch hoặc một Phó Chủ tịch của đơn vị ra quyết định (mặc định: người gửi).",
    )
    signer_capacity = serializers.ChoiceField(
        choices=SignerCapacity.choices, required=False, help_text="Nếu gửi, phải khớp với vai trò của người ký."
    )
    dossiers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), min_length=1, max_length=500
    )
