"""Small readings of a request shared by the pages."""

from django.utils.http import url_has_allowed_host_and_scheme

from workflows.services.payloads import identifier


def safe_next(request, fallback):
    """The form's `next`, if it is a path of this site: a crafted form cannot send the official elsewhere."""
    wanted = request.POST.get("next") or ""
    # As Django's login view does: on an HTTPS site, a plain-HTTP address of the same host is refused too.
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else fallback


def task_ids(request) -> list[int]:
    """The ticked tasks; anything that is not a plausible id is left out."""
    return [pk for pk in (identifier(value) for value in request.POST.getlist("task")) if pk is not None]


def refusal_text(refusal) -> str:
    """A service refusal as one message: the summary, then what each field says."""
    details = " ".join(message for messages in refusal.errors.values() for message in messages)
    return f"{refusal.message} {details}".strip()


def show_refusal(form, refusal) -> None:
    """A service refusal on the form that sent it: each message next to the field it is about, the others
    (and the summary, when no field is named) above the form."""
    for field, messages in (refusal.errors or {"__all__": [refusal.message]}).items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
