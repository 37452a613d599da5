import datetime

from django.db import migrations

LINES = [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
     "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019", None, None),
    ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", None, None),
    ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
     "một số điều của Luật Thi đua, khen thưởng", None, datetime.date(2025, 6, 30)),
    ("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành "
     "một số điều của Luật Thi đua, khen thưởng", datetime.date(2025, 7, 1), None),
]


def add_lines(apps, schema_editor):
    LegalBasis = apps.get_model("dossiers", "LegalBasis")
    for position, (text, valid_from, valid_to) in enumerate(LINES):
        LegalBasis.objects.get_or_create(text=text, defaults={"position": position, "valid_from": valid_from,
                                                              "valid_to": valid_to})


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0004_legal_basis")]
    operations = [migrations.RunPython(add_lines, migrations.RunPython.noop)]
