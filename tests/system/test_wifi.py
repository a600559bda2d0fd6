"""Issue 5: netd drives Wi-Fi on real kernel radios (the test kit's
mac80211_hwsim): station mode through the command set, DHCP on wlan0,
a wrong passphrase reported and corrected, the access point going away
and coming back, forgetting the network."""
import ipaddress
import re

import pytest

from conftest import Device, wait_for

SSID = "tinyfw-test"
PSK = "correct horse battery"
HOME = ipaddress.ip_network("10.9.0.0/24")


@pytest.fixture(scope="session")
def wifi_devices():
    devs = {}
    yield devs
    for d in devs.values():
        d.stop()


@pytest.fixture
def wdev(wifi_devices, tmp_path_factory, board):
    """One device per board with the test kit, kept across this file's
    tests (they build on each other), however pytest interleaves the
    boards (a module-scoped fixture parametrized by board is torn down
    and set up again around each test when both boards run)."""
    if board not in wifi_devices:
        d = Device(board, str(tmp_path_factory.mktemp(f"wifi-{board}")), name="wifi",
                   testkit=True)
        d.boot()
        d.wait_sh("netctl status >/dev/null 2>&1", 60, "netd")
        wifi_devices[board] = d
    return wifi_devices[board]


def unquote(v):
    """A reply value as the command set quotes it (docs/commands.md)."""
    if v.startswith("'") and v.endswith("'") and len(v) >= 2:
        return v[1:-1].replace("'\\''", "'")
    return v


def status(dev):
    out = dev.sh("netctl status")
    return {k: unquote(v) for k, v in (l.split("=", 1) for l in out.splitlines() if "=" in l)}


def wait_state(dev, state, timeout, what):
    wait_for(lambda: status(dev).get("wifi.state") == state, timeout, what, interval=1)
    return status(dev)


def test_no_radio_until_the_kit(wdev):
    st = status(wdev)
    assert st["wifi.state"] == "no-radio"
    assert st["svc.wpa_supplicant.state"] == "stopped"


def test_setup_ap_when_nothing_is_configured(wdev):
    wdev.kit_up()
    # netd sees wlan0 appear and, with no network set, starts the setup AP
    st = wait_state(wdev, "setup", 60, "the setup access point")
    assert re.fullmatch(r"tinyfw-[0-9a-f]{4}", st["wifi.ap_ssid"]), st
    assert st["svc.wpa_supplicant.state"] == "running"
    # its passphrase was made once, is secret, and is shown on the console
    assert wdev.sh("netctl get ap.psk") == "ap.psk='(set)'"
    def on_console():
        wdev.sh("true")     # pexpect reads what the console printed meanwhile
        with open(wdev.log_path, encoding="utf-8", errors="replace") as f:
            return re.search(r"setup Wi-Fi 'tinyfw-[0-9a-f]{4}', passphrase [2-9a-z]{12}",
                             f.read())
    wait_for(on_console, 10, "the passphrase on the console")


def scan_ssids(dev):
    out = dev.sh("netctl wifi scan", timeout=30)
    return dict(re.findall(r"^bss\.(\d+)\.ssid=(.*)$", out, re.M)), out


def test_scan_from_the_setup_ap(wdev):
    # the radio is the access point: netd scans through nl80211 itself
    nets, out = wait_for(lambda: (lambda r: r if SSID in r[0].values() else None)(
        scan_ssids(wdev)), 40, f"{SSID} in a scan from the setup AP", interval=2)
    idx = next(i for i, s in nets.items() if s == SSID)
    assert f"bss.{idx}.security=psk" in out
    assert status(wdev)["wifi.state"] == "setup"


def test_phone_joins_the_setup_ap(wdev):
    st = status(wdev)
    ssid = st["wifi.ap_ssid"]
    with open(wdev.log_path, encoding="utf-8", errors="replace") as f:
        psk = re.search(r"setup Wi-Fi '[^']*', passphrase ([2-9a-z]{12})", f.read()).group(1)
    wait_for(lambda: status(wdev).get("wifi.ap_addr") == "192.168.4.1", 30,
             "the setup network's address")
    # a wrong passphrase does not get in; the right one gets a lease
    rc, out = wdev.kit(f"phone join {ssid} 'not-the-passphrase'", check=False)
    assert rc != 0, out
    out = wdev.kit(f"phone join {ssid} {psk}")
    ip = ipaddress.ip_address(out.split("ip=")[1].strip())
    assert ip in ipaddress.ip_network("192.168.4.0/24"), out
    assert status(wdev)["wifi.clients"] == "1"
    # the web server answers the phone (the first-run page)
    page = wdev.kit("phone get http://192.168.4.1/")
    assert page.startswith("HTTP/1.1 303") and "Location: /login" in page, page
    # every name the phone looks up is the device (the captive DNS)
    for name in ("connectivitycheck.gstatic.com", "captive.apple.com", "example.com"):
        out = wdev.kit(f"phone dns 192.168.4.1 {name}")
        assert "rcode=0" in out and re.search(r"^a=192\.168\.4\.1$", out, re.M), out
    assert int(status(wdev)["wifi.dns_answers"]) >= 3
    # the captive-portal probes of Android, Apple and Windows lead there too
    for probe in ("/generate_204", "/hotspot-detect.html", "/connecttest.txt", "/ncsi.txt"):
        page = wdev.kit(f"phone get http://192.168.4.1{probe}")
        assert page.startswith("HTTP/1.1 302") and \
            re.search(r"^Location: http://192\.168\.4\.1/$", page, re.M), (probe, page)
    wdev.kit("phone leave")


def test_connect_gets_a_lease_over_the_air(wdev):
    out = wdev.sh(f"netctl wifi connect {SSID} '{PSK}'")
    assert "restart=wifi" in out
    wait_state(wdev, "connected", 90, f"the device on {SSID}")
    # the setup network is gone with the access point
    assert status(wdev)["svc.udhcpd.state"] == "stopped"
    wait_for(lambda: status(wdev).get("wlan0.dhcp") == "bound", 60, "a lease on wlan0")
    st = status(wdev)
    ip = ipaddress.ip_interface(st["wlan0.addr"])
    assert ip.ip in HOME, st
    assert st["wlan0.gateway"] == "10.9.0.1"
    assert st["wifi.ssid"] == SSID
    assert "is alive" in wdev.sh("ping 10.9.0.1", timeout=20)
    # both uplinks up: Ethernet's default route first (lower metric)
    routes = wdev.sh("ip -4 route show default")
    assert re.search(r"via 10\.0\.2\.2 dev eth0 .*metric 10", routes), routes
    assert re.search(r"via 10\.9\.0\.1 dev wlan0 .*metric 20", routes), routes
    # the settings as committed: the passphrase write-only
    assert wdev.sh("netctl get wifi.ssid") == f"wifi.ssid={SSID}"
    assert wdev.sh("netctl get wifi.psk") == "wifi.psk='(set)'"
    # out of setup mode the probes are ordinary missing pages
    st, = re.findall(r"HTTP/1\.1 (\d+)", wdev.sh(
        "printf 'GET /generate_204 HTTP/1.0\\r\\n\\r\\n' | nc 127.0.0.1 80 | head -1"))
    assert st in ("404", "301"), st


def test_scan_lists_the_home_ap(wdev):
    out = wdev.sh("netctl wifi scan", timeout=30)
    nets = dict(re.findall(r"^bss\.(\d+)\.ssid=(.*)$", out, re.M))
    idx = next(i for i, s in nets.items() if s == SSID)
    assert f"bss.{idx}.security=psk" in out
    assert re.search(rf"^bss\.{idx}\.signal=-\d+$", out, re.M)


def test_wrong_passphrase_is_reported_and_corrected(wdev):
    wdev.sh(f"netctl wifi connect {SSID} 'not the passphrase'")
    st = wait_state(wdev, "wrong-key", 90, "the wrong passphrase noticed")
    assert "wrong passphrase for" in st["wifi.error"] and SSID in st["wifi.error"], st
    assert st["wlan0.dhcp"] == "off"
    # corrected without a factory reset
    wdev.sh(f"netctl wifi connect {SSID} '{PSK}'")
    wait_state(wdev, "connected", 90, "the device back with the right passphrase")
    wait_for(lambda: status(wdev).get("wlan0.dhcp") == "bound", 60, "a lease again")


def test_ap_gone_and_back(wdev):
    wdev.kit("home stop")
    wait_for(lambda: status(wdev).get("wifi.state") != "connected", 60,
             "the device noticing the AP is gone", interval=1)
    assert status(wdev)["wlan0.addr"] == ""
    wdev.kit("home start")
    wait_state(wdev, "connected", 120, "the device back on the home AP")
    wait_for(lambda: status(wdev).get("wlan0.dhcp") == "bound", 60, "a new lease")
    assert ipaddress.ip_interface(status(wdev)["wlan0.addr"]).ip in HOME


def test_setup_ap_after_the_timeout_and_back(wdev):
    wdev.sh("netctl set wifi.setup_timeout 10 && netctl commit")
    wait_state(wdev, "connected", 90, "connected again after the commit")
    wdev.kit("home stop")
    # out of reach for 10 s: the setup AP, while it keeps looking
    st = wait_state(wdev, "setup", 90, "the setup AP after wifi.setup_timeout")
    assert st.get("wifi.fallback") == "1"
    assert wdev.sh("netctl get wifi.ssid") == f"wifi.ssid={SSID}"
    # the network comes back: station mode again, by itself
    wdev.kit("home start")
    wait_state(wdev, "connected", 120, "station mode again once the AP is back")
    assert "wifi.fallback" not in status(wdev)
    wait_for(lambda: status(wdev).get("wlan0.dhcp") == "bound", 60, "a lease again")
    wdev.sh("netctl unset wifi.setup_timeout && netctl commit")
    wait_state(wdev, "connected", 90, "connected after the commit")


def test_bad_input_changes_nothing(wdev):
    for args, why in (("wifi connect '' x", "wifi.ssid"),
                      (f"wifi connect {SSID} short", "wifi.psk"),
                      ("wifi connect " + "x" * 33, "wifi.ssid"),
                      ("wifi connect", "usage"), ("wifi dance", "usage")):
        rc, out = wdev.sh(f"netctl {args} 2>&1", check=False)
        assert rc != 0 and why in out, (args, out)
    assert wdev.sh("netctl get wifi.ssid") == f"wifi.ssid={SSID}"
    assert status(wdev)["wifi.state"] == "connected"


def test_web_page_forgets_and_connects(wdev, tmp_path):
    """The Wi-Fi page, with curl over HTTPS behind the login: the scan list,
    forget, then connect by picking the network and typing its passphrase."""
    from test_httpd import Web, csrf_of, h1
    wdev.sh("echo 'wifi-web-password' | netctl password set")
    web = Web(wdev, str(tmp_path / "jar"))
    st, h, _ = web.curl("/login", "-d", "password=wifi-web-password")
    assert st == 303, st
    st, _, body = web.curl("/cgi-bin/wifi", timeout=40)
    assert st == 200 and b"Networks in range" in body
    assert f'value="{SSID}"'.encode() in body and b"WPA2" in body
    token = csrf_of(body)
    st, h, _ = web.curl(f"/cgi-bin/wifi?csrf={token}", "-d", "op=forget")
    assert st == 303 and h1(h, "location") == "/cgi-bin/wifi?saved=1"
    wait_state(wdev, "setup", 60, "setup mode after forgetting on the page")
    # a wrong-length passphrase: refused next to its field, nothing changed
    st, _, body = web.curl(f"/cgi-bin/wifi?csrf={token}", "--data-urlencode", f"ssid={SSID}",
                           "-d", "op=connect&psk=short", timeout=40)
    assert st == 200 and b"class=err" in body and b"passphrase" in body
    assert wdev.sh("netctl get wifi.ssid") == "wifi.ssid=''"
    st, h, _ = web.curl(f"/cgi-bin/wifi?csrf={token}", "-d", "op=connect",
                        "--data-urlencode", f"ssid={SSID}", "--data-urlencode", f"psk={PSK}")
    assert st == 303, st
    wait_state(wdev, "connected", 90, "the device joined from the page")
    wait_for(lambda: status(wdev).get("wlan0.dhcp") == "bound", 60, "a lease")


HOSTILE = '<b>"x"</b> caf\u00e9 \\ & ok'


def test_hostile_ssid_in_a_scan(wdev, tmp_path):
    """An SSID with markup, quotes, a backslash and UTF-8 comes from the air:
    the command protocol stays intact and the page escapes it."""
    from test_httpd import Web
    wdev.kit("home ssid '" + HOSTILE + "'")
    def listed():
        rc, out = wdev.sh("netctl wifi scan; echo rc=$?", check=False, timeout=30)
        return out if any(unquote(v) == HOSTILE for v in
                          re.findall(r"^bss\.\d+\.ssid=(.*)$", out, re.M)) else None
    out = wait_for(listed, 60, "the hostile SSID in a scan", interval=2)
    # every line of the reply is still one key=value (or the last line)
    lines = [l for l in out.splitlines() if not l.startswith("rc=")]
    assert all(re.match(r"^[a-z0-9_.]+=", l) for l in lines), lines
    assert "rc=0" in out
    web = Web(wdev, str(tmp_path / "jar"))
    st, _, _ = web.curl("/login", "-d", "password=wifi-web-password")
    assert st == 303
    st, _, body = web.curl("/cgi-bin/wifi", timeout=40)
    assert st == 200
    assert b"&lt;b&gt;&quot;x&quot;&lt;/b&gt; caf\xc3\xa9 \\ &amp; ok" in body
    assert b'<b>"x"</b>' not in body
    wdev.kit(f"home ssid {SSID}")


def test_forget_returns_to_setup(wdev):
    wdev.sh("netctl wifi forget")
    st = wait_state(wdev, "setup", 60, "the setup access point again")
    assert st["wlan0.addr"] == ""
    wait_for(lambda: status(wdev).get("svc.udhcpd.state") == "running", 30,
             "the setup network's DHCP server")
    assert "default via 10.9.0.1" not in wdev.sh("ip -4 route")
    assert wdev.sh("netctl get wifi.ssid") == "wifi.ssid=''"
