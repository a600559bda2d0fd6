#!/usr/bin/python3
"""make bench: sizes, memory and boot time of each board's image.

Boots each board 3 times from a fresh flash (first boot included, as a
user sees it), measures QEMU start -> console prompt and -> SSH banner,
reads /proc/meminfo once every service is up, and prints one table with a
column per board. Writes out/bench.json. Measures; asserts nothing.
"""
import json
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "system"))
from conftest import TOP, Device, wait_for  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SERVICES = ("syslogd", "klogd", "netd", "udhcpc", "dropbear")


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else None


def meminfo(dev):
    vals = {}
    for line in dev.sh("cat /proc/meminfo").splitlines():
        k, v = line.split(":", 1)
        vals[k] = int(v.split()[0])
    return vals


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
    r["kernel_plus_rootfs_bytes"] = (r["kernel_flash_bytes"] or 0) + (r["rootfs_bytes"] or 0)
    shell, ssh = [], []
    for i in range(RUNS):
        dev = Device(board, workdir, name=f"bench{i}")
        try:
            dev.start(fresh=True)
            dev.wait_boot()
            shell.append(dev.boot_seconds)
            dev.wait_ssh(timeout=180)
            ssh.append(time.monotonic() - dev.boot_started)
            if i == 0:
                dev.wait_sh("netctl get hostname >/dev/null", 60, "netd")
                dev.wait_sh("netctl status | grep -q dhcp.state=bound", 60, "a DHCP lease")
                for p in SERVICES:
                    dev.wait_sh(f"pidof {p} >/dev/null", 30, p)
                # netd idle: its resident set and what it maps
                st = dict(l.split(":", 1) for l in
                          dev.sh("cat /proc/$(pidof netd)/status").splitlines() if ":" in l)
                r["netd_rss_kib"] = int(st["VmRSS"].split()[0])
                r["netd_hwm_kib"] = int(st["VmHWM"].split()[0])
                m = meminfo(dev)
                r["mem_total_kib"] = m["MemTotal"]
                r["mem_available_kib"] = m["MemAvailable"]
                r["mem_free_kib"] = m["MemFree"]
                r["services"] = " ".join(p for p in SERVICES
                                         if dev.sh(f"pidof {p}", check=False)[0] == 0)
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
    rows = [
        ("kernel in flash (bytes)", "kernel_flash_bytes"),
        ("rootfs.squashfs (bytes)", "rootfs_bytes"),
        ("kernel + rootfs (bytes)", "kernel_plus_rootfs_bytes"),
        ("flash image (bytes)", "flash_bytes"),
        ("netd, stripped (bytes)", "netd_bytes"),
        ("netd RSS idle (KiB)", "netd_rss_kib"),
        ("netd RSS peak (KiB)", "netd_hwm_kib"),
        ("cfg partition (bytes)", "cfg_partition_bytes"),
        ("MemTotal (KiB)", "mem_total_kib"),
        ("MemAvailable, all up (KiB)", "mem_available_kib"),
        ("MemFree, all up (KiB)", "mem_free_kib"),
        ("boot to shell (s, median)", "boot_to_shell_s"),
        ("boot to SSH (s, median)", "boot_to_ssh_s"),
    ]
    w = max(len(r[0]) for r in rows)
    print("\n" + "".ljust(w) + "".join(f"{b:>16}" for b in boards))
    for label, key in rows:
        print(label.ljust(w) + "".join(f"{str(results[b].get(key)):>16}" for b in boards))
    for b in boards:
        print(f"{b} services: {results[b].get('services')}")
    path = os.path.join(TOP, "out", "bench.json")
    with open(path, "w") as f:
        json.dump({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "boards": results}, f, indent=2)
    print(f"\nwritten {path}")


if __name__ == "__main__":
    main()
