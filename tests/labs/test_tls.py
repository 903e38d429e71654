"""Per-cluster certificates: signed by the cluster's CA, valid for 127.0.0.1, keys private."""

from __future__ import annotations

import ipaddress
import os
import pwd
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from labs import tls


def test_server_certificate_is_signed_by_the_cluster_ca_for_loopback() -> None:
    ca = tls.Authority.create("c1")
    pem = ca.server("manager1", ["172.29.0.10"])
    cert = x509.load_pem_x509_certificate(pem.cert)
    public = ca.cert.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    cert.verify_directly_issued_by(ca.cert)
    sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert ipaddress.ip_address("127.0.0.1") in sans.get_values_for_type(x509.IPAddress)
    assert "manager1" in sans.get_values_for_type(x509.DNSName)
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.SERVER_AUTH in usage


def test_another_cluster_ca_did_not_sign_it() -> None:
    one, other = tls.Authority.create("a"), tls.Authority.create("b")
    cert = x509.load_pem_x509_certificate(one.client().cert)
    try:
        cert.verify_directly_issued_by(other.cert)
    except Exception:
        return
    raise AssertionError("a certificate verified against another cluster's CA")


def test_client_files_are_private(tmp_path: Path) -> None:
    ca = tls.Authority.create("c2")
    files = tls.write_client_files(tmp_path / "c2", ca.cert_pem, ca.client())
    assert stat.S_IMODE(files.key.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "c2").stat().st_mode) == 0o700
    assert tls.client_files(tmp_path / "c2") == files
    files.key.unlink()
    assert tls.client_files(tmp_path / "c2") is None


@pytest.mark.skipif(os.geteuid() != 0, reason="sudo is about a root process")
def test_under_sudo_the_cache_is_the_invoking_users_and_handed_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nobody = pwd.getpwnam("nobody")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("SUDO_UID", raising=False)
    assert tls.cache_root() == Path.home() / ".cache" / "orquestra-lab" / "clusters"
    monkeypatch.setenv("SUDO_UID", str(nobody.pw_uid))
    monkeypatch.setenv("SUDO_GID", str(nobody.pw_gid))
    assert tls.cache_root() == Path(nobody.pw_dir) / ".cache" / "orquestra-lab" / "clusters"
    made = tmp_path / "vm"
    (made / "tls").mkdir(parents=True)
    (made / "tls" / "key.pem").write_text("secret")
    (made / "tls" / "key.pem").chmod(0o600)
    tls.give_back(made)
    for path in (made, made / "tls", made / "tls" / "key.pem"):
        assert (path.stat().st_uid, path.stat().st_gid) == (nobody.pw_uid, nobody.pw_gid)
    assert (made / "tls" / "key.pem").stat().st_mode & 0o777 == 0o600
