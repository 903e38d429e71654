"""labs.overlay without a cluster: reading what a task's nc got back, the counting rules,
and the chart of what crossed the wire. (On a cluster: lesson 06's checks and notebook.)"""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

from labs import overlay
from labs.overlay import Answer, Wire
from labs.widgets.plots import wire

SHOP_502 = ("HTTP/1.0 502 Bad Gateway\r\nContent-Type: text/plain\r\n\r\n"
            "api: version=v1 task=abc node=worker1 slot=1\n"
            "error: store unavailable: cannot reach http://store/list: bad address 'store'\n")


def test_a_shop_answer_is_read_with_its_status_and_who_served_it() -> None:
    status, body = overlay._parse(SHOP_502)
    answer = Answer(status, body, "api", "api.1", "worker1")
    assert status == 502 and not answer.ok
    assert answer.served("api") and not answer.served("store")
    assert answer.error() == "store unavailable: cannot reach http://store/list: " \
                             "bad address 'store'"


def test_no_answer_keeps_what_nc_said() -> None:
    status, body = overlay._parse("nc: bad address 'store'\n")
    assert status is None and body == "nc: bad address 'store'"
    assert Answer(status, body, "web", "web.1", "worker2").error() == body


def test_the_request_goes_to_the_host_port_and_path_of_the_url() -> None:
    command = overlay._http("http://store:8080/list?x=1", 5)[-1]
    assert "GET /list?x=1 HTTP/1.0" in command and "nc -w 5 store 8080" in command
    assert "nc -w 5 api 80" in overlay._http("http://api/stock", 5)[-1]


def test_the_clear_text_rule_counts_only_what_no_ipsec_policy_took() -> None:
    clear, esp, decrypted = overlay._rule_set("store:", "t")
    assert clear[:5] == ["INPUT", "-p", "udp", "--dport", "4789"]
    assert clear[clear.index("policy") + 1:][:4] == ["--dir", "in", "--pol", "none"]
    assert decrypted[decrypted.index("policy") + 1:][:4] == ["--dir", "in", "--pol", "ipsec"]
    assert esp[:3] == ["INPUT", "-p", "esp"]
    assert not any("-j" in rule for rule in (clear, esp, decrypted))  # they only count


def test_the_counters_are_read_from_the_listing_by_their_comments() -> None:
    listing = (
        "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
        "    pkts      bytes target     prot opt in     out     source      destination\n"
        "       0        0            udp  --  *      *       0.0.0.0/0   0.0.0.0/0   "
        "udp dpt:4789 policy match dir in pol none STRING match  \"store:\" ALGO name bm "
        "TO 65535 /* t-clear */\n"
        "      48     6400            esp  --  *      *       0.0.0.0/0   0.0.0.0/0   "
        "/* t-esp */\n"
        "      10     1500            udp  --  *      *       0.0.0.0/0   0.0.0.0/0   "
        "udp dpt:4789 policy match dir in pol ipsec STRING match  \"store:\" ALGO name bm "
        "TO 65535 /* t-decrypted */\n")
    wire = Wire("worker2", "store:")
    overlay._count(listing, wire, "t")
    assert (wire.clear, wire.esp, wire.decrypted) == (0, 48, 10)
    assert str(wire) == "worker2: clear=0 esp=48 decrypted=10"


def test_the_wire_chart_draws_readable_and_esp_bars_per_network() -> None:
    fig = wire({"vitrine": Wire("worker2", "store:", clear=10, esp=0),
                "sigilo": (0, 48)}, lang="en")
    ax = fig.axes[0]
    heights = sorted(int(p.get_height()) for p in ax.patches if isinstance(p, Rectangle))
    assert heights == [0, 0, 10, 48]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["vitrine", "sigilo"]
    assert ax.get_ylabel() == "Packets received"
    assert wire({"a": (1, 2)}, lang="pt-BR").axes[0].get_ylabel() == "Pacotes recebidos"


@pytest.mark.parametrize("counts", [{}, {"a": (1,)}, {"a": (-1, 2)}, {"a": (1.5, 2)}])
def test_the_wire_chart_rejects_bad_counts(counts: dict[str, tuple[float, ...]]) -> None:
    with pytest.raises(ValueError):
        wire(counts)
