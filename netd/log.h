/* log: netd's messages go to syslog (BusyBox syslogd keeps them in its
 * shared-memory ring), and the `log` command reads that ring back. */
#ifndef NETD_LOG_H
#define NETD_LOG_H

#include <stddef.h>
#include <syslog.h>

/**
 * log_init() - open syslog as "netd"; with @to_stderr also copy every
 * message to stderr (netd -f, for debugging).
 */
void log_init(int to_stderr);

/** log_msg() - one message at priority @prio (LOG_ERR ...); printf-like. */
void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * log_ring_lines() - walk the messages of a BusyBox syslogd ring, oldest
 * first, keeping only the last @max of them.
 * @data: the ring's bytes, @size of them
 * @tail: where the next message will be written (so the oldest byte)
 * @max: how many of the newest messages to pass to @cb
 * @cb: called per message, without its newline; @arg its first argument
 *
 * Messages are NUL-terminated and wrap around the end. The one the writer
 * has partly overwritten (the first after @tail) is skipped.
 * Return: the number of messages passed to @cb.
 */
int log_ring_lines(const char *data, size_t size, size_t tail, unsigned max,
		   void (*cb)(void *arg, const char *line, size_t len), void *arg);

/**
 * log_tail() - log_ring_lines() on syslogd's live ring (syslogd -C).
 * Return: as log_ring_lines(), or -errno (-ENOENT: syslogd is not running
 * with -C).
 */
int log_tail(unsigned max, void (*cb)(void *arg, const char *line, size_t len), void *arg);

#endif
