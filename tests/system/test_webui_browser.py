"""The web UI in a real browser: Debian's headless Chromium, driven by
tests/browser/webui.mjs (playwright-core), on a fresh device per board: the
first-run page, the session cookie, logging out, wrong passwords and the
back-off, the System, SSH keys, Network and Log pages. The console and
OpenSSH then confirm what the browser did. Screenshots of every page go to
out/screens/<board>/."""
import glob
import os
import shutil
import socket
import ssl
import subprocess

import pytest

from conftest import TOP, wait_for

BROWSER_DIR = os.path.join(TOP, "tests", "browser")
DRIVER = os.path.join(BROWSER_DIR, "webui.mjs")
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "browser-test-pw-1"
NEW_HOST = "webui-test"


def need_tools():
    """Fail (not skip) when the browser tooling is missing: make deps installs it."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (Debian package chromium)")
    if not shutil.which("node"):
        missing.append("node (Debian package nodejs)")
    if not os.path.isfile(os.path.join(BROWSER_DIR, "node_modules", "playwright-core",
                                       "package.json")):
        missing.append("tests/browser/node_modules/playwright-core (npm ci in tests/browser)")
    if missing:
        pytest.fail("the browser tests need: " + "; ".join(missing)
                    + ". Run `make deps` (as root or with sudo), which installs them.",
                    pytrace=False)


def https_answers(dev):
    """One HTTPS request to the device; true once it answers HTTP."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", dev.https_port), timeout=30) as s:
        with ctx.wrap_socket(s) as t:
            t.settimeout(30)
            t.sendall(b"HEAD /login HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return t.recv(64).startswith(b"HTTP/1.1 ")


def test_webui_in_chromium(make_device, board, ssh_key, tmp_path):
    need_tools()
    dev = make_device()
    dev.boot()
    dev.wait_sh("netctl status >/dev/null 2>&1", 60, "netd answering on its socket")
    # the first HTTPS connection also makes the device's certificate
    wait_for(lambda: https_answers(dev), 120, "HTTPS on the forwarded port", interval=1)

    out = os.path.join(TOP, "out", "screens", board)
    os.makedirs(out, exist_ok=True)
    for old in glob.glob(os.path.join(out, "*.png")):
        os.unlink(old)
    pub = ssh_key + ".pub"
    cmd = ["node", DRIVER, "--base", f"https://127.0.0.1:{dev.https_port}",
           "--http", f"http://127.0.0.1:{dev.http_port}", "--out", out,
           "--password", PASSWORD, "--hostname", NEW_HOST, "--pubkey", pub,
           "--chromium", CHROMIUM]
    r = subprocess.run(cmd, cwd=BROWSER_DIR, capture_output=True, text=True, timeout=660)
    with open(os.path.join(tmp_path, "webui.log"), "w") as f:
        f.write(r.stdout + r.stderr)
    print(r.stdout)
    assert r.returncode == 0, (f"webui.mjs exited {r.returncode} on {board}:\n"
                               + "\n".join((r.stdout + r.stderr).splitlines()[-40:]))
    for name in ("firstrun", "login", "status", "status-phone", "network", "ssh", "system",
                 "log", "error"):
        assert os.path.getsize(os.path.join(out, name + ".png")) > 1000, name

    # (5) what the System page set, seen from the console; the bad name changed nothing
    assert dev.sh("netctl get hostname") == f"hostname={NEW_HOST}"
    assert dev.sh("cat /proc/sys/kernel/hostname") == NEW_HOST
    # (6) the key pasted on the SSH keys page lets OpenSSH in
    dev.wait_ssh()
    s = dev.ssh(ssh_key, "netctl get hostname")
    assert s.returncode == 0, f"ssh with the key added in the browser: {s.stderr}"
    assert s.stdout.strip() == f"hostname={NEW_HOST}"
