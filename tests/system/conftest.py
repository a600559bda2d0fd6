"""System tests: boot the real image in QEMU and talk to it like a user.

Each Device is one QEMU run of firmware/scripts/run.sh with its own copy of
the flash, its serial console on a pexpect pipe and its own forwarded ports.
Every wait is on a condition with a timeout; nothing sleeps and hopes.
"""
import os
import re
import signal
import socket
import subprocess
import time

import pexpect
import pytest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BOOT_TIMEOUT = int(os.environ.get("TINYFW_BOOT_TIMEOUT", "120"))
ACTIVATE = "Please press Enter to activate this console."
# a test-kit boot gets this much more RAM than the board's own size: the
# kit's radios, access point and phone take ~1 MiB of the same guest
# (KIT_MEM_EXTRA in firmware/image.mk, tests/system/kit/README.md)
KIT_MEM_EXTRA_MIB = 4


def board_mem_mib(board):
    """The board's own RAM size in MiB (MEM_DEFAULT in board.mk)."""
    with open(os.path.join(TOP, "board", board, "board.mk")) as f:
        m = re.search(r"^MEM_DEFAULT\s*:?=\s*(\d+)M\s*$", f.read(), re.M)
    return int(m.group(1))


def pytest_addoption(parser):
    parser.addoption("--boards", default="qemu-malta",
                     help="space-separated boards to test")


def pytest_generate_tests(metafunc):
    if "board" in metafunc.fixturenames:
        boards = metafunc.config.getoption("boards").split()
        metafunc.parametrize("board", boards, scope="module")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(cond, timeout, what, interval=0.2):
    """Poll cond() until it returns a true value; fail after timeout."""
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            v = cond()
            if v:
                return v
        except Exception as e:  # the condition may raise while not ready
            last = e
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}"
                         + (f" (last error: {last})" if last else ""))


class Layout:
    """The flash layout the build wrote (out/<board>/flash-layout.txt)."""

    def __init__(self, board):
        self.parts = {}
        with open(os.path.join(TOP, "out", board, "flash-layout.txt")) as f:
            for line in f:
                name, off, size = line.split()[:3]
                self.parts[name] = (int(off, 0), int(size, 0))


class Device:
    def __init__(self, board, workdir, name="dev", mem=None, fresh=True, flash=None,
                 bench_port=False, testkit=False):
        self.board = board
        # the test kit (tests/system/kit/): QEMU serves its files to the guest
        self.testkit = testkit
        if testkit and not mem:
            mem = f"{board_mem_mib(board) + KIT_MEM_EXTRA_MIB}M"
        self.images = os.path.join(TOP, "out", board)
        self.flash = flash or os.path.join(workdir, f"{name}-flash.img")
        self.log_path = os.path.join(workdir, f"{name}-console.log")
        self.mem = mem
        self.fresh = fresh
        self.child = None
        self.ssh_port = free_port()
        self.http_port = free_port()
        self.https_port = free_port()
        # make bench: one more host port, forwarded to the guest's 8080
        self.bench_port = free_port() if bench_port else None
        self.layout = Layout(board)

    # -- life cycle ------------------------------------------------------
    def start(self, fresh=None):
        env = dict(os.environ)
        env.update(BOARD_DIR=os.path.join(TOP, "board", self.board),
                   IMAGES=self.images, FLASH=self.flash, SERIAL="stdio",
                   PROV="", SSH_PORT=str(self.ssh_port),
                   HTTP_PORT=str(self.http_port), HTTPS_PORT=str(self.https_port),
                   BENCH_PORT=str(self.bench_port or ""),
                   TESTKIT="1" if self.testkit else "",
                   FRESH="1" if (self.fresh if fresh is None else fresh) else "")
        if self.mem:
            env["MEM"] = self.mem
        self.logfile = open(self.log_path, "a", encoding="utf-8", errors="replace")
        self.logfile.write(f"\n===== boot {time.strftime('%H:%M:%S')} =====\n")
        self.child = pexpect.spawn(os.path.join(TOP, "firmware/scripts/run.sh"),
                                   env=env, encoding="utf-8", codec_errors="replace",
                                   timeout=BOOT_TIMEOUT, logfile=self.logfile)
        self.fresh = False
        self.boot_started = time.monotonic()
        return self

    def wait_boot(self):
        """Wait for init's console prompt and open a shell on it."""
        self.child.expect_exact(ACTIVATE, timeout=BOOT_TIMEOUT)
        self.boot_output = self.child.before
        self.boot_seconds = time.monotonic() - self.boot_started
        self.child.send("\r")
        self.child.expect(r"# ", timeout=30)
        # a wide terminal: ash's line editor then never wraps a command
        self.sh("stty cols 4000 rows 50")
        return self

    def boot(self, fresh=None):
        self.start(fresh)
        return self.wait_boot()

    def kill(self):
        """Power cut: SIGKILL to QEMU, no shutdown of any kind."""
        if self.child and self.child.isalive():
            os.kill(self.child.pid, signal.SIGKILL)
            self.child.wait()
        self.child = None

    def wait_exit(self, timeout=60):
        self.child.expect(pexpect.EOF, timeout=timeout)
        self.child.wait()
        self.child = None

    def stop(self):
        self.kill()
        if getattr(self, "logfile", None):
            self.logfile.close()

    # -- the serial console ----------------------------------------------
    def sh(self, cmd, timeout=30, check=True):
        """Run cmd on the console shell; return its output (check) or (rc, output)."""
        tag = os.urandom(3).hex()
        # the markers are split by "" so that the echoed command never matches
        self.child.sendline(f'echo @@""{tag}; {cmd}; echo @@""{tag}:$?:')
        self.child.expect(f"\n@@{tag}\r*\n", timeout=timeout)
        self.child.expect(f"@@{tag}:(\\d+):", timeout=timeout)
        out = self.child.before
        rc = int(self.child.match.group(1))
        self.child.expect(r"# ", timeout=timeout)
        out = out.replace("\r", "").strip("\n")
        if check and rc != 0:
            raise AssertionError(f"'{cmd}' exited {rc}: {out}")
        return out if check else (rc, out)

    def wait_sh(self, cmd, timeout, what):
        return wait_for(lambda: self.sh(cmd, check=False)[0] == 0, timeout, what, interval=0.5)

    # -- the test kit (Device(testkit=True)) -------------------------------
    def kit(self, args, timeout=120, check=True):
        """Run 'kit ARGS' in the guest (tests/system/kit/README.md)."""
        return self.sh(f"/tmp/kit/kit {args}", timeout=timeout, check=check)

    def kit_up(self, timeout=180):
        """Fetch the kit from QEMU, load the radios, start the home AP."""
        assert self.testkit, "Device(testkit=True) serves the kit"
        self.wait_sh("ip -4 route | grep -q default", 90, "a default route to fetch the kit over")
        self.sh("mkdir -p /tmp/kit && nc 10.0.2.100 1 </dev/null >/tmp/kit/kit && chmod 755 /tmp/kit/kit")
        return self.kit("up", timeout=timeout)

    # -- network ---------------------------------------------------------
    def ssh(self, key, cmd, extra=(), timeout=60):
        args = ["ssh", "-i", key, "-p", str(self.ssh_port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR",
                *extra, "root@127.0.0.1", cmd]
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout)

    def ssh_banner(self):
        with socket.create_connection(("127.0.0.1", self.ssh_port), timeout=5) as s:
            s.settimeout(5)
            return s.recv(64).decode(errors="replace")

    def wait_ssh(self, timeout=90):
        return wait_for(lambda: self.ssh_banner().startswith("SSH-2.0-dropbear"),
                        timeout, "Dropbear's SSH banner on the forwarded port", interval=1)

    # -- flash -----------------------------------------------------------
    def read_part(self, name):
        off, size = self.layout.parts[name]
        with open(self.flash, "rb") as f:
            f.seek(off)
            return f.read(size)

    def write_part(self, name, data):
        off, size = self.layout.parts[name]
        assert len(data) <= size
        with open(self.flash, "r+b") as f:
            f.seek(off)
            f.write(data)


@pytest.fixture
def make_device(tmp_path, board):
    devs = []

    def make(**kw):
        d = Device(board, str(tmp_path), name=f"dev{len(devs)}", **kw)
        devs.append(d)
        return d
    yield make
    for d in devs:
        d.stop()


@pytest.fixture(scope="module")
def booted(tmp_path_factory, board):
    """One shared boot per board for the tests that change nothing."""
    d = Device(board, str(tmp_path_factory.mktemp(board)), name="shared")
    d.boot()
    yield d
    d.stop()


@pytest.fixture(scope="session")
def ssh_key(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("keys") / "id_ed25519")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True)
    return path
