"""The writes of the public notice: open it, end it early, add a comment. Each is one atomic service that
locks what it changes, asks permissions.rules, and appends the history events of the dossiers concerned.

Rate limiting a comment per address belongs to the web layer (web.rate_limits): it counts requests before
they reach this service; the service only stores the keyed hash of the address it is given."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.errors import ActionForbidden, DossierNotFound, InvalidInput, StateConflict
from dossiers.models import Round
from dossiers.services.recording import audit_record
from permissions import rules
from permissions.models import Unit
from permissions.roles import Level

from .contact import clean_contact
from .listing import listable_nominations, listed_nominations
from .models import NoticeEntry, PublicComment, PublicNotice
from .period import NOTICE_MAX_DAYS, default_closes_on

REASON_MAX = 1_000


def _period_words(notice) -> str:
    return f"{notice.opens_on:%d/%m/%Y} – {notice.closes_on:%d/%m/%Y}"


def _commune_for(user, commune_id, acting):
    """The commune, locked (it serialises two officers opening its notice at once), if the user may see its
    dossiers; 404 otherwise, as for a commune that does not exist."""
    communes = Unit.objects.filter(rules.communes_visible(user, acting), level=Level.COMMUNE)
    commune = communes.select_for_update(of=("self",)).filter(pk=commune_id).first()
    if commune is None:
        raise DossierNotFound(_("Không tìm thấy xã."))
    return commune


def _membership(user, commune, acting):
    membership = rules.public_notice_membership(user, commune, acting)
    if membership is None:
        raise ActionForbidden(_("Chỉ cán bộ thi đua – khen thưởng của xã được niêm yết công khai danh sách."))
    return membership


def _check_period(opens_on, closes_on, today) -> None:
    errors = {}
    if opens_on < today:
        errors["opens_on"] = [_("Ngày bắt đầu niêm yết không được trước hôm nay.")]
    if closes_on < opens_on:
        errors["closes_on"] = [_("Ngày kết thúc niêm yết phải từ ngày bắt đầu trở đi.")]
    elif (closes_on - opens_on).days > NOTICE_MAX_DAYS:
        errors["closes_on"] = [
            _("Thời gian niêm yết dài quá %(days)s ngày; kiểm tra lại ngày kết thúc.")
            % {"days": NOTICE_MAX_DAYS}
        ]
    if errors:
        raise InvalidInput(_("Thời gian niêm yết chưa hợp lệ."), errors)


def _end_lapsed(commune, round_, today, now) -> None:
    """A notice still marked open whose period has run out ends now; one still running refuses the new one."""
    for running in PublicNotice.objects.select_for_update().filter(
        commune=commune, round=round_, closed_at__isnull=True
    ):
        if running.closes_on >= today:
            raise StateConflict(
                _("Danh sách của xã trong đợt này đang được niêm yết đến hết ngày %(day)s.")
                % {"day": f"{running.closes_on:%d/%m/%Y}"}
            )
        running.closed_at = now
        running.save(update_fields=["closed_at"])


def notice_open(
    *,
    user,
    commune_id: int,
    round_id: int,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    acting=None,
) -> PublicNotice:
    """Post the commune's nominees of the round that wait for its council, for comments, from ``opens_on``
    (today) to ``closes_on`` (the 10th working day, ``opens_on`` the first). Each listed dossier's history
    records it."""
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        commune = _commune_for(user, commune_id, acting)
        membership = _membership(user, commune, acting)
        round_ = Round.objects.filter(pk=round_id).first()
        if round_ is None:
            raise InvalidInput(
                _("Không có đợt khen thưởng này."), {"round": [_("Chọn một đợt khen thưởng.")]}
            )
        opens_on = opens_on or today
        closes_on = closes_on or default_closes_on(opens_on)
        _check_period(opens_on, closes_on, today)
        _end_lapsed(commune, round_, today, now)
        nominations = list(listable_nominations(commune, round_))
        if not nominations:
            raise StateConflict(
                _(
                    "Trong đợt này xã không có đề nghị nào đang chờ Hội đồng họp xét để niêm yết (hồ sơ đã gửi "
                    "xã, chưa bị trả lại, rút hay loại, Hội đồng chưa biểu quyết)."
                )
            )
        try:
            with transaction.atomic():
                notice = PublicNotice.objects.create(
                    commune=commune, round=round_, opens_on=opens_on, closes_on=closes_on, opened_by=user
                )
        except IntegrityError:  # another officer's notice went in between
            raise StateConflict(_("Danh sách của xã trong đợt này vừa được niêm yết.")) from None
        NoticeEntry.objects.bulk_create(NoticeEntry(notice=notice, nomination=n) for n in nominations)
        for dossier in dict.fromkeys(n.dossier for n in nominations):
            audit_record(
                dossier=dossier,
                actor=user,
                membership=membership,
                action="public_notice_opened",
                changes={"public_notice": _period_words(notice)},
            )
    return notice


def notice_close(*, user, notice_id: int, reason: str, acting=None) -> PublicNotice:
    """End a running notice before its last day, with the reason (recorded in each listed dossier's history)."""
    reason = reason.strip() if isinstance(reason, str) else ""
    with transaction.atomic():
        notice = PublicNotice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None:
            raise DossierNotFound(_("Không tìm thấy thông báo niêm yết."))
        commune = _commune_for(user, notice.commune_id, acting)
        membership = _membership(user, commune, acting)
        if notice.has_ended():
            raise StateConflict(_("Thông báo niêm yết này đã kết thúc."))
        if not reason or "\x00" in reason or len(reason) > REASON_MAX:
            message = _("Vui lòng ghi lý do kết thúc niêm yết sớm (tối đa %(limit)s ký tự).") % {
                "limit": REASON_MAX
            }
            raise InvalidInput(message, {"reason": [message]})
        notice.closed_at, notice.closed_by, notice.close_reason = timezone.now(), user, reason
        notice.save(update_fields=["closed_at", "closed_by", "close_reason"])
        for dossier in dict.fromkeys(n.dossier for n in listed_nominations(notice)):
            audit_record(
                dossier=dossier,
                actor=user,
                membership=membership,
                action="public_notice_closed",
                comment=reason,
                changes={"public_notice": _period_words(notice)},
            )
    return notice


def comment_add(
    *,
    notice_id: int,
    nomination_id: int,
    commenter_name: str,
    phone: str,
    email: str,
    text: str,
    address_hash: str,
) -> PublicComment:
    """Anyone's comment on a nominee listed on a running notice. The dossier's history records that a public
    comment came (no name, no contact, no text: those stay in the comment, read by the officials)."""
    cleaned, errors = clean_contact(commenter_name=commenter_name, phone=phone, email=email, text=text)
    with transaction.atomic():
        notice = PublicNotice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None:
            raise DossierNotFound(_("Không tìm thấy thông báo niêm yết."))
        nomination = listed_nominations(notice).filter(pk=nomination_id).first()
        if nomination is None:
            raise DossierNotFound(_("Không tìm thấy người được đề nghị này trong danh sách niêm yết."))
        if not notice.is_running():
            raise StateConflict(_refusal_outside_period(notice))
        if errors:
            raise InvalidInput(_("Góp ý chưa gửi được, vui lòng kiểm tra lại các ô được đánh dấu."), errors)
        event = audit_record(
            dossier=nomination.dossier,
            actor=None,
            membership=None,
            action="public_comment",
            changes={"commented_nomination": nomination.pk},
        )
        return PublicComment.objects.create(
            notice=notice,
            dossier=nomination.dossier,
            nomination=nomination,
            nominee_name=nomination.nominee_name,
            address_hash=address_hash,
            event=event,
            **cleaned,
        )


def _refusal_outside_period(notice) -> str:
    if not notice.has_started():
        return _("Thời gian góp ý bắt đầu từ ngày %(day)s.") % {"day": f"{notice.opens_on:%d/%m/%Y}"}
    return _("Thời gian góp ý đã kết thúc; thông báo không còn nhận góp ý.")
