"""Waiting for a file built on the job queue: its progress, then the download."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from workflows.models import GeneratedFile


def _own(request, pk):
    generated = get_object_or_404(GeneratedFile, pk=pk)
    if generated.owner_id != request.user.pk:
        raise Http404
    return generated


@login_required
def file_status(request, pk):
    return render(request, "workflows/file_status.html", {"generated": _own(request, pk)})


@login_required
def file_download(request, pk):
    generated = _own(request, pk)
    if generated.state != GeneratedFile.State.DONE:
        raise Http404
    return FileResponse(
        generated.file.open("rb"),
        as_attachment=True,
        filename=generated.filename,
        content_type=generated.content_type,
    )
