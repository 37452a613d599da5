"""Where a signature comes from. Each source is a `Signer` adapter that hands pyHanko a ready signer; today
the administrator configures PKCS#12 files (`SigningKey`), and a hardware token (pyHanko's PKCS#11 signer) or
a remote signing service is another adapter behind the same two methods."""

import os
from abc import ABC, abstractmethod
from datetime import date

from django.utils.translation import gettext as _
from pyhanko.sign import signers

from dossiers.errors import StateConflict

from .models import SigningKey


class Signer(ABC):
    """One signature's source: the pyHanko signer (key and certificate chain) and who it speaks for."""

    @abstractmethod
    def pyhanko_signer(self) -> signers.Signer: ...

    @abstractmethod
    def label(self) -> str: ...


class Pkcs12Signer(Signer):
    def __init__(self, key: SigningKey):
        self.key = key

    def pyhanko_signer(self) -> signers.Signer:
        passphrase = os.environ.get(self.key.passphrase_env)
        if passphrase is None:
            raise StateConflict(
                _("Chưa cấu hình mật khẩu khóa ký số (biến môi trường %(name)s).")
                % {"name": self.key.passphrase_env}
            )
        loaded = signers.SimpleSigner.load_pkcs12(self.key.pkcs12_path, passphrase=passphrase.encode())
        if loaded is None:
            raise StateConflict(_("Không mở được tệp khóa ký số; kiểm tra tệp và mật khẩu."))
        return loaded

    def label(self) -> str:
        return str(self.key)


def _current(on: date, **owner) -> SigningKey | None:
    keys = SigningKey.objects.filter(valid_from__lte=on, valid_until__gte=on, **owner)
    return keys.order_by("-valid_from", "-pk").first()


def signers_for(decision, on: date) -> tuple[Signer | None, Signer | None]:
    """(the signer's own key, the issuing agency's key), each None where the administrator configured none."""
    personal = _current(on, user_id=decision.signer_id) if decision.signer_id else None
    agency = _current(on, unit_id=decision.issuer_id)
    return (Pkcs12Signer(personal) if personal else None, Pkcs12Signer(agency) if agency else None)
