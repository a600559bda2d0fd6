/* sys: the OS side effects netd performs, behind function pointers so that
 * host tests and fuzzers can replace them (fail a write, skip fsync). */
#ifndef NETD_SYS_H
#define NETD_SYS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/**
 * struct sys_ifinfo - what netd reads back about an interface.
 * @addr, @mask: IPv4 address and netmask, network byte order (0: none)
 * @up: IFF_UP is set; @carrier: the link has carrier (IFF_RUNNING)
 */
struct sys_ifinfo {
	uint32_t addr, mask;
	int up, carrier;
};

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
 *
 * Processes and the network (host tests that do not need them leave them
 * NULL):
 * @spawn:     start @argv[0] (a full path) with @argv, default signal
 *             handling, an empty signal mask, a new session and stdin,
 *             stdout, stderr on /dev/null; Return: the pid or -errno
 * @kill:      kill(2)
 * @sethostname: sethostname(2)
 * @if_set:    bring @ifname up with IPv4 @addr/@mask (network byte order;
 *             @addr 0 removes the address)
 * @if_get:    read @ifname's state into @info
 * @route_default: make @gw (network byte order) the default route through
 *             @ifname with @metric, replacing the other default routes
 *             through @ifname; @gw 0 removes them (routes through other
 *             interfaces stay: the lowest metric wins)
 * @reboot:    ask init to reboot the device (it runs the shutdown actions)
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

	pid_t (*spawn)(const char *const argv[]);
	int (*kill)(pid_t pid, int sig);
	int (*sethostname)(const char *name);
	int (*if_set)(const char *ifname, uint32_t addr, uint32_t mask);
	int (*if_get)(const char *ifname, struct sys_ifinfo *info);
	int (*route_default)(const char *ifname, uint32_t gw, unsigned metric);
	int (*reboot)(void);
};

/* The real thing. */
extern const struct sys_ops sys_linux;

/**
 * sys_save_file() - replace @path atomically: write @path.tmp (mode
 * @mode), fsync, close, rename over @path, fsync the directory.
 * @sys: the primitives
 * @path: the file (at most SYS_PATH_MAX bytes)
 * @buf: the new content; @len its length
 * @mode: the new file's mode
 * @step: set to the step that failed ("create", "write", "flush",
 *        "close", "rename", "flush the directory of")
 *
 * A failure up to the rename removes the temp file and leaves @path as it
 * was. A failed directory fsync comes after the rename: the new content
 * is in place but a power cut may still bring the old one back.
 * Return: 0; 1 if only the directory fsync failed (@step says so);
 * -errno if @path was not replaced.
 */
int sys_save_file(const struct sys_ops *sys, const char *path, const void *buf, size_t len,
		  mode_t mode, const char **step);

/**
 * sys_read_file() - read at most @n - 1 bytes of @path into @buf and
 * NUL-terminate them.
 * Return: the number of bytes read, or -errno.
 */
ssize_t sys_read_file(const struct sys_ops *sys, const char *path, char *buf, size_t n);

#define SYS_PATH_MAX 240

#endif
