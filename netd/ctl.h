/* ctl: the command set on a unix stream socket (/run/netd.sock), the door
 * netctl and the web UI's CGIs use. One request per line, replies as in
 * docs/commands.md, several clients at once, none able to stall netd. */
#ifndef NETD_CTL_H
#define NETD_CTL_H

#include <stddef.h>
#include <sys/types.h>

#include "cmd.h"
#include "loop.h"

#define CTL_CLIENTS 8		/* at once; more wait in the backlog */
#define CTL_OUT_MAX 131072	/* a client that does not read its replies is dropped */
#define CTL_GID 80		/* group netd: the web UI's CGIs (etc/group) */
#define CTL_IDLE_MS 10000	/* a silent client is dropped */

struct netd;

struct ctl_client {
	int used;		/* 0: free (zero at start: the unused places are never touched) */
	struct loop_fd fd;
	struct loop_timer idle;
	struct ctl *ctl;
	uid_t uid;
	int discard, eof;
	size_t inlen, olen, ocap, ooff;
	char *out;
	char in[CMD_LINE_MAX + 2];
};

struct ctl {
	struct netd *nd;
	const char *path;
	struct loop_fd lfd;
	int full;
	struct ctl_client client[CTL_CLIENTS];
};

/**
 * ctl_open() - bind and listen on @path (an old socket file is replaced;
 * mode 0660, group CTL_GID: root and the web UI's CGIs; if the group
 * cannot be set, 0600: root only). Only root may use internal commands.
 * Return: 0 or -errno.
 */
int ctl_open(struct netd *nd, const char *path);

/** ctl_close() - close every connection and the socket, remove @path. */
void ctl_close(struct ctl *ctl);

#endif
