/* svc: start, watch, respawn with backoff, halt crash loops. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/wait.h>

#include "log.h"
#include "svc.h"

const struct svc_policy svc_policy_default = {
	.backoff_min_ms = 250,
	.backoff_max_ms = 8000,
	.stable_ms = 30000,
	.burst = 5,
	.window_ms = 30000,
	.stop_ms = 3000,
};

const char *svc_state_name(enum svc_state st)
{
	static const char *const names[] = { "stopped", "running", "backoff", "stopping",
					     "halted", "failed" };

	return (unsigned)st < sizeof(names) / sizeof(names[0]) ? names[st] : "?";
}

int svc_crash_loop(const long long *exits, unsigned n, unsigned burst, unsigned window_ms)
{
	if (burst == 0 || n < burst) {
		return 0;
	}
	return exits[n - 1] - exits[n - burst] <= (long long)window_ms;
}

unsigned svc_next_backoff(const struct svc_policy *pol, unsigned prev, long long ran_ms)
{
	if (prev == 0 || ran_ms >= (long long)pol->stable_ms) {
		return pol->backoff_min_ms;
	}
	return prev >= pol->backoff_max_ms / 2 ? pol->backoff_max_ms : prev * 2;
}

static void spawn(struct svc *s)
{
	const char *argv[SVC_ARGV_MAX + 1];
	char buf[512];
	pid_t pid;
	int rc;

	memset(argv, 0, sizeof(argv));
	rc = s->argv(s, argv, buf, sizeof(buf));
	if (rc < 0) {
		log_msg(LOG_ERR, "%s: not started: %s", s->name, strerror(-rc));
		s->state = SVC_FAILED;
		return;
	}
	pid = s->sys->spawn(argv);
	if (pid < 0) {
		log_msg(LOG_ERR, "%s: cannot start %s: %s", s->name, argv[0], strerror(-pid));
		s->state = SVC_FAILED;
		return;
	}
	s->pid = pid;
	s->child.pid = pid;
	s->started = loop_now();
	s->state = SVC_RUNNING;
	loop_child_add(s->loop, &s->child);
	log_msg(LOG_INFO, "%s: started (pid %d)", s->name, (int)pid);
}

static void describe(int status, char *buf, size_t n)
{
	if (WIFSIGNALED(status)) {
		snprintf(buf, n, "killed by signal %d", WTERMSIG(status));
	} else {
		snprintf(buf, n, "exited with status %d", WEXITSTATUS(status));
	}
}

static void on_child(struct loop_child *c, int status)
{
	struct svc *s = container_of(c, struct svc, child);
	long long now = loop_now(), ran = now - s->started;
	char how[48];

	describe(status, how, sizeof(how));
	s->pid = 0;
	s->last_status = status;
	loop_timer_cancel(s->loop, &s->timer);
	if (s->on_exit) {
		s->on_exit(s, status);
	}
	if (s->state == SVC_STOPPING || !s->want) {
		log_msg(LOG_INFO, "%s: stopped (%s)", s->name, how);
		s->state = SVC_STOPPED;
		if (s->want && s->restart_pending) {
			s->restart_pending = 0;
			spawn(s);
		}
		return;
	}
	if (s->nexits == SVC_BURST_MAX) {
		memmove(s->exits, s->exits + 1, sizeof(s->exits[0]) * (SVC_BURST_MAX - 1));
		s->nexits--;
	}
	s->exits[s->nexits++] = now;
	if (ran >= (long long)s->pol->stable_ms) {
		s->nexits = 1;
		s->exits[0] = now;
	}
	if (svc_crash_loop(s->exits, s->nexits, s->pol->burst, s->pol->window_ms)) {
		log_msg(LOG_ERR, "%s: %s; %u exits within %u s: halted (a crash loop); "
			"fix the settings and commit, or restart it", s->name, how,
			s->pol->burst, s->pol->window_ms / 1000);
		s->state = SVC_HALTED;
		return;
	}
	s->backoff_ms = svc_next_backoff(s->pol, s->backoff_ms, ran);
	log_msg(LOG_WARNING, "%s: %s; respawning in %u ms", s->name, how, s->backoff_ms);
	s->state = SVC_BACKOFF;
	loop_timer_set(s->loop, &s->timer, s->backoff_ms);
}

static void on_timer(struct loop_timer *t)
{
	struct svc *s = container_of(t, struct svc, timer);

	if (s->state == SVC_BACKOFF && s->want) {
		s->restarts++;
		spawn(s);
	} else if (s->state == SVC_STOPPING && s->pid > 0) {
		log_msg(LOG_WARNING, "%s: still running %u ms after SIGTERM: SIGKILL", s->name,
			s->pol->stop_ms);
		s->sys->kill(s->pid, SIGKILL);
	}
}

void svc_init(struct svc *s)
{
	s->state = SVC_STOPPED;
	s->child.cb = on_child;
	s->timer.cb = on_timer;
}

static void clear_history(struct svc *s)
{
	s->nexits = 0;
	s->backoff_ms = 0;
}

void svc_start(struct svc *s)
{
	s->want = 1;
	switch (s->state) {
	case SVC_RUNNING:
		return;
	case SVC_STOPPING:
		s->restart_pending = 1;
		return;
	case SVC_BACKOFF:
		loop_timer_cancel(s->loop, &s->timer);
		/* fall through */
	default:
		clear_history(s);
		spawn(s);
	}
}

static void terminate(struct svc *s)
{
	s->state = SVC_STOPPING;
	s->sys->kill(s->pid, SIGTERM);
	loop_timer_set(s->loop, &s->timer, s->pol->stop_ms);
}

void svc_stop(struct svc *s)
{
	s->want = 0;
	s->restart_pending = 0;
	loop_timer_cancel(s->loop, &s->timer);
	if (s->pid > 0) {
		terminate(s);
	} else {
		s->state = SVC_STOPPED;
	}
}

void svc_restart(struct svc *s)
{
	s->want = 1;
	clear_history(s);
	if (s->pid > 0) {
		s->restart_pending = 1;
		if (s->state != SVC_STOPPING) {
			terminate(s);
		}
		return;
	}
	loop_timer_cancel(s->loop, &s->timer);
	spawn(s);
}
