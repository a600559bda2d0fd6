"""Issue 3: netd on a real boot: the command set through netctl on the
console and over SSH, settings that persist, static and DHCP addressing,
supervision of dropbear (respawn, crash-loop halt), and power cuts during
commits."""
import json
import os
import random
import re
import socket
import subprocess
import threading
import time

import pytest

from conftest import wait_for

KEYS = ("hostname", "net.mode", "net.ip", "net.mask", "net.gw", "net.dns", "ssh.enabled",
        "ssh.port", "ssh.password_auth", "console.login", "admin.password")


def netctl(dev, args, timeout=30):
    """Run netctl on the console; return (exit code, output)."""
    return dev.sh(f"netctl {args}", timeout=timeout, check=False)


def ok(dev, args, timeout=30):
    rc, out = netctl(dev, args, timeout)
    assert rc == 0, f"netctl {args} exited {rc}: {out}"
    return out


def kv(out):
    """Parse key=value reply lines (values as sh would read them)."""
    d = {}
    for line in out.splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            if len(v) >= 2 and v[0] == "'" and v[-1] == "'":
                v = v[1:-1].replace("'\\''", "'")
            d[k] = v
    return d


def status(dev):
    return kv(ok(dev, "status"))


def wait_netd(dev, timeout=60):
    dev.wait_sh("netctl status >/dev/null 2>&1", timeout, "netd answering on its socket")


def netd_pid(dev):
    # not pidof: netctl is the same binary and would match too
    return dev.sh("ps | grep ' /sbin/netd$'").split()[0]


def conf(dev):
    rc, out = dev.sh("cat /etc/netd.conf 2>/dev/null || echo '<none>'", check=False)
    return out


@pytest.fixture(scope="module")
def netd_key(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("netdkeys") / "id_ed25519")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "netd-test",
                    "-f", path], check=True)
    return path


def test_status_over_ssh_with_key_added_on_console(booted, netd_key):
    wait_netd(booted)
    pub = open(netd_key + ".pub").read().strip()
    ok(booted, f"ssh key add '{pub}'")
    keys = kv(ok(booted, "ssh key list"))
    assert pub in keys.values()
    # the same key twice is refused, and changes nothing
    rc, out = netctl(booted, f"ssh key add '{pub}'")
    assert rc == 1 and "already there" in out
    assert kv(ok(booted, "ssh key list")) == keys
    rc, out = netctl(booted, "ssh key add 'ssh-ed25519 not-a-key'")
    assert rc == 1 and "error:" in out
    booted.wait_ssh()
    r = wait_for(lambda: (lambda r: r if r.returncode == 0 else None)(
        booted.ssh(netd_key, "netctl status")), 60, "ssh root@dev netctl status")
    st = kv(r.stdout)
    assert st["hostname"] == "tinyfw"
    assert st["svc.dropbear.state"] == "running"
    assert st["eth0.addr"] == "10.0.2.15/24"
    assert st["eth0.link"] == "up"
    assert st["dhcp.state"] == "bound"
    assert st["net.gateway"] == "10.0.2.2"
    assert st["board"] == booted.board
    assert int(st["mem.total_kb"]) > int(st["mem.available_kb"]) > 0
    assert int(st["cfg.size_kb"]) >= int(st["cfg.free_kb"]) > 0
    assert int(st["uptime"]) >= 0 and st["version"] != "unknown"
    # machine output, and exit codes for scripts
    r = booted.ssh(netd_key, "netctl --json get hostname")
    assert r.returncode == 0
    assert json.loads(r.stdout) == {"values": {"hostname": "tinyfw"}, "ok": True}
    r = booted.ssh(netd_key, "netctl --json get no.such.key")
    assert r.returncode == 1
    j = json.loads(r.stdout)
    assert j["ok"] is False and "unknown key" in j["error"]
    assert booted.ssh(netd_key, "netctl").returncode == 2
    assert booted.ssh(netd_key, "netctl get").returncode == 2
    assert booted.ssh(netd_key, "netctl frobnicate").returncode == 2
    # netd logs to syslog, and `log` reads it back
    logs = kv(ok(booted, "log 50"))
    assert logs, "log returned no lines"
    out = ok(booted, "log 200")
    assert re.search(r"netd\[\d+\]: ready on /run/netd.sock", out)
    rc, out = netctl(booted, "log 0")
    assert rc == 1 and "1 to 500" in out
    # the lease hook is netd's own: not a public command
    assert "lease" not in ok(booted, "help")


def test_invalid_values_change_nothing(booted):
    wait_netd(booted)
    before_file, before_show = conf(booted), ok(booted, "show")
    long_name = "a" * 300
    cases = [
        ("set net.ip 999.1.1.1", "is not an IPv4 address"),
        ("set hostname 'a b'", "is not a host name"),
        ("set no.such.key 1", "unknown key"),
        (f"set hostname {long_name}", "error:"),
        ("set ssh.port 70000", "error:"),
        ("set net.mode bogus", "must be dhcp or static"),
    ]
    for args, why in cases:
        rc, out = netctl(booted, args)
        assert rc == 1, f"{args}: exit {rc}"
        assert "error:" in out and why in out, f"{args}: {out}"
    st = kv(ok(booted, "commit"))
    assert st["restart"] == ""
    assert conf(booted) == before_file
    assert ok(booted, "show") == before_show
    assert status(booted)["settings.pending"] == "0"


def test_password_is_write_only(make_device):
    dev = make_device().boot()
    wait_netd(dev)
    assert kv(ok(dev, "get admin.password"))["admin.password"] == "(unset)"
    # refused while other changes are staged
    ok(dev, "set hostname staged-one")
    rc, out = dev.sh("echo 'correct-horse-1' | netctl password set", check=False)
    assert rc == 1 and "other changes are staged" in out
    ok(dev, "revert")
    rc, out = dev.sh("echo 'short' | netctl password set", check=False)
    assert rc == 1 and "error:" in out
    dev.sh("echo 'correct-horse-1' | netctl password set")
    assert kv(ok(dev, "get admin.password"))["admin.password"] == "(set)"
    shadow_root = dev.sh("grep '^root:' /etc/shadow")
    assert shadow_root.startswith("root:$6$")
    assert "correct-horse-1" not in conf(dev) + ok(dev, "show") + ok(dev, "log 100")
    # the console login can now be turned on (it needs a password)
    ok(dev, "set console.login 1")
    assert "console" in kv(ok(dev, "commit"))["restart"]


def test_hostname_survives_reboot(make_device):
    dev = make_device().boot()
    wait_netd(dev)
    ok(dev, "set hostname kitchen")
    assert kv(ok(dev, "get hostname"))["hostname.staged"] == "kitchen"
    assert "hostname" in kv(ok(dev, "commit"))["restart"]
    assert dev.sh("hostname") == "kitchen"
    assert "hostname=kitchen" in dev.sh("cat /etc/netd.conf")
    dev.child.sendline("netctl reboot")
    dev.wait_boot()
    assert float(dev.sh("cat /proc/uptime").split()[0]) < dev.boot_seconds + 5
    wait_netd(dev)
    assert dev.sh("hostname") == "kitchen"
    assert kv(ok(dev, "get hostname"))["hostname"] == "kitchen"


class Listener:
    """A TCP listener on the host, reached from the guest as 10.0.2.2:port."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.got = []
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            c.settimeout(10)
            try:
                self.got.append(c.recv(100).decode(errors="replace").strip())
            except OSError:
                pass
            c.close()


def test_static_address_then_back_to_dhcp(make_device):
    dev = make_device().boot()
    wait_netd(dev)
    dev.wait_sh("ip -4 addr show dev eth0 | grep -q 'inet 10.0.2.15/24'", 60, "the DHCP lease")
    for args in ("set net.mode static", "set net.ip 10.0.2.77", "set net.mask 255.255.255.0",
                 "set net.gw 10.0.2.2", "set net.dns 10.0.2.3"):
        ok(dev, args)
    assert kv(ok(dev, "commit"))["restart"]
    st = status(dev)
    assert st["dhcp.state"] == "static" and st["eth0.addr"] == "10.0.2.77/24"
    assert st["svc.udhcpc.state"] == "stopped"
    assert "inet 10.0.2.15/" not in dev.sh("ip -4 addr show dev eth0")
    assert "default via 10.0.2.2" in dev.sh("ip route")
    assert dev.sh("cat /etc/resolv.conf") == "nameserver 10.0.2.3"
    # the static address really carries traffic: connect out to the host
    lis = Listener()
    tag = os.urandom(4).hex()
    dev.sh(f"echo {tag} | nc 10.0.2.2 {lis.port}")
    wait_for(lambda: tag in lis.got, 20, "the guest's connection on the host")
    # a static setup needs its address: refused as a whole, nothing changes
    ok(dev, "unset net.ip")
    rc, out = netctl(dev, "commit")
    assert rc == 1 and "net.mode=static needs net.ip" in out
    ok(dev, "revert")
    assert status(dev)["eth0.addr"] == "10.0.2.77/24"
    # back to DHCP
    ok(dev, "set net.mode dhcp")
    ok(dev, "commit")
    wait_for(lambda: status(dev)["dhcp.state"] == "bound", 60, "a new DHCP lease")
    st = status(dev)
    assert st["eth0.addr"] == "10.0.2.15/24" and st["svc.udhcpc.state"] == "running"
    assert "10.0.2.77" not in dev.sh("ip -4 addr show dev eth0")
    assert "default via 10.0.2.2" in dev.sh("ip route")


def test_dropbear_respawned_after_kill(booted):
    wait_netd(booted)
    wait_for(lambda: status(booted)["svc.dropbear.state"] == "running", 60, "dropbear up")
    st = status(booted)
    pid, restarts = st["svc.dropbear.pid"], int(st["svc.dropbear.restarts"])
    booted.sh(f"kill -9 {pid}")
    wait_for(lambda: (lambda s: s["svc.dropbear.state"] == "running" and
                      s["svc.dropbear.pid"] != pid)(status(booted)), 10,
             "dropbear respawned")
    assert int(status(booted)["svc.dropbear.restarts"]) == restarts + 1
    booted.wait_ssh(timeout=30)
    assert re.search(r"dropbear: killed by signal 9; respawning", ok(booted, "log 100"))


def test_crash_loop_is_halted_and_shown(make_device):
    dev = make_device().boot()
    wait_netd(dev)
    wait_for(lambda: status(dev)["svc.dropbear.state"] == "running", 60, "dropbear up")
    # something else holds the port: dropbear cannot listen and exits at once
    dev.sh("nc -l -p 2200 >/dev/null 2>&1 </dev/null & :")
    dev.wait_sh("netstat -ltn | grep -q ':2200 '", 10, "nc listening on 2200")
    ok(dev, "set ssh.port 2200")
    assert "sshd" in kv(ok(dev, "commit"))["restart"]
    wait_for(lambda: status(dev)["svc.dropbear.state"] == "halted", 90,
             "dropbear halted as a crash loop")
    st = status(dev)
    assert int(st["svc.dropbear.restarts"]) >= 3 and st["svc.dropbear.pid"] == "0"
    assert "halted (a crash loop)" in ok(dev, "log 100")
    # it stays halted: no respawn behind our back
    restarts = st["svc.dropbear.restarts"]
    assert status(dev)["svc.dropbear.restarts"] == restarts
    # fixing the setting brings it back
    ok(dev, "set ssh.port 22")
    ok(dev, "commit")
    wait_for(lambda: status(dev)["svc.dropbear.state"] == "running", 30, "dropbear back")
    dev.wait_ssh(timeout=30)


POWER_CUTS = int(os.environ.get("TINYFW_POWER_CUTS", "20"))


def valid_conf(text):
    """Every line of netd.conf is key=value for a known key."""
    if text == "<none>":
        return True
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        k, sep, _ = line.partition("=")
        if not sep or k not in KEYS:
            return False
    return True


def test_power_cut_during_commits(make_device):
    dev = make_device().boot()
    wait_netd(dev)
    rng = random.Random(1234)
    names = []
    for i in range(POWER_CUTS):
        # commits as fast as netd takes them, then the power goes
        dev.sh("(i=0; while :; do i=$((i+1)); netctl set hostname \"h$i\" >/dev/null && "
               "netctl commit >/dev/null; done) >/dev/null 2>&1 & :")
        dev.wait_sh("grep -q '^hostname=h' /etc/netd.conf", 30, "a first commit")
        time.sleep(rng.uniform(0.0, 1.5))  # a random moment to cut the power at
        dev.kill()
        dev.boot()
        text = conf(dev)
        assert valid_conf(text), f"cut {i}: /etc/netd.conf is not valid:\n{text}"
        wait_netd(dev)
        name = kv(ok(dev, "get hostname"))["hostname"]
        assert re.fullmatch(r"h\d+", name), f"cut {i}: hostname {name!r}"
        assert dev.sh("hostname") == name
        # netd read the file without a single problem
        assert "problem" not in ok(dev, "log 200"), f"cut {i}"
        assert dev.sh("ls /etc/ | grep -c 'netd.conf.tmp' || true") in ("0", "1")
        names.append(name)
    # the commits went on between the cuts
    assert len(set(names)) > POWER_CUTS // 2


def test_socket_door_survives_bad_input(booted):
    """Raw bytes on netd's unix socket (netctl --raw sends stdin as it is)."""
    wait_netd(booted)
    pid = netd_pid(booted)
    before = conf(booted)
    # several requests in one write are answered in order
    rc, out = booted.sh(r"printf 'get hostname\nset hostname -bad\nrevert\n' | netctl --raw",
                        check=False)
    lines = out.splitlines()
    assert rc == 1
    assert lines[0].startswith("hostname=") and lines[1] == "ok"
    assert lines[2].startswith("error: hostname: '-bad' is not a host name")
    assert lines[3] == "reverted=0" and lines[4] == "ok"
    # NUL, a control character, invalid UTF-8, an unterminated quote
    rc, out = booted.sh(r"printf 'get host\0name\nget \001x\nset hostname \377\n"
                        r"set hostname %s\n' " + "'\"open' | netctl --raw", check=False)
    assert rc == 1
    assert out.splitlines() == ["error: NUL byte in the request",
                                "error: control character in the request",
                                "error: invalid UTF-8 in the request",
                                "error: unterminated double quote"]
    # an over-long line is refused as a whole; the next request is answered
    rc, out = booted.sh(r"{ head -c 5000 /dev/zero | tr '\0' a; printf '\nget hostname\n'; }"
                        r" | netctl --raw", check=False)
    assert out.splitlines()[0] == "error: line too long (at most 4096 bytes)"
    assert out.splitlines()[1].startswith("hostname=")
    # a 1 MiB line without a newline, then the client goes
    booted.sh(r"head -c 1048576 /dev/zero | tr '\0' x | netctl --raw >/dev/null 2>&1; true",
              timeout=120)
    # more silent clients than netd has places: they are dropped after their
    # idle time, and a real request is still answered
    booted.sh("for i in 1 2 3 4 5 6 7 8 9 10; do (sleep 30 | netctl --raw >/dev/null 2>&1 &); "
              "done")
    rc, out = booted.sh("netctl get hostname", check=False, timeout=60)
    assert rc == 0 and out.startswith("hostname=")
    # nothing changed, and it is the same netd
    assert netd_pid(booted) == pid
    assert conf(booted) == before
    assert status(booted)["settings.pending"] == "0"
