"""Long work on the job queue: the file is built in memory and stored only once complete, so a failed or
retried job never leaves half a file; progress is saved as it goes for the waiting page."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from dossiers.printing.certificates import certificates_pdf
from dossiers.replica import job_reads, reads_from
from dossiers.selectors import awardees_visible_to, decisions_visible_to, dossiers_visible_to
from permissions import rules
from permissions.models import Membership
from workflows.models import GeneratedFile

from .pages.exports import NOMINATION_HEADERS, nomination_rows, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def request_file(*, user, kind: str, params: dict, filename: str, content_type: str) -> GeneratedFile:
    generated = GeneratedFile.objects.create(
        owner=user, kind=kind, params=params, filename=filename, content_type=content_type
    )
    transaction.on_commit(lambda: build_file_job.delay(generated.pk))
    return generated


def _progress(generated):
    def report(done, total):
        GeneratedFile.objects.filter(pk=generated.pk).update(
            progress=min(99, int(100 * done / max(total, 1)))
        )

    return report


def _acting(generated):
    """The role the file was asked for in (None: every role of its owner), one lent to them included. A role
    revoked (or a delegation ended) since fails the job rather than widening it to the owner's other roles."""
    pk = generated.params.get("acting")
    if pk is None:
        return None
    held = next((m for m in rules.memberships_of(generated.owner) if m.pk == pk), None)
    if held is None:
        raise Membership.DoesNotExist(f"membership {pk} is no longer held by {generated.owner}")
    return held


def _certificates(generated, report):
    owner, acting = generated.owner, _acting(generated)
    decision = decisions_visible_to(owner, acting).get(pk=generated.params["decision"])
    awardees = awardees_visible_to(owner, acting).filter(decision=decision)
    fields_only = generated.params.get("fields_only", False)
    return certificates_pdf(decision, progress=report, fields_only=fields_only, awardees=awardees)


def _dossier_export(generated, report):
    visible = dossiers_visible_to(generated.owner, _acting(generated))  # the owner's roles: on the primary
    dossiers = visible.filter(pk__in=generated.params["dossiers"])
    with reads_from(job_reads(generated.params.get("replica", False))):
        return workbook_bytes("Hồ sơ", NOMINATION_HEADERS, nomination_rows(dossiers))


BUILDERS = {"certificates": _certificates, "dossier_export": _dossier_export}


def build_file(file_id: int) -> str:
    # The job's own row and its owner's roles are read on the primary (a job run at once inside a report
    # view would otherwise look for a row just written on the replica); a builder may read a replica.
    with reads_from(DEFAULT_DB_ALIAS):
        return _build(file_id)


def _build(file_id: int) -> str:
    generated = GeneratedFile.objects.select_related("owner").get(pk=file_id)
    if generated.state == GeneratedFile.State.DONE:
        return generated.state  # a job delivered twice builds nothing twice
    GeneratedFile.objects.filter(pk=file_id).update(state=GeneratedFile.State.RUNNING, progress=0, error="")
    content = BUILDERS[generated.kind](generated, _progress(generated))
    generated.file.save(generated.filename, ContentFile(content), save=False)
    GeneratedFile.objects.filter(pk=file_id).update(
        file=generated.file.name, state=GeneratedFile.State.DONE, progress=100, finished=timezone.now()
    )
    return GeneratedFile.State.DONE


def mark_failed(file_id: int, error: Exception) -> None:
    GeneratedFile.objects.filter(pk=file_id).update(state=GeneratedFile.State.FAILED, error=str(error)[:300])


# The job on the queue (Celery finds it through CELERY_IMPORTS): retried on failure, marked failed after the
# last try. It lives with the files it builds, in the delivery layer, so the engine never imports exports.
@shared_task(bind=True, max_retries=3, default_retry_delay=5, name="web.build_file")
def build_file_job(self, file_id: int) -> str:
    try:
        return build_file(file_id)
    except Exception as error:
        if self.request.retries >= self.max_retries or self.app.conf.task_always_eager:
            mark_failed(file_id, error)
            raise
        raise self.retry(exc=error) from error
