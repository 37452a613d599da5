"""Drafting: the village head writes and edits a dossier's content. Moving it is workflows' business."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from permissions import rules
from permissions.models import Membership, Unit
from permissions.roles import Level

from ..duplicates import citizen_id_problem
from ..errors import ActionForbidden, InvalidInput
from ..limits import too_long, too_many_nominations
from ..models import Document, Dossier, Nomination, Round
from ..models.catalog import route_of_units
from ..selectors import dossier_for_user
from ..states import AuthorityLevel, RouteName, editors
from ..text import fold
from .recording import audit_record, field_changes

NOMINATION_FIELDS = (
    "nominee_kind",
    "nominee_name",
    "award_form",
    "achievement_summary",
    "birth_year",
    "citizen_id",
)


def _nomination_snapshot(nomination: Nomination) -> dict:
    return {
        "id": nomination.pk,
        "nominee_kind": nomination.nominee_kind,
        "nominee_name": nomination.nominee_name,
        "award_form": nomination.award_form.code,
        "achievement_summary": nomination.achievement_summary,
        # The year of birth, not the citizen ID: the history is read by more people than handle the dossier.
        "birth_year": nomination.birth_year,
    }


def _check_round_open(round_: Round) -> None:
    if not round_.is_open:
        raise InvalidInput(
            _("Đợt khen thưởng đã đóng, không nhận hồ sơ mới."),
            {"round": [_("Đợt khen thưởng “%(round)s” đã đóng, không nhận hồ sơ.") % {"round": round_.name}]},
        )


def _check_route_fits(round_: Round, village: Unit) -> None:
    """A round's route must be the one the village's units run (see ``route_of_units``)."""
    if round_.route == route_of_units(village):
        return
    if round_.route == RouteName.TWO_TIER:
        problem = _(
            "Đợt “%(round)s” theo quy trình hai cấp (từ 01/07/2025), nhưng %(village)s còn thuộc một huyện: "
            "cần ghi nhận việc sắp xếp đơn vị hành chính trước khi lập hồ sơ trong đợt này."
        )
    else:
        problem = _(
            "Đợt “%(round)s” theo quy trình ba cấp (có cấp huyện), nhưng %(village)s không thuộc huyện nào: "
            "chọn một đợt theo quy trình hai cấp."
        )
    raise InvalidInput(
        problem % {"round": round_.name, "village": village.name},
        {"round": [problem % {"round": round_.name, "village": village.name}]},
    )


def _check_award_forms(route: str, nominations: list[dict] | None) -> None:
    """No district award under the two-tier government: since 1 July 2025 there is no district chair."""
    if route != RouteName.TWO_TIER:
        return
    problems = [
        _(
            "Đề nghị %(number)s: từ 01/07/2025 không còn cấp huyện, không đề nghị “%(form)s”; chọn hình thức "
            "do Chủ tịch UBND xã hoặc cấp trên quyết định."
        )
        % {"number": number, "form": item["award_form"].name}
        for number, item in enumerate(nominations or [], start=1)
        if getattr(item.get("award_form"), "authority_level", None) == AuthorityLevel.DISTRICT
    ]
    if problems:
        raise InvalidInput(
            _("Hình thức khen thưởng không phù hợp với quy trình của đợt."), {"nominations": problems}
        )


def _check_lengths(*, title: str | None, nominations: list[dict] | None) -> None:
    """Text longer than its limit is refused, never cut, in the words the form and the API use
    (dossiers.limits): pages, API, imports and commands all save through here."""
    errors = {}
    if message := too_long("title", title):
        errors["title"] = [message]
    problems = []
    for number, item in enumerate(nominations or [], start=1):
        for field in ("nominee_name", "achievement_summary"):
            if message := too_long(field, item.get(field)):
                problems.append(_("Đề nghị %(number)s: %(problem)s") % {"number": number, "problem": message})
    if message := too_many_nominations(len(nominations or [])):
        problems.insert(0, message)
    if problems:
        errors["nominations"] = problems
    if errors:
        raise InvalidInput(_("Chưa lưu được: có nội dung dài quá số ký tự cho phép."), errors)


def _check_identity(nominations: list[dict] | None) -> None:
    """A citizen ID of 12 digits agreeing with the year of birth; a year of birth that can be one."""
    problems = []
    this_year = timezone.localdate().year
    for number, item in enumerate(nominations or [], start=1):
        year = item.get("birth_year")
        if year is not None and not 1900 <= year <= this_year:
            problems.append(_("Đề nghị %(number)s: năm sinh không hợp lệ.") % {"number": number})
            year = None
        if message := citizen_id_problem(item.get("citizen_id") or "", year):
            problems.append(_("Đề nghị %(number)s: %(problem)s") % {"number": number, "problem": message})
    if problems:
        raise InvalidInput(_("Chưa lưu được: năm sinh hoặc số CCCD không hợp lệ."), {"nominations": problems})


def dossier_create(
    *,
    user,
    round: Round,
    village: Unit,
    title: str,
    nominations: list[dict],
    acting: Membership | None = None,
    before_recording=None,
) -> tuple[Dossier, Membership]:
    """Create a draft dossier with its nominations and record it. The caller (workflows) starts its process
    in ``before_recording(dossier)``: the history event comes last because appending it takes the
    province-wide chain lock until the commit, and the workflow's writes need not wait under it."""
    membership = rules.create_membership(user, village, acting)
    if membership is None:
        raise ActionForbidden(
            _("Chỉ trưởng thôn của thôn này mới được lập hồ sơ."),
            {"unit": [_("Bạn không phải trưởng thôn của %(village)s.") % {"village": village.name}]},
        )
    _check_round_open(round)
    _check_route_fits(round, village)
    _check_lengths(title=title, nominations=nominations)
    _check_identity(nominations)
    _check_award_forms(round.route, nominations)
    line = village.lineage()
    dossier = Dossier.objects.create(
        round=round,
        village=village,
        commune=line[Level.COMMUNE],
        district=line.get(Level.DISTRICT),  # none under the two-tier government
        province=line[Level.PROVINCE],
        route=round.route,
        title=title,
        created_by=user,
    )
    dossier.code = f"HS-{round.year}-{dossier.pk:06d}"
    created = [Nomination.objects.create(dossier=dossier, **item) for item in nominations]
    dossier.refresh_search_text()
    dossier.save(update_fields=["code", "search_text", "nominations_count"])
    if before_recording is not None:
        before_recording(dossier)
    audit_record(
        dossier=dossier,
        actor=user,
        membership=membership,
        action="create",
        to_status=dossier.status,
        changes={
            "title": [None, title],
            "nominations": [None, [_nomination_snapshot(n) for n in created]],
        },
    )
    return dossier, membership


@transaction.atomic
def dossier_update(
    *,
    user,
    dossier_id: int,
    title: str | None = None,
    nominations: list[dict] | None = None,
    acting: Membership | None = None,
) -> Dossier:
    """Edit a draft or returned dossier. ``nominations`` replaces the list: items with an ``id`` are kept
    and updated, items without are added, missing ones are removed (with their documents detached)."""
    dossier = dossier_for_user(user, dossier_id, for_update=True)
    membership = rules.edit_membership(user, dossier, editors(dossier.status), acting)
    if membership is None:
        raise ActionForbidden(_("Hồ sơ chỉ được sửa khi đang soạn hoặc bị trả lại, bởi trưởng thôn."))
    _check_lengths(title=title, nominations=nominations)
    _check_identity(nominations)
    _check_award_forms(dossier.route, nominations)
    changes = {}
    if title is not None and title != dossier.title:
        changes["title"] = [dossier.title, title]
        dossier.title = title
    if nominations is not None:
        changes.update(_replace_nominations(dossier, nominations))
    if changes:
        dossier.refresh_search_text()
        dossier.save(update_fields=["title", "search_text", "nominations_count", "updated"])
        audit_record(
            dossier=dossier,
            actor=user,
            membership=membership,
            action="edit",
            from_status=dossier.status,
            to_status=dossier.status,
            changes=changes,
        )
    return dossier


def _replace_nominations(dossier: Dossier, items: list[dict]) -> dict:
    existing = {n.pk: n for n in dossier.nominations.select_related("award_form")}
    before = [_nomination_snapshot(n) for n in existing.values()]
    unknown = [item["id"] for item in items if item.get("id") and item["id"] not in existing]
    if unknown:
        raise InvalidInput(
            _("Có đề nghị không thuộc hồ sơ này."),
            {
                "nominations": [
                    _("Không có đề nghị mã %(ids)s trong hồ sơ.") % {"ids": ", ".join(map(str, unknown))}
                ]
            },
        )
    keep = {item["id"] for item in items if item.get("id")}
    taken_out = {}
    for pk in set(existing) - keep:
        taken_out.update(_take_out_documents(existing[pk]))
        existing[pk].delete()
    for item in items:
        values = {key: item[key] for key in NOMINATION_FIELDS if key in item}
        if item.get("id"):
            if "nominee_name" in values:
                values["nominee_key"] = fold(values["nominee_name"])
            if values:
                Nomination.objects.filter(pk=item["id"]).update(**values)
        else:
            Nomination.objects.create(dossier=dossier, **values)
    after = [_nomination_snapshot(n) for n in dossier.nominations.select_related("award_form")]
    return {**field_changes({"nominations": before}, {"nominations": after}), **taken_out}


def _take_out_documents(nomination: Nomination) -> dict:
    """A removed nomination's documents leave the dossier with it; they stay, for its history, detached."""
    current = list(nomination.documents.filter(removed_at__isnull=True))
    nomination.documents.update(nomination=None)
    Document.objects.filter(pk__in=[d.pk for d in current]).update(removed_at=timezone.now())
    return {
        f"document:{d.pk}": [{"kind": d.kind, "name": d.original_name, "nomination": nomination.pk}, None]
        for d in current
    }
