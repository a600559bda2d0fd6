#!/usr/bin/python3
"""make bench: sizes, memory, boot time and the web server of each board.

Boots each board 3 times from a fresh flash (first boot included, as a
user sees it), measures QEMU start -> console prompt and -> SSH banner,
reads /proc/meminfo once every service is up, and prints one table with a
column per board. Writes out/bench.json. Measures; asserts nothing.

On the first boot it also measures netd's web server from the host (see
HttpBench): requests per second and latency with wrk, the same pages from
BusyBox httpd in the same guest (started for the bench only, on the guest's
port 8080, forwarded to a host port), netd's RSS with idle HTTPS clients
and the TLS handshake time. BENCH_HTTP=0 skips that part.
"""
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "system"))
from conftest import TOP, Device, wait_for  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SERVICES = ("syslogd", "klogd", "netd", "udhcpc", "dropbear")
HTTP = os.environ.get("BENCH_HTTP", "1") != "0"
# wrk: one thread, two connections, a few seconds: the guest is one
# emulated CPU, so more clients only queue. Each run follows a short one
# whose numbers are dropped: QEMU translates guest code on its first runs,
# and the first requests would pay for it.
WRK_SECONDS = os.environ.get("BENCH_WRK_SECONDS", "5")
WRK_WARM_SECONDS = os.environ.get("BENCH_WRK_WARM_SECONDS", "1")
WRK_ARGS = ["-t1", "-c2", "--timeout", "10s"]
STATIC = "/style.css"
CGI = "/cgi-bin/status"
BUSYBOX_GUEST_PORT = 8080  # qemu.sh forwards BENCH_PORT to it
PASSWORD = "bench-password-1"
HANDSHAKES = 10
IDLE_CLIENTS = 4
GZIP = {"Accept-Encoding": "gzip"}
# wrk's summary as one line (its text report rounds and mixes units)
WRK_LUA = r"""
done = function(s, lat, req)
  local e = s.errors
  io.write(string.format("WRKRESULT %d %d %d %d %d %d %d %d %.1f %d %d\n",
    s.requests, s.duration, s.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, lat.mean, lat:percentile(50), lat:percentile(99)))
end
"""


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else None


def meminfo(dev):
    vals = {}
    for line in dev.sh("cat /proc/meminfo").splitlines():
        k, v = line.split(":", 1)
        vals[k] = int(v.split()[0])
    return vals


def tls_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # the device's own self-signed certificate
    return ctx


def fetch(port, path, tls=False, headers=None, method="GET", body=None):
    """One request: (status, headers dict with lower-case names, body)."""
    if tls:
        c = http.client.HTTPSConnection("127.0.0.1", port, timeout=60, context=tls_context())
    else:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        c.request(method, path, body=body, headers=headers or {})
        resp = c.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    finally:
        c.close()


def wrk(port, path, tls=False, headers=None, expect=200, workdir="/tmp"):
    """wrk against the guest; first one request to check what is measured."""
    status, hdrs, data = fetch(port, path, tls, headers)
    shown = {k: "sid=..." if k == "Cookie" else v for k, v in (headers or {}).items()}
    m = {"url": path, "tls": tls, "headers": shown, "probe_status": status,
         "probe_bytes": len(data), "probe_encoding": hdrs.get("content-encoding"),
         "probe_keep_alive": hdrs.get("connection", "").lower() != "close",
         # no length, not chunked: the reply ends when the server closes, which
         # wrk counts as a read error (the reply itself is complete and counted)
         "eof_delimited": "content-length" not in hdrs and
         hdrs.get("transfer-encoding", "").lower() != "chunked"}
    if status != expect:
        m["error"] = f"expected {expect}, got {status}"
        return m
    if not shutil.which("wrk"):
        m["error"] = "wrk is not installed (Debian package wrk; make deps)"
        return m
    script = os.path.join(workdir, "wrk-result.lua")
    with open(script, "w") as f:
        f.write(WRK_LUA)
    args = ["wrk", *WRK_ARGS, "-s", script]
    for k, v in (headers or {}).items():
        args += ["-H", f"{k}: {v}"]
    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}{path}"
    if int(WRK_WARM_SECONDS):
        subprocess.run(args + ["-d" + WRK_WARM_SECONDS + "s", url], capture_output=True,
                       timeout=60)
        time.sleep(1)  # what the warm-up left running (a CGI) ends first
    p = subprocess.run(args + ["-d" + WRK_SECONDS + "s", url], capture_output=True, text=True,
                       timeout=120)
    line = re.search(r"^WRKRESULT (.*)$", p.stdout, re.M)
    if not line:
        m["error"] = f"wrk exited {p.returncode}: {p.stderr.strip() or p.stdout.strip()}"
        return m
    (reqs, dur_us, nbytes, e_conn, e_read, e_write, e_status, e_timeout,
     mean_us, p50_us, p99_us) = line.group(1).split()
    reqs, dur = int(reqs), int(dur_us) / 1e6
    m.update(requests=reqs, seconds=round(dur, 2), rps=round(reqs / dur, 1) if dur else None,
             bytes_per_request=round(int(nbytes) / reqs) if reqs else None,
             latency_mean_ms=round(float(mean_us) / 1000, 2),
             latency_p50_ms=round(int(p50_us) / 1000, 2),
             latency_p99_ms=round(int(p99_us) / 1000, 2),
             errors={"connect": int(e_conn), "read": int(e_read), "write": int(e_write),
                     "status": int(e_status), "timeout": int(e_timeout)})
    return m


def handshake(port, ctx):
    """Seconds for TCP connect + a full TLS handshake; and what was agreed."""
    t0 = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        with ctx.wrap_socket(s) as t:
            return time.perf_counter() - t0, t.version(), t.cipher()[0]


def netd_rss(dev):
    st = dict(l.split(":", 1) for l in
              dev.sh("cat /proc/$(pidof netd)/status").splitlines() if ":" in l)
    return int(st["VmRSS"].split()[0])


class HttpBench:
    """netd's web server from the host, set against BusyBox httpd's.

    Fair comparison: BusyBox httpd has no TLS, and netd answers plain HTTP
    with a 301 to HTTPS once an admin password is set. So the static pages
    are compared over plain HTTP while there is no password yet (first run:
    netd serves its static files over HTTP then, by the same code). netd's
    CGIs need a session (a password), hence HTTPS: its CGI row is HTTPS +
    session check, BusyBox's is plain HTTP with no login, the same program
    behind both. BusyBox httpd closes the connection after each answer;
    netd keeps it (wrk's default, as a browser does), hence one more netd
    row with "Connection: close" for the like-for-like static case. The 301
    that plain HTTP gets after the password is measured as such.

    Each measurement is a step; the results go into @h as they come. QEMU
    itself has been seen to die under many short connections (qemu-malta:
    a segfault in libslirp, QEMU's user network); a step during which it
    died is run again on a new boot (the steps that need the password or
    BusyBox set them up again), at most REBOOTS times in all.
    """
    REBOOTS = 4

    def __init__(self, board, dev, workdir, h):
        self.board, self.dev, self.workdir, self.h = board, dev, workdir, h
        self.sid = None
        self.busybox = False
        self.boots = 0

    def run(self):
        h, wd = self.h, self.workdir
        d = lambda: self.dev  # noqa: E731 (the device changes on a new boot)
        # 1. first run (no password): netd over plain HTTP
        self.step("netd_http_static", lambda: wrk(d().http_port, STATIC, workdir=wd))
        self.step("netd_http_static_gzip",
                  lambda: wrk(d().http_port, STATIC, headers=GZIP, workdir=wd))
        self.step("netd_http_static_close",
                  lambda: wrk(d().http_port, STATIC, headers={"Connection": "close"}, workdir=wd))
        # 2. HTTPS: handshakes, RSS with idle clients, static pages
        self.step("tls", self.tls)
        self.step("netd_https_static", lambda: wrk(d().https_port, STATIC, tls=True, workdir=wd))
        self.step("netd_https_static_gzip",
                  lambda: wrk(d().https_port, STATIC, tls=True, headers=GZIP, workdir=wd))
        # 3. BusyBox httpd in the same guest: the same files, the same CGI
        self.step("busybox_http_static", lambda: wrk(self.with_busybox(), STATIC, workdir=wd))
        self.step("busybox_http_static_gzip",
                  lambda: wrk(self.with_busybox(), STATIC, headers=GZIP, workdir=wd))
        self.step("busybox_http_cgi", lambda: wrk(self.with_busybox(), CGI, workdir=wd))
        if self.busybox and self.dev.child.isalive():
            self.dev.sh("kill $(pidof httpd)", check=False)
            self.busybox = False
        # 4. with a password: plain HTTP only redirects; the CGI over HTTPS,
        # last: when wrk stops, CGIs still run for the connections it
        # dropped (before b693d90 a new client could get a stray piece of
        # their replies: "0\r\n", a chunked end)
        self.step("netd_http_301",
                  lambda: self.with_session() and wrk(d().http_port, CGI, expect=301,
                                                      workdir=wd))
        self.step("netd_https_cgi",
                  lambda: wrk(d().https_port, CGI, tls=True,
                              headers={"Cookie": f"sid={self.with_session()}"}, workdir=wd))
        if self.boots:
            h["new_boots"] = self.boots
        return self.dev

    def step(self, name, fn):
        for attempt in range(self.REBOOTS + 1):
            try:
                result = fn()
                if not self.dev.child.isalive():
                    raise RuntimeError("QEMU exited during the run")
                if result is not None:
                    self.h[name] = result
                return
            except Exception as e:  # measure what can be; say why not the rest
                why = f"{type(e).__name__}: {(str(e).splitlines() or [''])[0]}"
                dead = not self.dev.child.isalive()
                if dead:
                    why += (f" (QEMU exited: status {self.dev.child.exitstatus}, "
                            f"signal {self.dev.child.signalstatus})")
                self.h.setdefault("errors", []).append(f"{name}: {why}")
                with open(self.dev.log_path, errors="replace") as f:
                    tail = f.read().splitlines()[-8:]
                print(f">>> bench {self.board}: HTTP {name}: {why}; the console's last lines:\n"
                      + "\n".join(tail), flush=True)
                if not dead or self.boots >= self.REBOOTS:
                    return
                self.reboot()

    def reboot(self):
        self.boots += 1
        self.dev.stop()
        self.dev = Device(self.board, self.workdir, name=f"bench-http{self.boots}",
                          bench_port=True)
        self.dev.start(fresh=True)
        self.dev.wait_boot()
        ready(self.dev)
        self.sid = None
        self.busybox = False

    def with_busybox(self):
        """BusyBox httpd, started for the bench only, as root (its CGI reaches
        netd's socket), on the guest's 8080 (qemu.sh: BENCH_PORT); its host port."""
        if not self.busybox:
            self.dev.sh(f"httpd -p {BUSYBOX_GUEST_PORT} -h /www")
            self.busybox = True
            wait_for(lambda: fetch(self.dev.bench_port, STATIC)[0] == 200, 30, "BusyBox httpd")
        return self.dev.bench_port

    def with_session(self):
        """The admin password through the first-run form (POST /setup over
        plain HTTP); the session id its reply sets."""
        if not self.sid:
            body = f"password={PASSWORD}&confirm={PASSWORD}"
            status, hdrs, _ = fetch(self.dev.http_port, "/setup", method="POST", body=body,
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
            sid = re.search(r"(?:^|[ ,;])sid=([^;, ]+)", hdrs.get("set-cookie", ""))
            if not sid:
                raise RuntimeError(f"POST /setup: {status}, no session cookie")
            self.sid = sid.group(1)
        return self.sid

    def tls(self):
        """TLS handshake time; netd's RSS with idle HTTPS clients."""
        h, dev = self.h, self.dev
        ctx = tls_context()
        # the first handshake makes the device's certificate
        t, h["tls_version"], h["tls_cipher"] = handshake(dev.https_port, ctx)
        h["tls_first_handshake_s"] = round(t, 3)
        times = [handshake(dev.https_port, ctx)[0] for _ in range(HANDSHAKES)]
        h["tls_handshake_ms"] = round(statistics.median(times) * 1000, 1)
        h["tls_handshake_ms_all"] = [round(x * 1000, 1) for x in times]
        # netd's RSS, TLS set up and no client; then with idle HTTPS clients
        # (handshake done, no request yet: netd drops them after 10 s)
        h["netd_rss_tls_0_kib"] = netd_rss(dev)
        conns = []
        try:
            t0 = time.monotonic()
            for _ in range(IDLE_CLIENTS):
                conns.append(ctx.wrap_socket(socket.create_connection(
                    ("127.0.0.1", dev.https_port), timeout=60)))
            h[f"netd_rss_tls_{IDLE_CLIENTS}_kib"] = netd_rss(dev)
            h["idle_clients_held_s"] = round(time.monotonic() - t0, 2)
            # were they all still there when it was read? each answers a request
            alive = 0
            for c in conns:
                try:
                    c.sendall(f"GET {STATIC} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                    alive += c.recv(16).startswith(b"HTTP/1.1 200")
                except OSError:
                    pass
            h["idle_clients_alive"] = alive
        finally:
            for c in conns:
                c.close()


def http_ratios(h):
    def ratio(a, b):
        a, b = h.get(a, {}).get("rps"), h.get(b, {}).get("rps")
        return round(a / b, 2) if a and b else None
    h["ratio_static"] = ratio("netd_http_static", "busybox_http_static")
    h["ratio_static_gzip"] = ratio("netd_http_static_gzip", "busybox_http_static_gzip")
    h["ratio_static_close"] = ratio("netd_http_static_close", "busybox_http_static")
    h["ratio_cgi"] = ratio("netd_https_cgi", "busybox_http_cgi")


def ready(dev):
    dev.wait_sh("netctl get hostname >/dev/null", 60, "netd")
    dev.wait_sh("netctl status | grep -q dhcp.state=bound", 60, "a DHCP lease")


def bench_board(board, workdir):
    out = os.path.join(TOP, "out", board)
    lay = {}
    with open(os.path.join(out, "flash-layout.txt")) as f:
        for line in f:
            n, o, s = line.split()[:3]
            lay[n] = int(s, 0)
    r = {
        "kernel_flash_bytes": size(os.path.join(out, "kernel.xz")) or size(os.path.join(out, "xipImage")),
        "rootfs_bytes": size(os.path.join(out, "rootfs.squashfs")),
        "flash_bytes": size(os.path.join(out, "flash.img")),
        "cfg_partition_bytes": lay.get("cfg"),
    }
    r["netd_bytes"] = size(os.path.join(out, "target", "sbin", "netd"))
    r["busybox_bytes"] = size(os.path.join(out, "target", "bin", "busybox"))
    r["kernel_plus_rootfs_bytes"] = (r["kernel_flash_bytes"] or 0) + (r["rootfs_bytes"] or 0)
    shell, ssh = [], []
    for i in range(RUNS):
        dev = Device(board, workdir, name=f"bench{i}", bench_port=(i == 0 and HTTP))
        try:
            dev.start(fresh=True)
            dev.wait_boot()
            shell.append(dev.boot_seconds)
            dev.wait_ssh(timeout=180)
            ssh.append(time.monotonic() - dev.boot_started)
            if i == 0:
                ready(dev)
                for p in SERVICES:
                    dev.wait_sh(f"pidof {p} >/dev/null", 30, p)
                # netd idle: its resident set and what it maps
                st = dict(l.split(":", 1) for l in
                          dev.sh("cat /proc/$(pidof netd)/status").splitlines() if ":" in l)
                r["netd_rss_kib"] = int(st["VmRSS"].split()[0])
                r["netd_hwm_kib"] = int(st["VmHWM"].split()[0])
                # VmRSS counts netd's text mapped from the squashfs (shared
                # page cache); RssAnon is its own memory
                r["netd_anon_kib"] = int(st["RssAnon"].split()[0])
                m = meminfo(dev)
                r["mem_total_kib"] = m["MemTotal"]
                r["mem_available_kib"] = m["MemAvailable"]
                r["mem_free_kib"] = m["MemFree"]
                r["services"] = " ".join(p for p in SERVICES
                                         if dev.sh(f"pidof {p}", check=False)[0] == 0)
                if HTTP:
                    print(f">>> bench {board}: HTTP", flush=True)
                    t0 = time.monotonic()
                    h = r["http"] = {"host_load_1min": round(os.getloadavg()[0], 2)}
                    hb = HttpBench(board, dev, workdir, h)
                    try:
                        hb.run()
                    except Exception as e:  # a new boot failed: the rest is not measured
                        h.setdefault("errors", []).append(f"stopped: {type(e).__name__}: {e}")
                    finally:
                        dev = hb.dev  # the one to stop (a new boot if QEMU died)
                    http_ratios(h)
                    h["bench_seconds"] = round(time.monotonic() - t0, 1)
        finally:
            dev.stop()
    r["boot_to_shell_s"] = round(statistics.median(shell), 2)
    r["boot_to_ssh_s"] = round(statistics.median(ssh), 2)
    r["runs"] = RUNS
    return r


def main():
    boards = sys.argv[1:] or ["qemu-malta"]
    results = {}
    with tempfile.TemporaryDirectory() as wd:
        for b in boards:
            print(f">>> bench {b}: {RUNS} boots", flush=True)
            results[b] = bench_board(b, wd)
    def num(x):
        return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"

    def key(k):
        return lambda r: r.get(k)

    def hkey(k):
        return lambda r: r.get("http", {}).get(k)

    def run(name):
        """wrk's req/s, mean/p99 latency (ms); '*' when wrk counted errors."""
        def cell(r):
            m = r.get("http", {}).get(name)
            if not m:
                return None
            if "rps" not in m:
                return "error"
            e = dict(m["errors"])
            if m.get("eof_delimited"):
                e["read"] = 0
            bad = "*" if any(e.values()) else ""
            return (f"{num(m['rps'])} {num(m['latency_mean_ms'])}/"
                    f"{num(m['latency_p99_ms'])}{bad}")
        return cell

    rows = [
        ("kernel in flash (bytes)", key("kernel_flash_bytes")),
        ("rootfs.squashfs (bytes)", key("rootfs_bytes")),
        ("kernel + rootfs (bytes)", key("kernel_plus_rootfs_bytes")),
        ("flash image (bytes)", key("flash_bytes")),
        ("netd, stripped (bytes)", key("netd_bytes")),
        ("busybox, stripped (bytes)", key("busybox_bytes")),
        ("netd RSS idle (KiB)", key("netd_rss_kib")),
        ("netd RSS peak (KiB)", key("netd_hwm_kib")),
        ("netd RssAnon idle (KiB)", key("netd_anon_kib")),
        ("cfg partition (bytes)", key("cfg_partition_bytes")),
        ("MemTotal (KiB)", key("mem_total_kib")),
        ("MemAvailable, all up (KiB)", key("mem_available_kib")),
        ("MemFree, all up (KiB)", key("mem_free_kib")),
        ("boot to shell (s, median)", key("boot_to_shell_s")),
        ("boot to SSH (s, median)", key("boot_to_ssh_s")),
    ]
    if HTTP:
        rows += [
            (f"HTTP: wrk -t1 -c2 -d{WRK_SECONDS}s; req/s mean/p99 ms", lambda r: ""),
            ("netd http /style.css", run("netd_http_static")),
            ("netd http /style.css gzip", run("netd_http_static_gzip")),
            ("netd http /style.css Connection: close", run("netd_http_static_close")),
            ("busybox http /style.css", run("busybox_http_static")),
            ("busybox http /style.css gzip", run("busybox_http_static_gzip")),
            ("netd https /style.css", run("netd_https_static")),
            ("netd https /style.css gzip", run("netd_https_static_gzip")),
            ("netd https /cgi-bin/status (session)", run("netd_https_cgi")),
            ("busybox http /cgi-bin/status (no login)", run("busybox_http_cgi")),
            ("netd http, password set: 301 to https", run("netd_http_301")),
            ("netd/busybox req/s: static", hkey("ratio_static")),
            ("netd/busybox req/s: static gzip", hkey("ratio_static_gzip")),
            ("netd/busybox req/s: static, both close", hkey("ratio_static_close")),
            ("netd/busybox req/s: CGI (https vs http)", hkey("ratio_cgi")),
            (f"TLS handshake (ms, median of {HANDSHAKES})", hkey("tls_handshake_ms")),
            ("TLS first handshake, makes cert (s)", hkey("tls_first_handshake_s")),
            ("netd RSS, TLS ready, 0 clients (KiB)", hkey("netd_rss_tls_0_kib")),
            (f"netd RSS, {IDLE_CLIENTS} idle HTTPS clients (KiB)",
             hkey(f"netd_rss_tls_{IDLE_CLIENTS}_kib")),
            ("HTTP part of the bench (s)", hkey("bench_seconds")),
            ("host load average (1 min) at its start", hkey("host_load_1min")),
        ]
    w = max(len(r[0]) for r in rows)
    print("\n" + "".ljust(w) + "".join(f"{b:>16}" for b in boards))
    for label, get in rows:
        print(label.ljust(w) + "".join(f"{str(get(results[b])):>16}" for b in boards))
    for b in boards:
        print(f"{b} services: {results[b].get('services')}")
    if HTTP:
        for b in boards:
            h = results[b].get("http", {})
            for e in h.get("errors", []):
                print(f"{b} HTTP: {e}")
            if h.get("new_boots"):
                print(f"{b} HTTP: QEMU exited {h['new_boots']} time(s); the steps it "
                      "stopped were run again on a new boot")
            for name, m in sorted(h.items()):
                if isinstance(m, dict) and (m.get("error") or any(m.get("errors", {}).values())):
                    eof = (" (replies end at EOF: a read error each)"
                           if m.get("eof_delimited") else "")
                    print(f"{b} {name}: {m.get('error') or m['errors']}{eof}")
            if "tls_version" in h:
                print(f"{b} TLS: {h['tls_version']} {h['tls_cipher']}; the {IDLE_CLIENTS} idle "
                      f"clients: {h.get('idle_clients_alive')} still open after "
                      f"{h.get('idle_clients_held_s')} s")
        print("Static pages are compared over plain HTTP before any admin password (netd's\n"
              "first run; after it netd answers plain HTTP with a 301). BusyBox httpd closes\n"
              "every connection; netd keeps it alive unless asked not to. The CGI is the same\n"
              "program behind both servers (/www/cgi-bin/status -> netd); netd runs it only\n"
              "over HTTPS after checking the session, BusyBox over plain HTTP with no login.")
    path = os.path.join(TOP, "out", "bench.json")
    with open(path, "w") as f:
        json.dump({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "boards": results}, f, indent=2)
    print(f"\nwritten {path}")


if __name__ == "__main__":
    main()
