from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dossiers.errors import StateConflict
from permissions.roles import Role
from workflows.models import Reorganisation
from workflows.routes import ROUTES
from workflows.services.reorganisation import plan, reorganisation_apply


class Command(BaseCommand):
    help = (
        "Sắp xếp đơn vị hành chính: không có --apply thì chỉ chạy thử (liệt kê mọi hồ sơ, đơn vị, vai trò sẽ "
        "thay đổi); có --apply thì áp dụng tất cả hoặc không gì cả."
    )

    def add_arguments(self, parser):
        parser.add_argument("reorganisation", type=int, help="Mã đợt sắp xếp (trang quản trị)")
        parser.add_argument("--apply", action="store_true", help="Áp dụng thật")
        parser.add_argument("--by", default="admin", help="Tài khoản quản trị ghi vào lịch sử")

    def handle(self, *args, **options):
        reorganisation = Reorganisation.objects.filter(pk=options["reorganisation"]).first()
        if reorganisation is None:
            raise CommandError(f"Không có đợt sắp xếp số {options['reorganisation']}.")
        if not options["apply"]:
            self._print(plan(reorganisation), "CHẠY THỬ (chưa thay đổi gì)")
            return
        by = get_user_model().objects.filter(username=options["by"], is_superuser=True).first()
        if by is None:
            raise CommandError(f"“{options['by']}” không phải tài khoản quản trị.")
        try:
            result = reorganisation_apply(reorganisation_id=reorganisation.pk, by=by)
        except StateConflict as refused:
            raise CommandError(refused.message) from None
        self._print(result, "ĐÃ ÁP DỤNG")

    def _print(self, result, heading):
        write = self.stdout.write
        write(f"{heading}: {result.reorganisation}")
        write(f"Đơn vị kết thúc ({len(result.dissolved)}):")
        for unit, successor in result.dissolved:
            write(f"  {unit.name} → {successor.name if successor else 'bãi bỏ'}")
        write(f"Đơn vị chuyển về đơn vị cấp trên mới ({len(result.reparented)}):")
        for unit, old, new in result.reparented:
            write(f"  {unit.name}: {old.name if old else '—'} → {new.name if new else '—'}")
        write(f"Hồ sơ đang xử lý ({len(result.dossiers)}):")
        for move in result.dossiers:
            dossier, before = move.dossier, ROUTES[move.dossier.route].stages_by_name[move.dossier.stage]
            after = ROUTES[move.route_after].stages_by_name[move.stage_after]
            write(f"  {dossier.code}: {before.label} → {after.label} ({move.route_after})")
        write(f"Vai trò ({len(result.memberships)}):")
        for membership, successor in result.memberships:
            where = f"chuyển sang {successor.name}" if successor else "kết thúc"
            write(
                f"  {membership.user.username} – {Role(membership.role).label} – {membership.unit.name}: {where}"
            )
        for nomination, unit in result.flagged:
            write(
                f"  CẢNH BÁO {nomination.dossier.code}: “{nomination.nominee_name}” là tổ chức giải thể "
                f"({unit.name}); Thông tư 15/2025/TT-BNV: không khen thưởng."
            )
