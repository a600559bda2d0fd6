"""Issue 4: netd's web server on a real boot, with curl and raw sockets:
the first-run page, the login, cookies, static files (gzip, ETag), the CGI
pages behind the login, HTTPS, and the attacks that must fail."""
import os
import re
import socket
import ssl
import subprocess
import time

import pytest

from conftest import Device, wait_for

PASSWORD = "correct-horse-battery"


class Web:
    """curl against one device; a cookie jar per instance."""

    def __init__(self, dev, jar):
        self.dev = dev
        self.jar = jar

    def url(self, path, tls=True):
        port = self.dev.https_port if tls else self.dev.http_port
        return f"{'https' if tls else 'http'}://127.0.0.1:{port}{path}"

    def curl(self, path, *args, tls=True, jar=True, timeout=30):
        cmd = ["curl", "-sk", "--path-as-is", "-m", str(timeout), "-D", "-", "-o", "-"]
        if jar:
            cmd += ["-b", self.jar, "-c", self.jar]
        r = subprocess.run(cmd + list(args) + [self.url(path, tls)], capture_output=True,
                           timeout=timeout + 10)
        return parse(r.stdout)


def parse(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    # a 100 Continue comes first sometimes
    while head.startswith(b"HTTP/1.1 100"):
        head, _, body = body.partition(b"\r\n\r\n")
    lines = head.decode(errors="replace").split("\r\n")
    m = re.match(r"HTTP/\d\.\d (\d+)", lines[0]) if lines else None
    hdrs = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        hdrs.setdefault(k.strip().lower(), []).append(v.strip())
    return int(m.group(1)) if m else 0, hdrs, body


def h1(hdrs, name):
    return hdrs.get(name, [""])[0]


def raw(dev, data, tls=False, read_until_close=True, timeout=15):
    """Send raw bytes, return the raw answer (until the server closes)."""
    port = dev.https_port if tls else dev.http_port
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    if tls:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        s = ctx.wrap_socket(s)
    try:
        s.sendall(data)
        out = b""
        while True:
            try:
                b = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not b:
                break
            out += b
            if not read_until_close and b"\r\n\r\n" in out:
                break
        return out
    finally:
        s.close()


def status_of(answer):
    m = re.match(rb"HTTP/1\.1 (\d+)", answer)
    return int(m.group(1)) if m else 0


@pytest.fixture(scope="session")
def web_devices(tmp_path_factory):
    devs = {}
    yield devs
    for w in devs.values():
        w.dev.stop()


@pytest.fixture
def web(web_devices, tmp_path_factory, board):
    """One fresh device per board for this module, kept across its tests
    (they run in order and build on each other: first run, password, ...),
    however pytest interleaves the boards."""
    if board not in web_devices:
        wd = tmp_path_factory.mktemp(f"web-{board}")
        d = Device(board, str(wd), name="web")
        d.boot()
        d.wait_sh("netctl status >/dev/null 2>&1", 60, "netd")
        d.wait_sh("netctl status | grep -q dhcp.state=bound", 60, "a DHCP lease")
        web_devices[board] = Web(d, str(wd / "cookies.txt"))
    return web_devices[board]


def test_first_run_offers_only_the_password_page(web):
    st, h, _ = web.curl("/", tls=False)
    assert st == 303 and h1(h, "location") == "/login"
    st, h, body = web.curl("/login", tls=False)
    assert st == 200 and b"Welcome" in body and b"action=\"/setup\"" in body
    # no password yet: no CGI, whatever the path
    for p in ("/cgi-bin/status", "/cgi-bin/system", "/cgi-bin/nothing"):
        st, h, _ = web.curl(p, tls=False)
        assert st == 303 and h1(h, "location") == "/login", p
    st, _, body = web.curl("/setup", "-d", "password=one-password&confirm=another-one",
                           tls=False)
    assert st == 400 and b"differ" in body
    st, _, body = web.curl("/setup", "-d", "password=short&confirm=short", tls=False)
    assert st == 400 and b"8" in body
    assert "(unset)" in web.dev.sh("netctl get admin.password")
    # logging in without a password set is not a way in either
    st, _, body = web.curl("/login", "-d", "password=x", tls=False)
    assert b"Welcome" in body


def test_setup_sets_password_and_a_strict_cookie(web):
    st, h, _ = web.curl("/setup", "-d", f"password={PASSWORD}&confirm={PASSWORD}", tls=False)
    assert st == 303 and h1(h, "location") == "/cgi-bin/status"
    cookie = h1(h, "set-cookie")
    assert re.match(r"sid=[0-9a-f]{32};", cookie)
    for flag in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
        assert flag in cookie
    assert "'(set)'" in web.dev.sh("netctl get admin.password")
    # the second time, setup is refused
    st, _, _ = web.curl("/setup", "-d", "password=another-pass&confirm=another-pass")
    assert st in (403, 301)
    # now plain HTTP only redirects to HTTPS, path kept
    st, h, _ = web.curl("/cgi-bin/status?x=1", tls=False)
    assert st == 301 and h1(h, "location") == "https://127.0.0.1/cgi-bin/status?x=1"
    st, h, body = web.curl("/cgi-bin/status")
    assert st == 200, body
    assert b"hostname" in body and b"tinyfw" in body and b"svc.dropbear.state" in body
    assert "no-store" in h1(h, "cache-control")
    assert h1(h, "x-frame-options") == "DENY"


def test_static_files_gzip_and_etag(web):
    st, h, plain = web.curl("/style.css", jar=False)
    assert st == 200 and h1(h, "content-type") == "text/css" and b"body{" in plain
    assert not h.get("content-encoding")
    etag = h1(h, "etag")
    assert etag
    st, h, gz = web.curl("/style.css", "-H", "Accept-Encoding: gzip", jar=False)
    assert st == 200 and h1(h, "content-encoding") == "gzip"
    assert int(h1(h, "content-length")) == len(gz) < len(plain)
    import gzip
    assert gzip.decompress(gz) == plain
    st, h, body = web.curl("/style.css", "-H", f"If-None-Match: {etag}", jar=False)
    assert st == 304 and body == b""
    ans = raw(web.dev, b"HEAD /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
              tls=True)
    st, h, body = parse(ans)
    assert st == 200 and body == b"" and int(h1(h, "content-length")) == len(plain)
    st, _, _ = web.curl("/no-such-file.css", jar=False)
    assert st == 404
    # keep-alive: two requests, one connection
    r = subprocess.run(["curl", "-skv", "-o", "/dev/null", "-o", "/dev/null",
                        web.url("/style.css"), web.url("/style.css")],
                       capture_output=True, text=True, timeout=30)
    assert "Re-using existing connection" in r.stderr or "Reusing existing" in r.stderr


def test_cgi_pages_behind_the_login(web):
    for page, text in (("status", b"uptime"), ("network", b"Addressing"),
                       ("ssh", b"public key"), ("system", b"Host name"), ("log", b"netd")):
        st, h, body = web.curl(f"/cgi-bin/{page}")
        assert st == 200, page
        assert text in body, page
        assert h1(h, "content-type").startswith("text/html")
    # the log shows the access log line of an earlier request
    st, _, body = web.curl("/cgi-bin/log")
    assert re.search(rb"http: 10\.0\.2\.2 https GET /cgi-bin/status 200", body)


def csrf_of(body):
    m = re.search(rb"csrf=([0-9a-f]{32})", body)
    assert m, body[:400]
    return m.group(1).decode()


def test_post_needs_the_csrf_token(web):
    st, _, body = web.curl("/cgi-bin/system")
    token = csrf_of(body)
    for q in ("", "?csrf=", "?csrf=" + "0" * 32, "?csrf=" + token[:-1]):
        st, _, _ = web.curl("/cgi-bin/system" + q, "-d", "op=hostname&hostname=evil")
        assert st == 403, q
    assert web.dev.sh("netctl get hostname") == "hostname=tinyfw"
    # with it, the change is made (and redirected back)
    st, h, _ = web.curl(f"/cgi-bin/system?csrf={token}", "-d", "op=hostname&hostname=webname")
    assert st == 303 and h1(h, "location") == "/cgi-bin/system?saved=1"
    assert web.dev.sh("netctl get hostname") == "hostname=webname"
    # an invalid value: shown next to the field, nothing changed
    st, _, body = web.curl(f"/cgi-bin/system?csrf={token}", "-d", "op=hostname&hostname=bad+name")
    assert st == 200 and b"is not a host name" in body and b"class=err" in body
    assert web.dev.sh("netctl get hostname") == "hostname=webname"
    assert web.dev.sh("netctl status | grep settings.pending") == "settings.pending=0"


def session_id(web):
    with open(web.jar) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 7 and parts[5] == "sid" and parts[6]:
                return parts[6]
    raise AssertionError("no session cookie in the jar")


def test_request_bodies_stream_to_the_cgi(web):
    st, _, body = web.curl("/cgi-bin/system")
    token = csrf_of(body)
    # a chunked body: the CGI reads it to its end (no CONTENT_LENGTH)
    st, h, _ = web.curl(f"/cgi-bin/system?csrf={token}", "-H", "Transfer-Encoding: chunked",
                        "-d", "op=hostname&hostname=chunkname")
    assert st == 303 and h1(h, "location") == "/cgi-bin/system?saved=1"
    assert web.dev.sh("netctl get hostname") == "hostname=chunkname"
    # the CGI runs while the body is still arriving: half of it is sent,
    # the CGI is seen running, then the rest completes the request
    form = b"op=hostname&hostname=streamname"
    head = (b"POST /cgi-bin/system?csrf=%s HTTP/1.1\r\nHost: x\r\n"
            b"Cookie: sid=%s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n"
            % (token.encode(), session_id(web).encode(), len(form)))
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", web.dev.https_port),
                                                 timeout=20))
    try:
        s.sendall(head + form[:10])
        wait_for(lambda: "/www/cgi-bin/system" in web.dev.sh("ps"), 15,
                 "the CGI running before its body is complete")
        assert web.dev.sh("netctl get hostname") == "hostname=chunkname"
        s.sendall(form[10:])
        answer = b""
        while b"\r\n\r\n" not in answer:
            b = s.recv(4096)
            if not b:
                break
            answer += b
    finally:
        s.close()
    assert status_of(answer) == 303, answer[:200]
    assert web.dev.sh("netctl get hostname") == "hostname=streamname"
    # a chunked body over the limit, and a bad chunk: refused, nothing set
    cookie = b"Cookie: sid=%s\r\n" % session_id(web).encode()
    post = (b"POST /cgi-bin/system?csrf=%s HTTP/1.1\r\nHost: x\r\n%s"
            b"Transfer-Encoding: chunked\r\n\r\n" % (token.encode(), cookie))
    big = post + b"8000\r\n"    # refused before its data is sent
    assert status_of(raw(web.dev, big, tls=True)) == 413
    bad = post + b"5\r\nop=ho\r\nzz\r\n"
    assert status_of(raw(web.dev, bad, tls=True)) == 400
    assert web.dev.sh("netctl get hostname") == "hostname=streamname"
    wait_for(lambda: "/www/cgi-bin/system" not in web.dev.sh("ps"), 15,
             "no CGI left running")
    st, h, _ = web.curl(f"/cgi-bin/system?csrf={token}", "-d", "op=hostname&hostname=webname")
    assert st == 303 and web.dev.sh("netctl get hostname") == "hostname=webname"


def test_forged_and_missing_sessions_get_the_login_page(web):
    for cookie in ("", "sid=" + "0" * 32, "sid=../../etc", "sid=" + "a" * 5000):
        args = ("-H", f"Cookie: {cookie}") if cookie else ()
        st, h, _ = web.curl("/cgi-bin/status", *args, jar=False)
        assert st in (303, 431) and (st == 431 or h1(h, "location") == "/login"), cookie


def test_paths_that_climb_or_hide_are_refused(web):
    for path in ("/../etc/passwd", "/%2e%2e/etc/passwd", "/%2e%2e%2fetc%2fpasswd",
                 "/cgi-bin/../../etc/shadow", "/style.css%00.png", "/a/%2E%2E/style.css"):
        st, _, body = web.curl(path, jar=False)
        assert st == 400, path
        assert b"root:" not in body
    for req in (b"GET /style.css\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET /style.css HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n",
                b"GET /style.css HTTP/1.1\r\nHost: x\r\n folded: y\r\n\r\n",
                b"GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n"):
        assert status_of(raw(web.dev, req, tls=True)) == 400, req
    assert status_of(raw(web.dev, b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", tls=True)) == 501
    assert status_of(raw(web.dev, b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", tls=True)) == 505


def test_limits(web):
    big = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n"
    assert status_of(raw(web.dev, big, tls=True)) == 431
    many = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(
        b"X-H%d: v\r\n" % i for i in range(60)) + b"\r\n"
    assert status_of(raw(web.dev, many, tls=True)) == 431
    assert status_of(raw(web.dev, b"POST /login HTTP/1.1\r\nHost: x\r\n\r\n", tls=True)) == 411
    st, _, _ = web.curl("/login", "--data-binary", "@-", "-H", "Content-Length: 20000",
                        "-H", "Expect:", jar=False)
    assert st == 413
    assert status_of(raw(web.dev, b"GET /" + b"a" * 3000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                         tls=True)) == 414


def test_slowloris_does_not_hold_the_server(web):
    """Clients trickling a request head forever: each is cut after the head
    timeout, and others are answered meanwhile (more than the server has
    places, so the oldest give way)."""
    slow = []
    for _ in range(12):
        s = socket.create_connection(("127.0.0.1", web.dev.http_port), timeout=30)
        s.sendall(b"GET / HTTP/1.1\r\n")
        slow.append(s)
    start = time.monotonic()
    for _ in range(5):
        st, _, _ = web.curl("/style.css", tls=False, jar=False, timeout=10)
        assert st in (200, 301)
    for s in slow:
        try:
            s.sendall(b"X-a: b\r\n")
        except OSError:
            pass
    # every slow client is cut within the timeout: a 408 (those still
    # holding a place), or a plain close (those that gave way)
    for s in slow:
        s.settimeout(30)
        try:
            got = s.recv(200)
            assert got == b"" or got.startswith(b"HTTP/1.1 408 "), got
        except ConnectionResetError:
            pass
        s.close()
    assert time.monotonic() - start < 30


def test_login_backoff_and_logout(web):
    jar = web.jar + ".2"
    other = Web(web.dev, jar)
    for i in range(3):
        st, _, body = other.curl("/login", "-d", "password=wrong-one")
        assert st == 403 and b"Wrong password" in body, i
    st, h, body = other.curl("/login", "-d", f"password={PASSWORD}")
    assert st == 429 and int(h1(h, "retry-after")) >= 1
    # the back-off ends, and the right password works
    def login():
        st, h, _ = other.curl("/login", "-d", f"password={PASSWORD}")
        return st == 303 and h1(h, "location") == "/cgi-bin/status"
    wait_for(login, 30, "a login after the back-off", interval=1)
    st, _, body = other.curl("/cgi-bin/status")
    assert st == 200
    token = csrf_of(body)
    # a log out without the token does nothing to the session... 
    st, h, _ = other.curl("/logout", "-d", "")
    # ...but the cookie is cleared in the browser; with the token the
    # session itself ends on the server
    assert st == 303 and h1(h, "location") == "/login"
    other2 = Web(web.dev, jar + "b")
    st, h, _ = other2.curl("/login", "-d", f"password={PASSWORD}")
    st, _, body = other2.curl("/cgi-bin/status")
    token = csrf_of(body)
    sid = re.search(r"sid\s+([0-9a-f]{32})", open(jar + "b").read()).group(1)
    st, h, _ = other2.curl(f"/logout?csrf={token}", "-d", "")
    assert st == 303
    st, h, _ = web.curl("/cgi-bin/status", "-H", f"Cookie: sid={sid}", jar=False)
    assert st == 303 and h1(h, "location") == "/login"


def server_cert(dev):
    return ssl.get_server_certificate(("127.0.0.1", dev.https_port))


def cert_text(pem):
    return subprocess.run(["openssl", "x509", "-noout", "-text"], input=pem, text=True,
                          capture_output=True, check=True).stdout


def put_file(dev, path, text):
    """A small text file (no single quotes in it) onto the device."""
    lines = " ".join(f"'{l}'" for l in text.strip().splitlines())
    dev.sh(f"printf '%s\\n' {lines} > {path}")


def test_certificate_regen_and_install(web, tmp_path):
    dev = web.dev
    first = server_cert(dev)
    t = cert_text(first)
    assert "ecdsa-with-SHA256" in t and "DNS:" in t
    assert dev.sh("netctl https cert regen") == ""
    second = server_cert(dev)
    assert second != first
    t = cert_text(second)
    assert "IP Address:10.0.2.15" in t and "DNS:webname" in t
    # a certificate of the user's own
    key, crt = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(key), "-out", str(crt),
                    "-days", "30", "-subj", "/CN=my-device.example"], check=True,
                   capture_output=True)
    put_file(dev, "/tmp/c.pem", crt.read_text())
    put_file(dev, "/tmp/k.pem", key.read_text())
    # a key that is not the certificate's is refused, nothing changes
    other = tmp_path / "k2.pem"
    subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
                    str(other)], check=True)
    put_file(dev, "/tmp/k2.pem", other.read_text())
    rc, out = dev.sh("netctl https cert install /tmp/c.pem /tmp/k2.pem", check=False)
    assert rc == 1 and "nothing changed" in out
    assert server_cert(dev) == second
    rc, out = dev.sh("netctl https cert install /tmp/c.pem /tmp/nothing.pem", check=False)
    assert rc == 1 and "cannot read" in out
    dev.sh("netctl https cert install /tmp/c.pem /tmp/k.pem")
    assert "CN = my-device.example" in cert_text(server_cert(dev))
    # and the web still works over it
    st, _, _ = web.curl("/style.css", jar=False)
    assert st == 200
