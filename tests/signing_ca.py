"""A certificate authority made in the test (cryptography; no network) and PKCS#12 files it issues."""

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = "mat-khau-thu"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    )


def _certificate(subject, issuer, public_key, issuer_key, *, ca: bool):
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


class MadeCA:
    def __init__(self, directory: Path, name: str = "CA Thử Nghiệm"):
        self.directory = directory
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.cert = _certificate(_name(name), _name(name), self.key.public_key(), self.key, ca=True)
        self.root_path = directory / f"{name.replace(' ', '_')}.pem"
        self.root_path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue_pkcs12(self, common_name: str) -> Path:
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _certificate(_name(common_name), self.cert.subject, key.public_key(), self.key, ca=False)
        blob = pkcs12.serialize_key_and_certificates(
            common_name.encode(),
            key,
            cert,
            [self.cert],
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
        path = self.directory / f"{common_name.replace(' ', '_')}.p12"
        path.write_bytes(blob)
        return path
