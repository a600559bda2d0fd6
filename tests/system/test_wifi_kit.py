"""Issue 5, the foundation: wpa_supplicant in the product, real radios from the test kit.

The kit (tests/system/kit/) loads mac80211_hwsim with three radios: wlan0
stays with the device, wlan1 is the "home" access point (WPA2-PSK, SSID
tinyfw-test, DHCP on 10.9.0.0/24) in its own network namespace, wlan2 the
"phone". Here the device's own wpa_supplicant is started by hand (netd will
own it later) and driven over its control socket.
"""
import ipaddress
import os
import re
import subprocess

import pytest

from conftest import TOP, Device, wait_for

SSID = "tinyfw-test"
PSK = "correct horse battery"


@pytest.fixture(scope="session")
def kitdevs():
    devs = {}
    yield devs
    for d in devs.values():
        d.stop()


@pytest.fixture
def kitdev(kitdevs, tmp_path_factory, board):
    """One kit boot per board, its tests in order. (Not a module-scoped
    fixture: with several boards, pytest 7.2 tears those down around every
    test of a module parametrized by board.)"""
    for b in [b for b in kitdevs if b != board]:
        kitdevs.pop(b).stop()
    if board not in kitdevs:
        d = Device(board, str(tmp_path_factory.mktemp(board)), name="kit", testkit=True)
        kitdevs[board] = d
        d.boot()
    return kitdevs[board]


def meminfo(dev):
    return {l.split(":")[0]: int(l.split()[1]) for l in dev.sh("cat /proc/meminfo").splitlines()}


def wpa(dev, iface, cmd, check=True):
    """One control request to wpa_supplicant on iface (kitctl wpa)."""
    return dev.kit(f"wpa {iface} {cmd}", check=check)


def test_product_carries_no_hwsim(board, kitdev):
    # the image as built: no kernel module at all
    listing = subprocess.run(["unsquashfs", "-l", os.path.join(TOP, "out", board,
                              "rootfs.squashfs")], capture_output=True, text=True, check=True).stdout
    assert "usr/sbin/wpa_supplicant" in listing
    assert not re.search(r"\.ko(\.\w+)?$|hwsim", listing, re.M), listing
    # and the booted device, before the kit: nothing loaded, nothing running
    assert kitdev.sh("find /bin /sbin /usr /lib /etc -name '*.ko' 2>/dev/null | wc -l") == "0"
    assert kitdev.sh("test -e /sys/module/mac80211_hwsim || echo absent") == "absent"
    assert kitdev.sh("test -e /sys/class/net/wlan0 || echo absent") == "absent"
    assert kitdev.sh("pidof wpa_supplicant", check=False)[0] != 0
    # cfg80211 is built into the product's kernel (its device class is there)
    assert kitdev.sh("test -d /sys/class/ieee80211 && echo yes") == "yes"


def test_kit_up_starts_home_ap(kitdev):
    kitdev.mem_before_kit = meminfo(kitdev)
    kitdev.kit_up()
    st = kitdev.kit("status")
    assert "hwsim=loaded" in st
    assert re.search(r"^home=wlan1 10\.9\.0\.1/24$", st, re.M), st
    assert re.search(r"^phone=wlan2", st, re.M), st
    assert "home.wpa_supplicant=" in st
    # the radios left in the device's namespace: wlan0 only
    assert kitdev.sh("ls /sys/class/net | grep wlan") == "wlan0"
    assert wpa(kitdev, "wlan1", "STATUS").count(f"ssid={SSID}") == 1


def release_radio(dev):
    """Here the test drives wlan0's wpa_supplicant by hand: a netd that owns
    Wi-Fi (wifi.mode) is told to keep off the radio first."""
    if dev.sh("netctl get wifi.mode", check=False)[0] == 0:
        dev.sh("netctl set wifi.mode off && netctl commit")
    dev.wait_sh("! ps | grep -q '[w]pa_supplicant.* -i *wlan0'", 30,
                "no wpa_supplicant on wlan0 but the test's")


def test_device_scan_lists_home_ap(kitdev):
    release_radio(kitdev)
    kitdev.sh("printf 'ctrl_interface=/run/wpa_supplicant\\n' >/tmp/dev-wpa.conf")
    before = meminfo(kitdev)
    kitdev.sh("wpa_supplicant -B -i wlan0 -c /tmp/dev-wpa.conf -P /run/dev-wpa.pid")
    kitdev.wait_sh("test -S /run/wpa_supplicant/wlan0", 20, "the device's control socket")
    assert wpa(kitdev, "wlan0", "PING") == "PONG"

    def listed():
        # a scan already running answers FAIL-BUSY: keep asking for results
        wpa(kitdev, "wlan0", "SCAN", check=False)
        return wait_for(lambda: SSID in wpa(kitdev, "wlan0", "SCAN_RESULTS"), 10,
                        "scan results", interval=1)
    wait_for(listed, 60, f"{SSID} in the device's scan results", interval=1)
    res = wpa(kitdev, "wlan0", "SCAN_RESULTS")
    line = next(l for l in res.splitlines() if l.endswith("\t" + SSID))
    assert "WPA2-PSK-CCMP" in line, line
    after = meminfo(kitdev)
    st = dict(l.split(":", 1) for l in
              kitdev.sh("cat /proc/$(cat /run/dev-wpa.pid)/status").splitlines() if ":" in l)
    print(f"\nwpa_supplicant on wlan0: VmRSS {st['VmRSS'].strip()}, RssAnon {st['RssAnon'].strip()}, "
          f"MemAvailable {before['MemAvailable']} -> {after['MemAvailable']} kB")


def test_device_joins_home_and_gets_lease(kitdev):
    net = wpa(kitdev, "wlan0", "ADD_NETWORK")
    assert net.isdigit(), net
    assert wpa(kitdev, "wlan0", f"SET_NETWORK {net} ssid '\"{SSID}\"'") == "OK"
    assert wpa(kitdev, "wlan0", f"SET_NETWORK {net} psk '\"{PSK}\"'") == "OK"
    assert wpa(kitdev, "wlan0", f"SELECT_NETWORK {net}") == "OK"
    wait_for(lambda: "wpa_state=COMPLETED" in wpa(kitdev, "wlan0", "STATUS"), 60,
             "the device associated with the home AP", interval=1)
    st = wpa(kitdev, "wlan0", "STATUS")
    assert f"ssid={SSID}" in st and "key_mgmt=WPA2-PSK" in st, st
    out = kitdev.kit("dhcp wlan0")
    ip = ipaddress.ip_address(out.split("ip=")[1].strip())
    assert ip in ipaddress.ip_network("10.9.0.0/24"), out
    assert f"inet {ip}/24" in kitdev.sh("ip -4 addr show dev wlan0")
    # real traffic over the air: the AP answers
    # BusyBox's simple ping: one echo, up to 10 s for the answer
    assert "is alive" in kitdev.sh("ping 10.9.0.1", timeout=20)


def test_phone_joins_home(kitdev):
    out = kitdev.kit(f"phone join {SSID} '{PSK}'")
    ip = ipaddress.ip_address(out.split("ip=")[1].strip())
    assert ip in ipaddress.ip_network("10.9.0.0/24"), out
    kitdev.kit("phone leave")


def test_home_ap_stop_start_and_new_psk(kitdev):
    # the device sees the AP go away and come back
    kitdev.kit("home stop")
    wait_for(lambda: "wpa_state=COMPLETED" not in wpa(kitdev, "wlan0", "STATUS"), 60,
             "the device noticing the home AP is gone", interval=1)
    kitdev.kit("home start")
    wait_for(lambda: "wpa_state=COMPLETED" in wpa(kitdev, "wlan0", "STATUS"), 90,
             "the device back on the home AP", interval=1)
    # a new passphrase: the old one no longer gets in
    kitdev.kit("home psk 'another passphrase'")
    rc, out = kitdev.kit(f"phone join {SSID} '{PSK}'", check=False)
    assert rc != 0 and "did not join" in out, out
    kitdev.kit("phone leave")
    kitdev.kit(f"home psk '{PSK}'")
