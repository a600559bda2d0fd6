/* sys: the OS side effects netd performs, behind function pointers so that
 * host tests and fuzzers can replace them (fail a write, skip fsync). */
#ifndef NETD_SYS_H
#define NETD_SYS_H

#include <stddef.h>
#include <sys/types.h>

/**
 * struct sys_ops - file and entropy primitives. Every member returns a
 * non-negative result or -errno (never sets errno for the caller to read).
 * @open:      open(2); Return: fd or -errno
 * @read:      read(2), retried on EINTR; Return: bytes read or -errno
 * @write:     write(2), retried on EINTR; Return: bytes written or -errno
 * @fsync:     fsync(2)
 * @close:     close(2)
 * @rename:    rename(2)
 * @unlink:    unlink(2)
 * @getrandom: fill @buf with @len random bytes (getrandom(2), may block
 *             until the pool is initialised); Return: 0 or -errno
 */
struct sys_ops {
	int (*open)(const char *path, int flags, mode_t mode);
	ssize_t (*read)(int fd, void *buf, size_t len);
	ssize_t (*write)(int fd, const void *buf, size_t len);
	int (*fsync)(int fd);
	int (*close)(int fd);
	int (*rename)(const char *from, const char *to);
	int (*unlink)(const char *path);
	int (*getrandom)(void *buf, size_t len);
};

/* The real thing. */
extern const struct sys_ops sys_linux;

#endif
