from django.core.management.base import BaseCommand, CommandError

from dossiers.chain import first_break
from dossiers.models import AuditEvent


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của lịch sử: báo sự kiện đầu tiên bị sửa, xoá hoặc đổi thứ tự."

    def handle(self, *args, **options):
        events = AuditEvent.objects.order_by("pk").iterator(chunk_size=5000)
        broken = first_break(events)
        if broken:
            event_id, reason = broken
            raise CommandError(f"Chuỗi lịch sử bị phá vỡ tại sự kiện #{event_id}: {reason}.")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Lịch sử toàn vẹn: {count} sự kiện, chuỗi mã băm khớp."))
