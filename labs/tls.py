"""Per-cluster certificate authority and the certificates of its nodes and client.

Each cluster gets its own CA. Node daemons accept only clients whose
certificate that CA signed (``--tlsverify``), and present a server
certificate valid for 127.0.0.1, where the host reaches them. Keys are
written 0600 in a 0700 folder of the user's cache directory.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import pwd
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

VALIDITY = dt.timedelta(days=365)


def cache_root() -> Path:
    """Where the lab keeps per-cluster material: ``$XDG_CACHE_HOME/orquestra-lab``.

    Under ``sudo`` (e.g. ``sudo python -m labs vm build``), the cache of the user
    who ran sudo, not root's: what is made there is then handed back to them
    (:func:`give_back`).
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(_home() / ".cache")
    return Path(base) / "orquestra-lab" / "clusters"


def _sudo_ids() -> tuple[int, int] | None:
    """The uid and gid of the user who ran ``sudo``, when this process is root under sudo."""
    uid, gid = os.environ.get("SUDO_UID", ""), os.environ.get("SUDO_GID", "")
    if os.geteuid() != 0 or not uid.isdigit() or not gid.isdigit() or uid == "0":
        return None
    return int(uid), int(gid)


def _home() -> Path:
    ids = _sudo_ids()
    if ids is not None:
        try:
            return Path(pwd.getpwuid(ids[0]).pw_dir)
        except KeyError:
            pass
    return Path.home()


def give_back(path: Path) -> None:
    """Under ``sudo``, hand ``path`` and everything below it to the user who ran sudo,
    so their own lab sessions can use what root made (modes are kept)."""
    ids = _sudo_ids()
    if ids is None or not path.exists():
        return
    os.chown(path, *ids)
    for folder, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(Path(folder) / name, *ids, follow_symlinks=False)


@dataclass(frozen=True)
class Pem:
    """A certificate and its private key, PEM-encoded."""

    cert: bytes
    key: bytes


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _builder(subject: str, issuer: x509.Name, public: ec.EllipticCurvePublicKey
             ) -> x509.CertificateBuilder:
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(issuer)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + VALIDITY)
    )


class Authority:
    """A cluster's CA, able to sign node (server) and client certificates."""

    def __init__(self, name: str, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate):
        self.name = name
        self._key = key
        self.cert = cert

    @classmethod
    def create(cls, name: str) -> Authority:
        key = _key()
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"orquestra-lab {name} CA")])
        cert = (
            _builder(f"orquestra-lab {name} CA", subject, key.public_key())
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True, key_cert_sign=True, crl_sign=True,
                    content_commitment=False, key_encipherment=False, data_encipherment=False,
                    key_agreement=False, encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .sign(key, hashes.SHA256())
        )
        return cls(name, key, cert)

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def _sign(self, subject: str, usage: x509.ObjectIdentifier,
              sans: list[x509.GeneralName]) -> Pem:
        key = _key()
        builder = _builder(subject, self.cert.subject, key.public_key()).add_extension(
            x509.ExtendedKeyUsage([usage]), critical=False
        )
        if sans:
            builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
        cert = builder.sign(self._key, hashes.SHA256())
        return Pem(cert.public_bytes(serialization.Encoding.PEM), _key_pem(key))

    def server(self, hostname: str, ips: list[str]) -> Pem:
        """A daemon certificate for ``hostname``, 127.0.0.1, localhost and ``ips``."""
        sans: list[x509.GeneralName] = [x509.DNSName("localhost"), x509.DNSName(hostname)]
        for ip in ["127.0.0.1", *ips]:
            sans.append(x509.IPAddress(ipaddress.ip_address(ip)))
        return self._sign(hostname, ExtendedKeyUsageOID.SERVER_AUTH, sans)

    def client(self) -> Pem:
        """The certificate the host (notebook, CLI, grader) presents to daemons."""
        return self._sign("orquestra-lab client", ExtendedKeyUsageOID.CLIENT_AUTH, [])


@dataclass(frozen=True)
class ClientFiles:
    """Paths of the files a Docker client needs to reach a cluster's daemons."""

    ca: Path
    cert: Path
    key: Path


def _write(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, mode)


def write_client_files(folder: Path, ca_pem: bytes, client: Pem) -> ClientFiles:
    """Write the CA certificate and client pair (key 0600) into ``folder`` (0700)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    files = ClientFiles(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
    _write(files.ca, ca_pem, 0o644)
    _write(files.cert, client.cert, 0o644)
    _write(files.key, client.key, 0o600)
    return files


def client_files(folder: Path) -> ClientFiles | None:
    """The client files in ``folder`` if they are all there."""
    files = ClientFiles(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
    if all(p.is_file() for p in (files.ca, files.cert, files.key)):
        return files
    return None


def remove(folder: Path) -> None:
    """Forget a cluster's material."""
    shutil.rmtree(folder, ignore_errors=True)
