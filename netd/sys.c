/* sys: the real OS primitives, converted to the 0/-errno convention. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys.h"

static int sys_open(const char *path, int flags, mode_t mode)
{
	int fd;

	do {
		fd = open(path, flags, mode);
	} while (fd < 0 && errno == EINTR);
	return fd < 0 ? -errno : fd;
}

static ssize_t sys_read(int fd, void *buf, size_t len)
{
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

static ssize_t sys_write(int fd, const void *buf, size_t len)
{
	ssize_t n;

	do {
		n = write(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

static int sys_fsync(int fd)
{
	return fsync(fd) < 0 ? -errno : 0;
}

static int sys_close(int fd)
{
	/* Linux frees the fd even when close fails: never retry it. */
	return close(fd) < 0 && errno != EINTR ? -errno : 0;
}

static int sys_rename(const char *from, const char *to)
{
	return rename(from, to) < 0 ? -errno : 0;
}

static int sys_unlink(const char *path)
{
	return unlink(path) < 0 ? -errno : 0;
}

static int sys_getrandom(void *buf, size_t len)
{
	unsigned char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

extern char **environ;

static pid_t sys_spawn(const char *const argv[])
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, all;
	pid_t pid;
	int rc;

	/* posix_spawn (vfork-like in musl) does not copy netd's pages: the
	 * cheap way to start a child on a device with a few MiB of RAM. */
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDWR, 0);
	posix_spawn_file_actions_adddup2(&fa, 0, 1);
	posix_spawn_file_actions_adddup2(&fa, 0, 2);
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &all);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
				      POSIX_SPAWN_SETSID);
	rc = posix_spawn(&pid, argv[0], &fa, &at, (char *const *)argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return rc ? -rc : pid;
}

static int sys_kill(pid_t pid, int sig)
{
	return kill(pid, sig) < 0 ? -errno : 0;
}

static int sys_sethostname(const char *name)
{
	return sethostname(name, strlen(name)) < 0 ? -errno : 0;
}

/* An AF_INET datagram socket for the interface and route ioctls. */
static int inet_sock(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return fd < 0 ? -errno : fd;
}

static void set_sin(struct sockaddr *sa, uint32_t addr)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = addr };

	memcpy(sa, &sin, sizeof(sin));
}

static int if_ioctl(int fd, unsigned long req, struct ifreq *ifr)
{
	return ioctl(fd, req, ifr) < 0 ? -errno : 0;
}

static int sys_if_set(const char *ifname, uint32_t addr, uint32_t mask)
{
	struct ifreq ifr;
	int fd = inet_sock(), rc;

	if (fd < 0) {
		return fd;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	rc = if_ioctl(fd, SIOCGIFFLAGS, &ifr);
	if (rc == 0 && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		rc = if_ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	if (rc == 0) {
		/* Address 0.0.0.0 is how SIOCSIFADDR removes the address. */
		set_sin(&ifr.ifr_addr, addr);
		rc = if_ioctl(fd, SIOCSIFADDR, &ifr);
	}
	if (rc == 0 && addr) {
		set_sin(&ifr.ifr_netmask, mask);
		rc = if_ioctl(fd, SIOCSIFNETMASK, &ifr);
	}
	close(fd);
	return rc;
}

static int sys_if_get(const char *ifname, struct sys_ifinfo *info)
{
	struct ifreq ifr;
	struct sockaddr_in sin;
	int fd = inet_sock(), rc;

	memset(info, 0, sizeof(*info));
	if (fd < 0) {
		return fd;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	rc = if_ioctl(fd, SIOCGIFFLAGS, &ifr);
	if (rc == 0) {
		info->up = !!(ifr.ifr_flags & IFF_UP);
		info->carrier = !!(ifr.ifr_flags & IFF_RUNNING);
		if (if_ioctl(fd, SIOCGIFADDR, &ifr) == 0) {
			memcpy(&sin, &ifr.ifr_addr, sizeof(sin));
			info->addr = sin.sin_addr.s_addr;
		}
		if (info->addr && if_ioctl(fd, SIOCGIFNETMASK, &ifr) == 0) {
			memcpy(&sin, &ifr.ifr_netmask, sizeof(sin));
			info->mask = sin.sin_addr.s_addr;
		}
	}
	close(fd);
	return rc;
}

static int sys_route_default(const char *ifname, uint32_t gw, unsigned metric)
{
	struct rtentry rt;
	char dev[IFNAMSIZ];
	int fd = inet_sock(), rc = 0, n;

	if (fd < 0) {
		return fd;
	}
	snprintf(dev, sizeof(dev), "%s", ifname);
	memset(&rt, 0, sizeof(rt));
	set_sin(&rt.rt_dst, 0);
	set_sin(&rt.rt_genmask, 0);
	rt.rt_dev = dev;
	/* Every default route through the interface goes (a bounded loop: the
	 * kernel answers ESRCH once there is none left). */
	for (n = 0; n < 16 && ioctl(fd, SIOCDELRT, &rt) == 0; n++) {
	}
	if (gw) {
		set_sin(&rt.rt_gateway, gw);
		rt.rt_flags = RTF_UP | RTF_GATEWAY;
		rt.rt_metric = (short)(metric + 1);	/* the kernel takes one off */
		rc = ioctl(fd, SIOCADDRT, &rt) < 0 ? -errno : 0;
	}
	close(fd);
	return rc;
}

static int sys_reboot(void)
{
	/* BusyBox init reboots on SIGTERM, after its shutdown actions. */
	return kill(1, SIGTERM) < 0 ? -errno : 0;
}

const struct sys_ops sys_linux = {
	.open = sys_open,
	.read = sys_read,
	.write = sys_write,
	.fsync = sys_fsync,
	.close = sys_close,
	.rename = sys_rename,
	.unlink = sys_unlink,
	.getrandom = sys_getrandom,
	.spawn = sys_spawn,
	.kill = sys_kill,
	.sethostname = sys_sethostname,
	.if_set = sys_if_set,
	.if_get = sys_if_get,
	.route_default = sys_route_default,
	.reboot = sys_reboot,
};

int sys_save_file(const struct sys_ops *sys, const char *path, const void *buf, size_t len,
		  mode_t mode, const char **step)
{
	char tmp[SYS_PATH_MAX + 8], dir[SYS_PATH_MAX + 1];
	const char *slash;
	size_t off = 0;
	ssize_t w;
	int fd, rc;

	*step = "create";
	if (strlen(path) > SYS_PATH_MAX) {
		return -ENAMETOOLONG;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	/* Never O_TRUNC an old temp file: on JFFS2 a power cut in the middle
	 * of rename() (link, then unlink) leaves the temp name as a second
	 * hard link to the real file, and truncating it would empty the real
	 * file (and rename() between two links of one file does nothing).
	 * Unlinking drops only the name; the file is then made anew. */
	rc = sys->unlink(tmp);
	if (rc < 0 && rc != -ENOENT) {
		return rc;
	}
	fd = sys->open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		return fd;
	}
	*step = "write";
	for (; off < len; off += (size_t)w) {
		w = sys->write(fd, (const char *)buf + off, len - off);
		if (w <= 0) {
			rc = w < 0 ? (int)w : -EIO;
			goto out_close;
		}
	}
	*step = "flush";
	rc = sys->fsync(fd);
	if (rc < 0) {
		goto out_close;
	}
	*step = "close";
	rc = sys->close(fd);
	if (rc < 0) {
		goto out_unlink;
	}
	*step = "rename";
	rc = sys->rename(tmp, path);
	if (rc < 0) {
		goto out_unlink;
	}
	/* Without the directory fsync a power cut may still bring back the
	 * old file: the caller says so. */
	slash = strrchr(path, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) + 1 : 1,
		 slash ? path : ".");
	fd = sys->open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	rc = fd < 0 ? fd : sys->fsync(fd);
	if (fd >= 0) {
		sys->close(fd);
	}
	if (rc < 0) {
		*step = "flush the directory of";
		return 1;
	}
	return 0;
out_close:
	sys->close(fd);
out_unlink:
	sys->unlink(tmp);
	return rc;
}

ssize_t sys_read_file(const struct sys_ops *sys, const char *path, char *buf, size_t n)
{
	size_t off = 0;
	ssize_t r = 0;
	int fd = sys->open(path, O_RDONLY | O_CLOEXEC, 0);

	if (fd < 0) {
		return fd;
	}
	while (off + 1 < n && (r = sys->read(fd, buf + off, n - 1 - off)) > 0) {
		off += (size_t)r;
	}
	sys->close(fd);
	buf[off] = '\0';
	return r < 0 ? r : (ssize_t)off;
}
