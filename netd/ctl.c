/* ctl: the unix socket door. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"
#include "netd.h"

static void client_close(struct ctl_client *cl)
{
	struct loop *l = &cl->ctl->nd->loop;

	loop_fd_del(l, &cl->fd);
	loop_timer_cancel(l, &cl->idle);
	close(cl->fd.fd);
	cl->fd.fd = -1;
	cl->used = 0;
	free(cl->out);
	cl->out = NULL;
	cl->olen = cl->ocap = cl->ooff = 0;
	/* The request buffer may have held a password. */
	memset(cl->in, 0, sizeof(cl->in));
	if (cl->ctl->full) {
		cl->ctl->full = 0;
		loop_fd_mod(l, &cl->ctl->lfd, EPOLLIN);
	}
}

static void sink_write(void *arg, const char *buf, size_t len)
{
	struct ctl_client *cl = arg;
	size_t cap;
	char *p;

	if (cl->olen + len > CTL_OUT_MAX) {
		cl->eof = 2;	/* overflow: dropped after this request */
		return;
	}
	if (cl->olen + len > cl->ocap) {
		cap = cl->ocap ? cl->ocap : 1024;
		while (cap < cl->olen + len) {
			cap *= 2;
		}
		p = realloc(cl->out, cap);
		if (!p) {
			cl->eof = 2;
			return;
		}
		cl->out = p;
		cl->ocap = cap;
	}
	memcpy(cl->out + cl->olen, buf, len);
	cl->olen += len;
}

static void run(struct ctl_client *cl, const char *line, size_t len)
{
	struct netd *nd = cl->ctl->nd;
	const struct cmd_sink sink = { sink_write, cl };

	nd->cmd.internal = cl->uid == 0;
	cmd_run(&nd->cmd, line, len, &sink);
	nd->cmd.internal = 0;
}

static void too_long(struct ctl_client *cl)
{
	static const char msg[] = "error: line too long (at most 4096 bytes)\n";

	sink_write(cl, msg, sizeof(msg) - 1);
}

/* Handle every complete line in the buffer; keep the rest. */
static void parse(struct ctl_client *cl)
{
	char *nl;
	size_t used = 0, n;

	while ((nl = memchr(cl->in + used, '\n', cl->inlen - used)) != NULL) {
		n = (size_t)(nl - (cl->in + used));
		if (cl->discard) {
			cl->discard = 0;
			too_long(cl);
		} else {
			run(cl, cl->in + used, n);
		}
		used += n + 1;
	}
	memmove(cl->in, cl->in + used, cl->inlen - used);
	cl->inlen -= used;
	if (cl->inlen == sizeof(cl->in)) {
		/* No newline in a full buffer: the line is too long. Drop it up
		 * to its newline and answer then, so replies stay in order. */
		cl->discard = 1;
		cl->inlen = 0;
	}
}

static void update(struct ctl_client *cl)
{
	struct loop *l = &cl->ctl->nd->loop;
	ssize_t w;

	while (cl->ooff < cl->olen) {
		w = write(cl->fd.fd, cl->out + cl->ooff, cl->olen - cl->ooff);
		if (w < 0) {
			if (errno == EAGAIN || errno == EINTR) {
				break;
			}
			client_close(cl);
			return;
		}
		cl->ooff += (size_t)w;
	}
	if (cl->ooff == cl->olen) {
		cl->ooff = cl->olen = 0;
		if (cl->eof) {
			client_close(cl);
			return;
		}
	}
	/* While replies wait, stop reading: a client must read what it asked. */
	loop_fd_mod(l, &cl->fd, cl->olen ? EPOLLOUT : EPOLLIN);
	loop_timer_set(l, &cl->idle, CTL_IDLE_MS);
}

static void on_client(struct loop_fd *f, unsigned events)
{
	struct ctl_client *cl = container_of(f, struct ctl_client, fd);
	ssize_t r;

	if (!cl->used) {
		return;
	}
	if (events & EPOLLIN) {
		r = read(f->fd, cl->in + cl->inlen, sizeof(cl->in) - cl->inlen);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
			cl->eof = 1;
		} else if (r > 0) {
			cl->inlen += (size_t)r;
			parse(cl);
		}
	} else if (events & (EPOLLERR | EPOLLHUP) && !(events & EPOLLOUT)) {
		cl->eof = 1;
	}
	if (cl->eof == 2) {
		log_msg(LOG_WARNING, "ctl: a client's replies exceed %d bytes: dropped",
			CTL_OUT_MAX);
		client_close(cl);
		return;
	}
	update(cl);
}

static void on_idle(struct loop_timer *t)
{
	struct ctl_client *cl = container_of(t, struct ctl_client, idle);

	client_close(cl);
}

static void on_accept(struct loop_fd *f, unsigned events)
{
	struct ctl *ctl = container_of(f, struct ctl, lfd);
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int fd, i;

	(void)events;
	for (i = 0; i < CTL_CLIENTS && ctl->client[i].used; i++) {
	}
	if (i == CTL_CLIENTS) {
		/* All busy: the next one waits in the backlog until one closes. */
		ctl->full = 1;
		loop_fd_mod(&ctl->nd->loop, f, 0);
		return;
	}
	fd = accept4(f->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		return;
	}
	struct ctl_client *cl = &ctl->client[i];

	memset(cl, 0, sizeof(*cl));
	cl->ctl = ctl;
	cl->fd.fd = fd;
	cl->used = 1;
	cl->fd.cb = on_client;
	cl->idle.cb = on_idle;
	cl->uid = (uid_t)-1;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
		cl->uid = cred.uid;
	}
	if (loop_fd_add(&ctl->nd->loop, &cl->fd, EPOLLIN) < 0) {
		close(fd);
		cl->used = 0;
		return;
	}
	loop_timer_set(&ctl->nd->loop, &cl->idle, CTL_IDLE_MS);
}

int ctl_open(struct netd *nd, const char *path)
{
	struct ctl *ctl = &nd->ctl;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	ctl->nd = nd;
	ctl->path = path;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		return -ENAMETOOLONG;
	}
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return -errno;
	}
	unlink(path);
	/* Created without any permission for others from the start, then given
	 * to the web UI's group: root and the CGIs (group netd) may connect. */
	mode_t old = umask(0117);
	int rc = bind(fd, (struct sockaddr *)&sun, sizeof(sun));

	umask(old);
	if (rc == 0 && chown(path, 0, CTL_GID) < 0) {
		rc = chmod(path, 0600);
	}
	if (rc < 0 || listen(fd, 8) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	ctl->lfd.fd = fd;
	ctl->lfd.cb = on_accept;
	return loop_fd_add(&nd->loop, &ctl->lfd, EPOLLIN);
}

void ctl_close(struct ctl *ctl)
{
	int i;

	for (i = 0; i < CTL_CLIENTS; i++) {
		if (ctl->client[i].used) {
			update(&ctl->client[i]);
			if (ctl->client[i].used) {
				client_close(&ctl->client[i]);
			}
		}
	}
	if (ctl->lfd.fd > 0) {
		loop_fd_del(&ctl->nd->loop, &ctl->lfd);
		close(ctl->lfd.fd);
		unlink(ctl->path);
	}
}
