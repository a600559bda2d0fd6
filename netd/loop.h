/* loop: netd's one event loop (epoll). Callers embed the records below in
 * the struct that owns them and get back to it with container_of(), the
 * libubox uloop way. Signals arrive through a signalfd, child exits as
 * loop_child callbacks; no callback may block. */
#ifndef NETD_LOOP_H
#define NETD_LOOP_H

#include <stddef.h>
#include <sys/types.h>

#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

struct loop;

/**
 * struct loop_fd - a watched file descriptor.
 * @fd: the descriptor
 * @cb: called with the epoll events (EPOLLIN, EPOLLOUT, EPOLLHUP, ...)
 */
struct loop_fd {
	int fd;
	void (*cb)(struct loop_fd *f, unsigned events);
};

/**
 * struct loop_timer - a one-shot timer; re-arm it from its callback for
 * a periodic one. @cb: called once when it is due.
 */
struct loop_timer {
	void (*cb)(struct loop_timer *t);
	struct loop_timer *next;	/* private */
	long long due;			/* private: loop_now() ms */
	int armed;			/* private */
};

/**
 * struct loop_child - a child process to be told about.
 * @pid: the child, set by the caller before loop_child_add()
 * @cb: called once with its wait status after it exits
 */
struct loop_child {
	pid_t pid;
	void (*cb)(struct loop_child *c, int status);
	struct loop_child *next;	/* private */
};

/**
 * struct loop - the loop. @on_signal is called for SIGTERM, SIGINT and
 * SIGHUP (never NULL once loop_run() runs); the rest is private.
 */
struct loop {
	void (*on_signal)(struct loop *l, int signo);
	int epfd;
	struct loop_fd sig;
	struct loop_timer *timers;
	struct loop_child *children;
	int quit;
};

/**
 * loop_init() - create the epoll instance and the signalfd; blocks SIGCHLD,
 * SIGTERM, SIGINT, SIGHUP and ignores SIGPIPE.
 * Return: 0 or -errno.
 */
int loop_init(struct loop *l);

/** loop_now() - Return: a monotonic clock in milliseconds. */
long long loop_now(void);

/**
 * loop_fd_add() - watch @f->fd for @events (EPOLLIN ...); loop_fd_mod()
 * changes the events, loop_fd_del() stops watching (before close()).
 * Return: 0 or -errno.
 */
int loop_fd_add(struct loop *l, struct loop_fd *f, unsigned events);
int loop_fd_mod(struct loop *l, struct loop_fd *f, unsigned events);
void loop_fd_del(struct loop *l, struct loop_fd *f);

/**
 * loop_timer_set() - (re)arm @t to fire in @ms milliseconds.
 * loop_timer_cancel() disarms it (harmless if it is not armed).
 */
void loop_timer_set(struct loop *l, struct loop_timer *t, unsigned ms);
void loop_timer_cancel(struct loop *l, struct loop_timer *t);

/** loop_child_add() - call @c->cb when @c->pid exits. */
void loop_child_add(struct loop *l, struct loop_child *c);

/** loop_child_del() - forget @c (its exit is then reaped silently). */
void loop_child_del(struct loop *l, struct loop_child *c);

/**
 * loop_run() - dispatch events until loop_quit().
 * Return: 0, or -errno if epoll_wait() failed.
 */
int loop_run(struct loop *l);
void loop_quit(struct loop *l);

#endif
