/* log: syslog out, the syslogd ring in. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>

#include "log.h"

static int copy_to_stderr;

void log_init(int to_stderr)
{
	copy_to_stderr = to_stderr;
	openlog("netd", LOG_PID, LOG_DAEMON);
}

void log_msg(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (copy_to_stderr) {
		va_list cp;

		va_copy(cp, ap);
		fputs("netd: ", stderr);
		vfprintf(stderr, fmt, cp);
		fputc('\n', stderr);
		va_end(cp);
	}
	vsyslog(prio, fmt, ap);
	va_end(ap);
}

/* Byte @i of the ring in age order (0 = the oldest). */
#define AT(i) data[(tail + (i)) % size]

int log_ring_lines(const char *data, size_t size, size_t tail, unsigned max,
		   void (*cb)(void *arg, const char *line, size_t len), void *arg)
{
	char line[512];
	size_t i, start, total = 0, skip, len;
	unsigned count = 0;
	int n = 0;

	if (size == 0 || tail >= size || max == 0) {
		return 0;
	}
	/* Once the ring has wrapped, the oldest bytes are the end of a message
	 * whose start the writer overwrote: skip to the first NUL. (Before it
	 * wraps, the oldest bytes are still the zeroed free space.) */
	start = 0;
	if (AT(0) != '\0') {
		for (; start < size && AT(start) != '\0'; start++) {
		}
	}
	/* Count the messages, then skip all but the last @max. */
	for (i = start; i < size; i++) {
		if (AT(i) != '\0' && i > 0 && AT(i - 1) == '\0') {
			total++;
		}
	}
	skip = total > max ? total - max : 0;
	for (i = start; i < size; i++) {
		if (AT(i) == '\0' || i == 0 || AT(i - 1) != '\0') {
			continue;
		}
		for (len = 0; i + len < size && AT(i + len) != '\0'; len++) {
			if (len < sizeof(line)) {
				line[len] = AT(i + len);
			}
		}
		if (count++ < skip) {
			continue;
		}
		if (len > sizeof(line)) {
			len = sizeof(line);
		}
		while (len > 0 && line[len - 1] == '\n') {
			len--;
		}
		cb(arg, line, len);
		n++;
	}
	return n;
}

/* BusyBox syslogd's ring (sysklogd/syslogd.c). */
#define SYSLOGD_SHM_KEY 0x414e4547	/* "GENA" */
struct shbuf_ds {
	int32_t size;	/* size of data - 1 */
	int32_t tail;	/* end of message list */
	char data[1];
};

int log_tail(unsigned max, void (*cb)(void *arg, const char *line, size_t len), void *arg)
{
	const struct shbuf_ds *sh;
	int id, n;

	id = shmget(SYSLOGD_SHM_KEY, 0, 0);
	if (id < 0) {
		return -errno;
	}
	sh = shmat(id, NULL, SHM_RDONLY);
	if (sh == (void *)-1) {
		return -errno;
	}
	/* Read without syslogd's semaphore: a message written meanwhile may
	 * come out torn, which is harmless for a log view. */
	n = sh->size > 0 && sh->tail >= 0 && sh->tail < sh->size
		    ? log_ring_lines(sh->data, (size_t)sh->size, (size_t)sh->tail, max, cb, arg)
		    : 0;
	shmdt(sh);
	return n;
}
