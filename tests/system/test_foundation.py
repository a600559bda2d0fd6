"""Issue 2: the firmware foundation, on a real boot of every board."""
import os
import re

from conftest import wait_for


def mounts(dev):
    return [l.split() for l in dev.sh("cat /proc/mounts").splitlines()]


def mount_of(dev, where):
    for m in mounts(dev):
        if m[1] == where:
            return m
    raise AssertionError(f"nothing mounted on {where}")


def test_console_gives_root_shell(booted):
    assert booted.sh("id -u") == "0"
    assert booted.sh("echo hello $((6*7))") == "hello 42"
    assert "NAME=tinyfw" in booted.sh("cat /etc/tinyfw-release")


def test_root_is_readonly_squashfs(booted):
    m = mount_of(booted, "/")
    assert m[2] == "squashfs"
    assert "ro" in m[3].split(",")
    rc, out = booted.sh("echo x > /bin/tinyfw-should-fail", check=False)
    assert rc != 0 and "Read-only file system" in out
    assert booted.sh("test -e /bin/tinyfw-should-fail || echo absent") == "absent"


def test_etc_is_overlay_on_jffs2(booted):
    m = mount_of(booted, "/etc")
    assert m[2] == "overlay"
    assert "upperdir=/overlay/upper" in m[3]
    assert mount_of(booted, "/overlay")[2] == "jffs2"
    assert '"cfg"' in booted.sh("cat /proc/mtd")
    for d in ("/tmp", "/run", "/var"):
        assert mount_of(booted, d)[2] == "tmpfs"


def test_dhcp_address_and_syslog(booted):
    booted.wait_sh("ip -4 addr show dev eth0 | grep -q 'inet 10.0.2.15/'", 60,
                   "a DHCP lease on eth0")
    assert "nameserver 10.0.2.3" in booted.sh("cat /etc/resolv.conf")
    # syslogd keeps a RAM ring buffer; netd logs the lease udhcpc reported
    booted.wait_sh("logread | grep -q 'netd.*dhcp: bound 10.0.2.15/'", 30,
                   "the lease in logread")
    assert "first boot: formatting the cfg partition" in booted.sh("dmesg")


def test_ssh_key_login_and_no_password(booted, ssh_key):
    pub = open(ssh_key + ".pub").read().strip()
    booted.sh(f"echo '{pub}' > /etc/dropbear/authorized_keys && chmod 600 /etc/dropbear/authorized_keys")
    booted.wait_ssh()
    r = booted.ssh(ssh_key, "cat /etc/tinyfw-release; id -u")
    assert r.returncode == 0, r.stderr
    assert "NAME=tinyfw" in r.stdout and r.stdout.strip().endswith("0")
    # password logins are not even offered
    r = booted.ssh(ssh_key, "true", extra=("-o", "PubkeyAuthentication=no",
                                          "-o", "PreferredAuthentications=password,keyboard-interactive"))
    assert r.returncode == 255
    assert "Permission denied (publickey)" in r.stderr


def test_file_in_etc_survives_hard_kill(make_device):
    dev = make_device().boot()
    token = os.urandom(8).hex()
    dev.sh(f"echo {token} > /etc/persist-synced && sync")
    # no sync: JFFS2 on NOR writes through, so a completed write is on flash
    dev.sh(f"echo {token} > /etc/persist-nosync")
    dev.wait_sh("test -s /etc/dropbear/dropbear_ed25519_host_key", 60, "the host key")
    key = dev.sh("sha256sum /etc/dropbear/dropbear_ed25519_host_key").split()[0]
    dev.kill()
    dev.boot()
    assert dev.sh("cat /etc/persist-synced") == token
    assert dev.sh("cat /etc/persist-nosync") == token
    # the host key made on first boot is kept, not made again
    assert dev.sh("sha256sum /etc/dropbear/dropbear_ed25519_host_key").split()[0] == key
    assert "first boot" not in dev.sh("dmesg")


def test_file_in_etc_survives_reboot(make_device):
    dev = make_device().boot()
    token = os.urandom(8).hex()
    dev.sh(f"echo {token} > /etc/persist-reboot")
    dev.child.sendline("reboot")
    dev.wait_boot()
    assert dev.sh("cat /etc/persist-reboot") == token
    # a new boot, not the old one still running
    assert float(dev.sh("cat /proc/uptime").split()[0]) < dev.boot_seconds + 5


def test_factory_reset_restores_defaults(make_device):
    dev = make_device().boot()
    dev.sh("echo changed > /etc/hostname && echo x > /etc/leftover && rm /etc/hosts")
    rc, out = dev.sh("factory-reset", check=False)
    assert rc != 0 and "factory-reset -y" in out  # asks for confirmation
    assert dev.sh("cat /etc/hostname") == "changed"
    dev.child.sendline("factory-reset -y")
    dev.wait_boot()
    assert "factory reset: erasing the cfg partition" in dev.boot_output
    assert dev.sh("cat /etc/hostname") == "tinyfw"
    assert dev.sh("hostname") == "tinyfw"
    assert dev.sh("test -e /etc/leftover || echo gone") == "gone"
    assert "localhost" in dev.sh("cat /etc/hosts")


def test_corrupt_cfg_partition_boots_with_defaults(make_device):
    dev = make_device().boot()
    dev.sh("echo changed > /etc/hostname && sync")
    dev.kill()
    rootfs_before = dev.read_part("rootfs")
    kernel_before = dev.read_part("kernel")
    size = dev.layout.parts["cfg"][1]
    dev.write_part("cfg", os.urandom(size))
    dev.boot()
    assert "holds no valid tinyfw settings" in dev.boot_output or \
        "does not mount" in dev.boot_output
    assert re.search(r"preinit: cfg partition .* erasing it", dev.sh("dmesg"))
    dev.wait_sh("logread | grep -q 'preinit: cfg partition .* starting from defaults'", 30,
                "the cfg message in the system log")
    assert dev.sh("cat /etc/hostname") == "tinyfw"
    # and it is a working store again
    dev.sh("echo again > /etc/after-corruption")
    dev.kill()
    dev.boot()
    assert dev.sh("cat /etc/after-corruption") == "again"
    assert dev.read_part("rootfs") == rootfs_before
    assert dev.read_part("kernel") == kernel_before
