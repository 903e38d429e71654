"""The prober against a real HTTP server on 127.0.0.1 that we switch off and on."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from labs.errors import LabError
from labs.probe import Prober, field, get


class _Handler(http.server.BaseHTTPRequestHandler):
    healthy = True

    def do_GET(self) -> None:
        code = 200 if _Handler.healthy else 503
        body = b"version: v1\nnode: worker1\n"
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.healthy = True
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_get_reads_status_and_body_and_says_why_nothing_answered(server: str) -> None:
    status, body = get(server)
    assert status == 200 and field(body, "node") == "worker1" and field(body, "x") is None
    status, why = get("http://127.0.0.1:9/", timeout=1)
    assert status is None and ("refused" in why or "Errno" in why)


def test_prober_measures_an_outage_and_its_rates(server: str) -> None:
    with Prober(server, interval=0.05) as probe:
        probe.wait_for(True, timeout=5)
        _Handler.healthy = False
        went = probe.wait_for(False, timeout=5)
        probe.wait_for(False, timeout=5)  # at least two failures
        _Handler.healthy = True
        back = probe.wait_for(True, timeout=5)
    outages = probe.outages()
    assert outages and outages[0][0] == went and outages[0][1] == back
    assert probe.downtime() == pytest.approx(back - went, abs=0.01)
    served, failed = probe.counts()
    assert served >= 2 and failed >= 2
    times, ok, bad = probe.rates(bucket=0.5)
    assert len(times) == len(ok) == len(bad) and sum(bad) * 0.5 == failed


def test_prober_refuses_bad_arguments_and_reuse(server: str) -> None:
    with pytest.raises(LabError, match="positive"):
        Prober(server, interval=0)
    probe = Prober(server).start()
    probe.stop()
    with pytest.raises(LabError, match="new Prober"):
        probe.start()
    with pytest.raises(LabError, match="no samples"):
        Prober(server).rates()
