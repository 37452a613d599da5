from django.core.management.base import BaseCommand, CommandError

from workflows.selectors import workflow_mismatches


class Command(BaseCommand):
    help = "Kiểm tra quy trình: mỗi hồ sơ đang xử lý có đúng một công việc khớp trạng thái."

    def handle(self, *args, **options):
        problems = 0
        for code, status, expected, found in workflow_mismatches():
            problems += 1
            found_text = (
                "không có quy trình" if found is None else (", ".join(found) or "không có công việc nào")
            )
            self.stdout.write(
                f"{code}: trạng thái {status}, cần {expected or 'không còn công việc'}, đang có: {found_text}"
            )
        if problems:
            raise CommandError(f"{problems} hồ sơ có quy trình không khớp trạng thái.")
        self.stdout.write(self.style.SUCCESS("Mọi hồ sơ đều khớp với quy trình."))
