"""Refusals raised by services. Each carries a Vietnamese message; the API and pages map them to 4xx."""


class ServiceRefusal(Exception):
    status_code = 400

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class InvalidInput(ServiceRefusal):
    """A precondition or a field of the payload is wrong: nothing was changed (400)."""

    status_code = 400


class ActionForbidden(ServiceRefusal):
    """The user may see the dossier but not do this (403)."""

    status_code = 403


class DossierNotFound(ServiceRefusal):
    """The dossier does not exist or the user may not see it (404): the two are not told apart."""

    status_code = 404


class StateConflict(ServiceRefusal):
    """Not possible from the dossier's current state, e.g. another official acted first (409)."""

    status_code = 409
