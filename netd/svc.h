/* svc: supervision of netd's children (dropbear, udhcpc, ...), the procd
 * way: the respawn policy is data, a crash loop halts the service instead
 * of spinning, and the state is visible in status. */
#ifndef NETD_SVC_H
#define NETD_SVC_H

#include "loop.h"
#include "sys.h"

#define SVC_ARGV_MAX 16
#define SVC_BURST_MAX 8

/**
 * struct svc_policy - how a service is respawned.
 * @backoff_min_ms: wait before the first respawn; doubled after each quick
 *                  exit, up to @backoff_max_ms
 * @stable_ms:      a run at least this long counts as healthy: the backoff
 *                  starts again from @backoff_min_ms
 * @burst, @window_ms: @burst exits (at most SVC_BURST_MAX) within
 *                  @window_ms halt the service (a crash loop)
 * @stop_ms:        SIGTERM, then SIGKILL after this long
 */
struct svc_policy {
	unsigned backoff_min_ms, backoff_max_ms, stable_ms;
	unsigned burst, window_ms, stop_ms;
};

extern const struct svc_policy svc_policy_default;

enum svc_state {
	SVC_STOPPED,	/* not wanted, not running */
	SVC_RUNNING,
	SVC_BACKOFF,	/* exited, waiting to respawn */
	SVC_STOPPING,	/* SIGTERM sent, waiting for the exit */
	SVC_HALTED,	/* crash loop: given up until the next start/restart */
	SVC_FAILED,	/* could not be started at all (spawn failed) */
};

/**
 * struct svc - one supervised service. The caller fills @name, @pol, @sys,
 * @loop, @argv (and @arg) and calls svc_init(); the rest is kept here.
 * @argv:     fills @out with the command line (full path first, NULL last)
 *            each time the service starts, so it follows the settings;
 *            Return: 0, or -errno not to start (e.g. not configured)
 * @on_exit:  optional, told about every exit (wait status)
 * @restarts: respawns since netd started (not counting asked restarts)
 * @exits:    times of the recent exits, for the crash-loop check
 */
struct svc {
	const char *name;
	const struct svc_policy *pol;
	const struct sys_ops *sys;
	struct loop *loop;
	int (*argv)(struct svc *s, const char **out, char *buf, size_t n);
	void (*on_exit)(struct svc *s, int status);
	void *arg;

	enum svc_state state;
	int want, restart_pending;
	pid_t pid;
	unsigned restarts, backoff_ms;
	int last_status;
	long long started;
	long long exits[SVC_BURST_MAX];
	unsigned nexits;
	struct loop_child child;
	struct loop_timer timer;
};

void svc_init(struct svc *s);

/** svc_start() - want it running: start it now unless it already runs;
 * clears a halt. */
void svc_start(struct svc *s);

/** svc_stop() - not wanted any more: SIGTERM, SIGKILL after pol->stop_ms. */
void svc_stop(struct svc *s);

/** svc_restart() - stop it if it runs, then start it again (new argv);
 * clears a halt. */
void svc_restart(struct svc *s);

/** svc_state_name() - "stopped", "running", "backoff", "stopping",
 * "halted" or "failed". */
const char *svc_state_name(enum svc_state st);

/**
 * svc_crash_loop() - the crash-loop rule, on its own for the unit tests.
 * @exits: times (ms) of the last @n exits, oldest first, @now the latest
 * Return: 1 if @burst exits or more fell within @window_ms.
 */
int svc_crash_loop(const long long *exits, unsigned n, unsigned burst, unsigned window_ms);

/**
 * svc_next_backoff() - the wait before the next respawn.
 * @prev: the previous wait (0: none yet)
 * @ran_ms: how long the last run lasted
 */
unsigned svc_next_backoff(const struct svc_policy *pol, unsigned prev, long long ran_ms);

#endif
