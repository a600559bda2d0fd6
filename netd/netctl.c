/* netctl: send one request to netd, print the reply. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "netctl.h"
#include "netd.h"

int netctl_quote(char *out, size_t n, size_t *len, const char *word)
{
	size_t l = *len;
	const char *p;

	if (l && l < n) {
		out[l++] = ' ';
	}
	if (l < n) {
		out[l++] = '\'';
	}
	for (p = word; *p; p++) {
		if (*p == '\'') {
			if (l + 4 >= n) {
				return -E2BIG;
			}
			memcpy(out + l, "'\\''", 4);
			l += 4;
		} else if (l < n) {
			out[l++] = *p;
		}
	}
	if (l + 1 >= n) {
		return -E2BIG;
	}
	out[l++] = '\'';
	out[l] = '\0';
	*len = l;
	return 0;
}

int netctl_json_string(const char *s, char *out, size_t n)
{
	size_t l = 0;
	int w;

	if (n < 3) {
		return -E2BIG;
	}
	out[l++] = '"';
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (l + 8 >= n) {
			return -E2BIG;
		}
		if (ch == '"' || ch == '\\') {
			out[l++] = '\\';
			out[l++] = (char)ch;
		} else if (ch < 0x20 || ch == 0x7f) {
			w = snprintf(out + l, n - l, "\\u%04x", ch);
			l += (size_t)w;
		} else {
			out[l++] = (char)ch;
		}
	}
	out[l++] = '"';
	out[l] = '\0';
	return (int)l;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: netctl [--json] [-s SOCKET] COMMAND [ARG...]\n"
		"  sends COMMAND to netd and prints its reply (netctl help lists the\n"
		"  commands; docs/commands.md describes them).\n"
		"  netctl password set   reads the new password from stdin\n"
		"  --json      print the reply as one JSON object\n"
		"  --raw       send stdin to netd as it is (any number of request\n"
		"              lines) and print the replies as they come\n"
		"  exit: 0 ok, 1 error, 2 usage\n");
	return 2;
}

/* The password from stdin: asked twice without echo on a terminal. */
static int read_password(char *buf, size_t n)
{
	struct termios old, quiet;
	char again[256];
	int tty = isatty(0), rc = 0;

	if (tty) {
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
		fputs("New password: ", stderr);
	}
	if (!fgets(buf, (int)n, stdin)) {
		rc = -1;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	if (tty && rc == 0) {
		fputs("\nAgain: ", stderr);
		if (!fgets(again, sizeof(again), stdin) ||
		    (again[strcspn(again, "\r\n")] = '\0', strcmp(again, buf) != 0)) {
			fputs("\nnetctl: the passwords differ; unchanged\n", stderr);
			rc = -2;
		}
		memset(again, 0, sizeof(again));
	}
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (rc == -1) {
		fputs("netctl: no password on stdin\n", stderr);
	}
	return rc;
}

static int connect_netd(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		fprintf(stderr, "netctl: cannot reach netd on %s: %s\n", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
		}
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *buf, size_t len)
{
	ssize_t w;

	for (; len > 0; buf += w, len -= (size_t)w) {
		w = write(fd, buf, len);
		if (w < 0) {
			return -1;
		}
	}
	return 0;
}

/* Print one key=value reply line, as it came or as a JSON member. */
static void print_line(const char *line, int json, int *first)
{
	static struct cmd_words w;
	const char *why = NULL;
	char k[256], v[CMD_LINE_MAX + 16];
	char *eq;

	if (!json) {
		puts(line);
		return;
	}
	if (cmd_split(line, strlen(line), &w, &why) < 0 || w.argc != 1 ||
	    !(eq = strchr(w.argv[0], '='))) {
		return;
	}
	*eq = '\0';
	if (netctl_json_string(w.argv[0], k, sizeof(k)) < 0 ||
	    netctl_json_string(eq + 1, v, sizeof(v)) < 0) {
		return;
	}
	printf("%s%s: %s", *first ? "" : ", ", k, v);
	*first = 0;
}

/* Read a reply line by line: each value line to @line, the closing "ok"
 * or "error: ..." into @last. Return: 0 (ok), 1 (error), 2 (a usage or
 * unknown-command error), -1 (netd gone or silent; @last says so). */
static int reply_read(int fd, void (*line)(void *arg, const char *s), void *arg, char *last,
		      size_t n)
{
	char buf[CMD_LINE_MAX * 4];
	size_t len = 0;
	char *nl;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t r;

	for (;;) {
		while ((nl = memchr(buf, '\n', len)) != NULL) {
			*nl = '\0';
			if (strcmp(buf, "ok") == 0 || strncmp(buf, "error: ", 7) == 0) {
				size_t l = (size_t)(nl - buf) < n ? (size_t)(nl - buf) : n - 1;

				memcpy(last, buf, l);
				last[l] = '\0';
				if (buf[0] == 'o') {
					return 0;
				}
				return strncmp(buf, "error: usage:", 13) == 0 ||
				       strncmp(buf, "error: unknown command", 22) == 0 ? 2 : 1;
			}
			line(arg, buf);
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len);
		}
		if (len == sizeof(buf)) {
			len = 0;	/* a line longer than any netd writes: drop it */
		}
		if (poll(&p, 1, NETCTL_TIMEOUT_MS) <= 0) {
			snprintf(last, n, "error: no reply from netd");
			return -1;
		}
		r = read(fd, buf + len, sizeof(buf) - len);
		if (r <= 0) {
			snprintf(last, n, "error: netd closed the connection before replying");
			return -1;
		}
		len += (size_t)r;
	}
}

struct printer {
	int json, first;
};

static void print_cb(void *arg, const char *s)
{
	struct printer *pr = arg;

	print_line(s, pr->json, &pr->first);
}

/* The reply on stdout (or as JSON). Return: the exit status, 0, 1 or 2. */
static int read_reply(int fd, int json)
{
	struct printer pr = { json, 1 };
	char last[CMD_LINE_MAX + 16], err[CMD_LINE_MAX * 2];
	int rc;

	if (json) {
		fputs("{\"values\": {", stdout);
	}
	rc = reply_read(fd, print_cb, &pr, last, sizeof(last));
	if (json) {
		netctl_json_string(rc ? last + 7 : "", err, sizeof(err));
		printf("}, \"ok\": %s%s%s}\n", rc ? "false" : "true", rc ? ", \"error\": " : "",
		       rc ? err : "");
	}
	if (rc) {
		fprintf(stderr, rc < 0 ? "netctl: %s\n" : "%s\n", rc < 0 ? last + 7 : last);
	}
	return rc < 0 ? 1 : rc;
}

struct collect {
	char *buf;
	size_t n, len;
	int full;
};

static void collect_cb(void *arg, const char *s)
{
	struct collect *c = arg;
	size_t l = strlen(s);

	if (c->len + l + 2 > c->n) {
		c->full = 1;
		return;
	}
	memcpy(c->buf + c->len, s, l);
	c->len += l;
	c->buf[c->len++] = '\n';
	c->buf[c->len] = '\0';
}

int netctl_request(const char *sock, const char *const words[], char *reply, size_t n)
{
	char req[CMD_LINE_MAX + 2], last[CMD_LINE_MAX + 16];
	struct collect col = { reply, n, 0, 0 };
	size_t len = 0;
	int fd, i, rc;

	for (i = 0; words[i]; i++) {
		if (netctl_quote(req, sizeof(req) - 1, &len, words[i]) < 0) {
			snprintf(reply, n, "error: the request is too long\n");
			return 1;
		}
	}
	req[len++] = '\n';
	fd = connect_netd(sock);
	if (fd < 0 || send_all(fd, req, len) < 0) {
		if (fd >= 0) {
			close(fd);
		}
		snprintf(reply, n, "error: cannot reach netd\n");
		return -1;
	}
	memset(req, 0, sizeof(req));
	reply[0] = '\0';
	rc = reply_read(fd, collect_cb, &col, last, sizeof(last));
	close(fd);
	if (rc >= 0 && !col.full) {
		collect_cb(&col, last);
	}
	if (rc < 0 || col.full) {
		snprintf(reply, n, "error: no complete reply from netd\n");
		return -1;
	}
	return rc ? 1 : 0;
}

/* --raw: stdin to netd byte for byte, replies to stdout, both at once
 * (netd stops reading while its replies wait). Return: 0 if every reply
 * was ok, 1 otherwise. */
static int raw(int fd)
{
	struct pollfd p[2] = { { .fd = 0, .events = POLLIN }, { .fd = fd, .events = POLLIN } };
	char buf[4096];
	ssize_t n;
	int rc = 0, bol = 1, i;

	for (;;) {
		if (poll(p, 2, NETCTL_TIMEOUT_MS) <= 0) {
			fputs("netctl: no reply from netd\n", stderr);
			return 1;
		}
		if (p[0].revents) {
			n = read(0, buf, sizeof(buf));
			if (n <= 0) {
				shutdown(fd, SHUT_WR);
				p[0].fd = -1;
			} else if (send_all(fd, buf, (size_t)n) < 0) {
				return 1;
			}
		}
		if (p[1].revents) {
			n = read(fd, buf, sizeof(buf));
			if (n <= 0) {
				return rc;
			}
			for (i = 0; i < n; i++) {
				if (bol && n - i >= 6 && memcmp(buf + i, "error:", 6) == 0) {
					rc = 1;
				}
				bol = buf[i] == '\n';
			}
			fwrite(buf, 1, (size_t)n, stdout);
			fflush(stdout);
		}
	}
}

int netctl_main(int argc, char **argv)
{
	static char req[CMD_LINE_MAX + 2];
	const char *sock = NETD_SOCKET;
	char pw[256];
	size_t len = 0;
	int i = 1, json = 0, fd, rc;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--raw") == 0 && i + 1 == argc) {
			fd = connect_netd(sock);
			return fd < 0 ? 1 : raw(fd);
		} else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			sock = argv[++i];
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			return usage();
		}
	}
	if (i == argc) {
		return usage();
	}
	for (; i < argc; i++) {
		if (netctl_quote(req, sizeof(req) - 1, &len, argv[i]) < 0) {
			fputs("netctl: the request is too long (at most 4096 bytes)\n", stderr);
			return 2;
		}
	}
	if (argc >= 3 && strcmp(argv[argc - 2], "password") == 0 &&
	    strcmp(argv[argc - 1], "set") == 0) {
		if (read_password(pw, sizeof(pw)) < 0) {
			return 1;
		}
		rc = netctl_quote(req, sizeof(req) - 1, &len, pw);
		memset(pw, 0, sizeof(pw));
		if (rc < 0) {
			fputs("netctl: the password is too long\n", stderr);
			return 2;
		}
	} else if (argc >= 4 && strcmp(argv[argc - 3], "password") == 0) {
		fputs("netctl: give the password on stdin, not as an argument\n", stderr);
		return 2;
	}
	req[len++] = '\n';
	fd = connect_netd(sock);
	if (fd < 0) {
		return 1;
	}
	rc = send_all(fd, req, len) < 0 ? 1 : read_reply(fd, json);
	memset(req, 0, sizeof(req));
	close(fd);
	return rc;
}
