"""Peak memory of the three heaviest files (issue 17, item 7), each built in a fresh process against a seeded
database, reported as the growth of the process's peak resident memory over its state before the build:

- the xlsx export of 100,000 rows (the dossier list's spreadsheet, as the export job builds it);
- the certificates PDF of a decision for 1,000 awardees (made in a transaction that is rolled back);
- the import of the largest workbook the importer accepts (200 rows of the longest allowed texts).

    DATABASE_URL=postgres://…/khenthuong_bench1m python -m bench.memory      (appends to docs/performance.md)
"""

import datetime
import io
import os
import random
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ("xlsx", "certificates", "import")


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _xlsx() -> int:
    from dossiers.models import Dossier
    from web.pages.exports import NOMINATION_HEADERS, nomination_rows, workbook_bytes

    ids = Dossier.objects.order_by("pk").values_list("pk", flat=True)
    dossiers = Dossier.objects.filter(pk__lte=ids[min(100_000, ids.count()) - 1])
    return len(workbook_bytes("Hồ sơ", NOMINATION_HEADERS, nomination_rows(dossiers)))


def _certificates() -> int:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from dossiers.models import Decision, Nomination
    from dossiers.printing.certificates import certificates_pdf
    from permissions.models import Unit

    with transaction.atomic():
        chair = get_user_model().objects.get(username="huyen.chutich")
        decision = Decision.objects.create(
            issuer=Unit.objects.get(code="GL-MY"),
            number="999/QĐ-UBND",
            year=2026,
            date=datetime.date(2026, 12, 1),
            signer=chair,
            signer_capacity="chair",
            recorded_by=chair,
        )
        ids = list(Nomination.objects.order_by("pk").values_list("pk", flat=True)[:1000])
        Nomination.objects.filter(pk__in=ids).update(decision=decision, outcome="awarded")
        size = len(certificates_pdf(decision, awardees=Nomination.objects.filter(pk__in=ids)))
        transaction.set_rollback(True)
    return size


def _import() -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from dossiers.limits import NAME_MAX, NOMINATIONS_MAX, SUMMARY_MAX
    from dossiers.models import AwardForm
    from dossiers.services.importing import HEADERS, read_nominees

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    form = AwardForm.objects.order_by("pk").values_list("name", flat=True).first()
    rng = random.Random(17)
    words = "thoát nghèo bền vững giúp đỡ hộ khác nuôi bò trồng cà phê tiêu lúa nước vay vốn làm nhà học nghề".split()
    for i in range(NOMINATIONS_MAX):
        # Texts as varied as real ones: a repeated phrase packs so tightly that the importer takes it for a
        # zip bomb and refuses it.
        name = " ".join(rng.choice(words) for _ in range(NAME_MAX))[: NAME_MAX - 8] + f" {i}"
        summary = " ".join(rng.choice(words) for _ in range(SUMMARY_MAX))[:SUMMARY_MAX]
        sheet.append(["Hộ gia đình", name, form, summary])
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    del workbook, sheet, buffer
    upload = SimpleUploadedFile("de-nghi.xlsx", content)
    rows = read_nominees(upload)
    return len(rows)


def measure_one(case: str) -> str:
    """Run in the child: the growth of peak resident memory while building ``case`` (MB) and its size."""
    _setup()
    from django.db import connection

    connection.ensure_connection()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    made = {"xlsx": _xlsx, "certificates": _certificates, "import": _import}[case]()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return f"{(after - before) / 1024:.0f}\t{made}"


LABELS = {
    "xlsx": ("xlsx export, 100,000 rows", "bytes"),
    "certificates": ("certificates PDF, 1,000 awardees", "bytes"),
    "import": ("import of the largest accepted workbook (200 rows of the longest texts)", "nominees read"),
}


def main() -> None:
    lines = [
        "",
        f"### Peak memory — {datetime.date.today():%d/%m/%Y}",
        "",
        "| file | peak memory growth | size |",
    ]
    lines.append("|---|---|---|")
    for case in CASES:
        out = (
            subprocess.run(
                [sys.executable, "-m", "bench.memory", "--one", case],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        grown, made = out.split("\t")
        label, unit = LABELS[case]
        lines.append(f"| {label} | {grown} MB | {int(made):,} {unit} |")
    output = "\n".join(lines) + "\n"
    print(output)
    with open(ROOT / "docs" / "performance.md", "a") as doc:
        doc.write(output)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(measure_one(sys.argv[2]))
    else:
        main()
