/* sys: the real OS primitives, converted to the 0/-errno convention. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/random.h>
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

const struct sys_ops sys_linux = {
	.open = sys_open,
	.read = sys_read,
	.write = sys_write,
	.fsync = sys_fsync,
	.close = sys_close,
	.rename = sys_rename,
	.unlink = sys_unlink,
	.getrandom = sys_getrandom,
};
