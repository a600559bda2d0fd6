/* loop: epoll, a sorted timer list, signalfd. A daemon with a handful of
 * fds and timers does not need a heap or a timer wheel. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"

long long loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void reap(struct loop *l)
{
	struct loop_child **pp, *c;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (pp = &l->children; *pp && (*pp)->pid != pid; pp = &(*pp)->next) {
		}
		c = *pp;
		if (c) {
			*pp = c->next;
			c->next = NULL;
			c->cb(c, status);
		}
	}
}

static void on_sigfd(struct loop_fd *f, unsigned events)
{
	struct loop *l = container_of(f, struct loop, sig);
	struct signalfd_siginfo si;

	(void)events;
	while (read(f->fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGCHLD) {
			reap(l);
		} else if (l->on_signal) {
			l->on_signal(l, (int)si.ssi_signo);
		}
	}
}

int loop_init(struct loop *l)
{
	sigset_t set;

	memset(l, 0, sizeof(*l));
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0) {
		return -errno;
	}
	l->sig.fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (l->sig.fd < 0) {
		return -errno;
	}
	l->sig.cb = on_sigfd;
	return loop_fd_add(l, &l->sig, EPOLLIN);
}

static int ctl(struct loop *l, int op, struct loop_fd *f, unsigned events)
{
	struct epoll_event ev = { .events = events, .data.ptr = f };

	return epoll_ctl(l->epfd, op, f->fd, &ev) < 0 ? -errno : 0;
}

int loop_fd_add(struct loop *l, struct loop_fd *f, unsigned events)
{
	return ctl(l, EPOLL_CTL_ADD, f, events);
}

int loop_fd_mod(struct loop *l, struct loop_fd *f, unsigned events)
{
	return ctl(l, EPOLL_CTL_MOD, f, events);
}

void loop_fd_del(struct loop *l, struct loop_fd *f)
{
	ctl(l, EPOLL_CTL_DEL, f, 0);
}

void loop_timer_cancel(struct loop *l, struct loop_timer *t)
{
	struct loop_timer **pp;

	if (!t->armed) {
		return;
	}
	for (pp = &l->timers; *pp && *pp != t; pp = &(*pp)->next) {
	}
	if (*pp) {
		*pp = t->next;
	}
	t->armed = 0;
}

void loop_timer_set(struct loop *l, struct loop_timer *t, unsigned ms)
{
	struct loop_timer **pp;

	loop_timer_cancel(l, t);
	t->due = loop_now() + ms;
	for (pp = &l->timers; *pp && (*pp)->due <= t->due; pp = &(*pp)->next) {
	}
	t->next = *pp;
	*pp = t;
	t->armed = 1;
}

void loop_child_add(struct loop *l, struct loop_child *c)
{
	c->next = l->children;
	l->children = c;
}

void loop_child_del(struct loop *l, struct loop_child *c)
{
	struct loop_child **pp;

	for (pp = &l->children; *pp && *pp != c; pp = &(*pp)->next) {
	}
	if (*pp) {
		*pp = c->next;
	}
}

void loop_quit(struct loop *l)
{
	l->quit = 1;
}

int loop_run(struct loop *l)
{
	struct epoll_event ev[8];
	int n, i, wait;

	while (!l->quit) {
		wait = -1;
		if (l->timers) {
			long long d = l->timers->due - loop_now();

			wait = d < 0 ? 0 : d > 60000 ? 60000 : (int)d;
		}
		n = epoll_wait(l->epfd, ev, 8, wait);
		if (n < 0 && errno != EINTR) {
			return -errno;
		}
		for (i = 0; i < n; i++) {
			struct loop_fd *f = ev[i].data.ptr;

			f->cb(f, ev[i].events);
		}
		while (l->timers && l->timers->due <= loop_now()) {
			struct loop_timer *t = l->timers;

			l->timers = t->next;
			t->armed = 0;
			t->cb(t);
		}
	}
	return 0;
}
