/* httpd: the web server, one state machine per client. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "httpd.h"
#include "log.h"
#include "netctl.h"
#include "netd.h"

/* ST_BODY: a body read whole for netd's own pages (login, first run);
 * ST_CGI_IN: a body passed on to a CGI's stdin as it arrives; ST_CGI: the
 * CGI's output awaited; ST_SEND: output being sent. */
enum { ST_TLS, ST_HEAD, ST_BODY, ST_CGI_IN, ST_CGI, ST_SEND };

static void conn_run(struct hconn *c);
static void on_cgi_in(struct loop_fd *f, unsigned events);
static void error(struct hconn *c, int status);

/* ---- the socket, plain or TLS ---- */

static ssize_t c_recv(struct hconn *c, void *buf, size_t n)
{
	ssize_t r;

	if (c->tls) {
		return tls_conn_read(&c->t, buf, n);
	}
	r = read(c->fd.fd, buf, n);
	if (r < 0) {
		c->t.want = TLS_WANT_READ;
		return errno == EINTR ? -EAGAIN : -errno;
	}
	return r;
}

static ssize_t c_send(struct hconn *c, const void *buf, size_t n)
{
	ssize_t w;

	if (c->tls) {
		return tls_conn_write(&c->t, buf, n);
	}
	w = send(c->fd.fd, buf, n, MSG_NOSIGNAL);
	if (w < 0) {
		c->t.want = TLS_WANT_WRITE;
		return errno == EINTR ? -EAGAIN : -errno;
	}
	return w;
}

static void wait_for(struct hconn *c, unsigned events)
{
	loop_fd_mod(&c->h->nd->loop, &c->fd, events);
}

static void wait_want(struct hconn *c)
{
	wait_for(c, c->t.want == TLS_WANT_WRITE ? EPOLLOUT : EPOLLIN);
}

/* ---- life of a client ---- */

static void cgi_stop(struct hconn *c)
{
	struct loop *l = &c->h->nd->loop;

	if (c->cgi_fd.fd >= 0) {
		loop_fd_del(l, &c->cgi_fd);
		close(c->cgi_fd.fd);
		c->cgi_fd.fd = -1;
	}
	if (c->cgi_in.fd >= 0) {
		loop_fd_del(l, &c->cgi_in);
		close(c->cgi_in.fd);
		c->cgi_in.fd = -1;
	}
	if (c->cgi_pid > 0) {
		/* its exit is reaped by the loop and ignored */
		kill(c->cgi_pid, SIGKILL);
		loop_child_del(l, &c->cgi_child);
		c->cgi_child.cb = NULL;
		c->cgi_pid = 0;
	}
	free(c->cgi_head);
	c->cgi_head = NULL;
}

static void conn_close(struct hconn *c)
{
	struct httpd *h = c->h;

	if (!c->used) {
		return;
	}
	cgi_stop(c);
	if (c->tls) {
		tls_conn_close_notify(&c->t);
		tls_conn_free(&c->t);
	}
	loop_fd_del(&h->nd->loop, &c->fd);
	loop_timer_cancel(&h->nd->loop, &c->timer);
	close(c->fd.fd);
	c->fd.fd = -1;
	c->used = 0;
	if (c->file >= 0) {
		close(c->file);
		c->file = -1;
	}
	free(c->body);
	c->body = NULL;
	if (h->full) {
		h->full = 0;
		loop_fd_mod(&h->nd->loop, &h->lfd[0], EPOLLIN);
		if (h->lfd[1].fd >= 0) {
			loop_fd_mod(&h->nd->loop, &h->lfd[1], EPOLLIN);
		}
	}
}

/* An error status sent once, without waiting (best effort), before the
 * connection is closed. */
static void last_word(struct hconn *c, int status)
{
	c->olen = c->ooff = 0;
	c->keep = 0;
	error(c, status);
	c_send(c, c->out, c->olen);
}

static void on_timer(struct loop_timer *t)
{
	struct hconn *c = container_of(t, struct hconn, timer);

	if (c->state == ST_CGI_IN) {
		cgi_stop(c);
		last_word(c, 408);	/* the body never came whole */
	} else if (c->state == ST_CGI && c->cgi_pid > 0) {
		log_msg(LOG_WARNING, "http: a CGI ran over %d s: killed", HTTPD_CGI_MS / 1000);
		if (!c->cgi_headed) {
			cgi_stop(c);
			last_word(c, 504);
		}
	} else if ((c->state == ST_HEAD && c->inlen > 0) || c->state == ST_BODY) {
		last_word(c, 408);	/* a request begun and never finished */
	}
	conn_close(c);
}

/* Ready for the next request on this connection (keep-alive). */
static void next_request(struct hconn *c)
{
	/* A pipelined request already received moves to the front (a body was
	 * taken out of c->in as it was read). */
	if (c->head_len < c->inlen) {
		memmove(c->in, c->in + c->head_len, c->inlen - c->head_len);
		c->inlen -= c->head_len;
	} else {
		c->inlen = 0;
	}
	free(c->body);
	c->body = NULL;
	c->blen = c->boff = c->head_len = 0;
	c->bwant = 0;
	c->bdone = 0;
	c->olen = c->ooff = 0;
	c->sent = 0;
	c->state = ST_HEAD;
	http_init(&c->req, HTTPD_BODY_MAX);
	c->since = loop_now();
	loop_timer_set(&c->h->nd->loop, &c->timer, HTTPD_IDLE_MS);
}

/* ---- responses ---- */

static void out_add(struct hconn *c, const char *s, size_t n)
{
	if (c->olen + n <= sizeof(c->out)) {
		memcpy(c->out + c->olen, s, n);
		c->olen += n;
	}
}

static void out_printf(struct hconn *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out_printf(struct hconn *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(c->out + c->olen, sizeof(c->out) - c->olen, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof(c->out) - c->olen) {
		c->olen += (size_t)n;
	}
}

static void access_log(struct hconn *c)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &c->peer, a, sizeof(a));
	log_msg(LOG_INFO, "http: %s %s %s %.200s %d", a, c->tls ? "https" : "http",
		http_method_name(c->req.method), *c->req.path ? c->req.path : "-", c->status);
}

/* The status line and the common headers; @len < 0: the length is not
 * known (chunked for HTTP/1.1, else the connection closes at the end). */
static void head(struct hconn *c, int status, const char *ctype, long long len,
		 const char *extra)
{
	c->status = status;
	c->chunked_out = 0;
	if (len == -1) {
		if (c->req.version >= 11) {
			c->chunked_out = 1;
		} else {
			c->keep = 0;
		}
	}
	out_printf(c, "HTTP/1.1 %d %s\r\nServer: tinyfw\r\n", status, http_status_text(status));
	if (ctype) {
		out_printf(c, "Content-Type: %s\r\n", ctype);
	}
	if (len >= 0) {
		out_printf(c, "Content-Length: %lld\r\n", len);
	} else if (c->chunked_out) {
		out_printf(c, "Transfer-Encoding: chunked\r\n");
	}
	out_printf(c, "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
		      "Referrer-Policy: no-referrer\r\n%s%s\r\n",
		   extra ? extra : "", c->keep ? "" : "Connection: close\r\n");
	access_log(c);
	c->state = ST_SEND;
}

static void simple(struct hconn *c, int status, const char *extra, const char *text)
{
	head(c, status, "text/plain; charset=utf-8", c->head_only ? 0 : (long long)strlen(text),
	     extra);
	if (!c->head_only) {
		out_add(c, text, strlen(text));
	}
}

static void error(struct hconn *c, int status)
{
	char t[64];

	snprintf(t, sizeof(t), "%d %s\n", status, http_status_text(status));
	simple(c, status, NULL, t);
}

static void redirect(struct hconn *c, int status, const char *location, const char *extra)
{
	char h[512];

	snprintf(h, sizeof(h), "Location: %s\r\n%s", location, extra ? extra : "");
	simple(c, status, h, "");
}

/* A small HTML page of netd's own (login, first run). */
static void page(struct hconn *c, int status, const char *extra, const char *title,
		 const char *msg, const char *form)
{
	char b[2048];
	int n;

	n = snprintf(b, sizeof(b),
		     "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport "
		     "content=\"width=device-width,initial-scale=1\"><link rel=stylesheet "
		     "href=\"/style.css\"><title>%s - tinyfw</title></head><body><main class=box>"
		     "<h1>%s</h1>%s%s%s%s</main></body></html>\n",
		     title, title, *msg ? "<p class=err role=alert>" : "", msg, *msg ? "</p>" : "",
		     form);
	head(c, status, "text/html; charset=utf-8", c->head_only ? 0 : n,
	     extra ? extra : "Cache-Control: no-store\r\n");
	if (!c->head_only) {
		out_add(c, b, (size_t)n);
	}
}

#define LOGIN_FORM \
	"<form method=post action=\"/login\"><label for=p>Admin password</label>" \
	"<input id=p name=password type=password required autofocus " \
	"autocomplete=current-password><button>Log in</button></form>"
static const char login_form[] = LOGIN_FORM;
static const char login_changed[] =
	"<p class=ok>The password was changed: log in with the new one.</p>" LOGIN_FORM;

static const char setup_form[] =
	"<p>Set the admin password. It protects this page; SSH keys and the serial "
	"console are managed separately.</p><form method=post action=\"/setup\">"
	"<label for=p>New password (8 to 128 characters)</label><input id=p name=password "
	"type=password required minlength=8 maxlength=128 autofocus "
	"autocomplete=new-password><label for=c>Again</label><input id=c name=confirm "
	"type=password required autocomplete=new-password><button>Set the password</button>"
	"</form>";

/* ---- static files ---- */

static const char *mime(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" }, { ".css", "text/css" },
		{ ".js", "text/javascript" }, { ".svg", "image/svg+xml" },
		{ ".png", "image/png" }, { ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" }, { ".json", "application/json" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(dot, types[i][0]) == 0) {
			return types[i][1];
		}
	}
	return "application/octet-stream";
}

static int open_file(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0 && (fstat(fd, st) < 0 || !S_ISREG(st->st_mode))) {
		close(fd);
		return -1;
	}
	return fd;
}

static void serve_file(struct hconn *c)
{
	char path[sizeof(HTTPD_ROOT) + HTTP_TARGET_MAX + 4], etag[48], extra[160];
	struct stat st;
	int fd = -1, gz = 0;

	if (c->req.method == HTTP_POST) {
		error(c, 405);
		return;
	}
	if (c->req.gzip) {
		snprintf(path, sizeof(path), "%s%s.gz", HTTPD_ROOT, c->req.path);
		fd = open_file(path, &st);
		gz = fd >= 0;
	}
	if (fd < 0) {
		snprintf(path, sizeof(path), "%s%s", HTTPD_ROOT, c->req.path);
		fd = open_file(path, &st);
	}
	if (fd < 0) {
		error(c, 404);
		return;
	}
	snprintf(etag, sizeof(etag), "\"%llx-%llx%s\"", (unsigned long long)st.st_mtime,
		 (unsigned long long)st.st_size, gz ? "-gz" : "");
	snprintf(extra, sizeof(extra), "ETag: %s\r\nCache-Control: no-cache\r\n%s%s", etag,
		 gz ? "Content-Encoding: gzip\r\n" : "", "Vary: Accept-Encoding\r\n");
	if (c->req.if_none_match.len == strlen(etag) &&
	    memcmp(c->req.if_none_match.p, etag, strlen(etag)) == 0) {
		close(fd);
		head(c, 304, NULL, -2, extra);
		return;
	}
	head(c, 200, mime(c->req.path), (long long)st.st_size, extra);
	if (c->head_only) {
		close(fd);
	} else {
		c->file = fd;
	}
}

/* ---- CGI ---- */

static int add_env(char **env, int *k, int nenv, char *buf, size_t n, size_t *off,
		   const char *name, const char *val, size_t vlen)
{
	int w;

	if (*k + 1 >= nenv) {
		return -E2BIG;
	}
	w = snprintf(buf + *off, n - *off, "%s=%.*s", name, (int)vlen, val);
	if (w < 0 || (size_t)w >= n - *off) {
		return -E2BIG;
	}
	env[(*k)++] = buf + *off;
	env[*k] = NULL;
	*off += (size_t)w + 1;
	return 0;
}

int httpd_cgi_env(const struct http_req *r, const char *script, const char *remote,
		  int https, const char *csrf, char *buf, size_t n, char **env, int nenv)
{
	char len[24];
	size_t off = 0;
	int k = 0, rc = 0;

#define ENV(name, v, l) (rc = rc ? rc : add_env(env, &k, nenv, buf, n, &off, name, v, l))
#define ENVS(name, v) ENV(name, v, strlen(v))
	snprintf(len, sizeof(len), "%llu", (unsigned long long)r->content_length);
	ENVS("GATEWAY_INTERFACE", "CGI/1.1");
	ENVS("SERVER_SOFTWARE", "tinyfw-netd");
	ENVS("SERVER_PROTOCOL", r->version >= 11 ? "HTTP/1.1" : "HTTP/1.0");
	ENVS("REQUEST_METHOD", http_method_name(r->method));
	ENVS("SCRIPT_NAME", script);
	ENV("REQUEST_URI", r->target.p, r->target.len);
	ENV("QUERY_STRING", r->query.p, r->query.len);
	ENVS("REMOTE_ADDR", remote);
	ENVS("REMOTE_USER", "admin");
	ENVS("AUTH_TYPE", "Cookie");
	ENVS("PATH", "/usr/bin:/bin");
	if (https) {
		ENVS("HTTPS", "on");
	}
	/* A chunked body's length is not known before its end: no
	 * CONTENT_LENGTH, the CGI reads its stdin to the end (as Apache's
	 * mod_cgi does). */
	if (r->method == HTTP_POST || r->content_length || r->chunked) {
		if (!r->chunked) {
			ENVS("CONTENT_LENGTH", len);
		}
		ENV("CONTENT_TYPE", r->content_type.p, r->content_type.len);
	}
	ENVS("CSRF_TOKEN", csrf);
#undef ENV
#undef ENVS
	return rc;
}

int httpd_cgi_head(char *head, size_t len, int *status, const char **ctype,
		   const char **location)
{
	char *line = head, *end = head + len, *nl, *colon, *v;

	*status = 0;
	*ctype = *location = "";
	for (; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl) {
			return -EINVAL;
		}
		*nl = '\0';
		if (nl > line && nl[-1] == '\r') {
			nl[-1] = '\0';
		}
		if (!*line) {
			break;	/* the empty line */
		}
		colon = strchr(line, ':');
		if (!colon) {
			return -EINVAL;
		}
		*colon = '\0';
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++) {
		}
		if (strcasecmp(line, "Status") == 0) {
			*status = atoi(v);
			if (*status < 200 || *status > 599) {
				return -EINVAL;
			}
		} else if (strcasecmp(line, "Content-Type") == 0) {
			*ctype = v;
		} else if (strcasecmp(line, "Location") == 0) {
			*location = v;
		}
		/* other headers of a CGI are dropped: ours are the only ones */
	}
	if (!*status) {
		*status = **location ? 302 : 200;
	}
	return 0;
}

static void cgi_exit(struct loop_child *ch, int status)
{
	struct hconn *c = container_of(ch, struct hconn, cgi_child);

	c->cgi_pid = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		log_msg(LOG_WARNING, "http: CGI %s ended with status %d", c->req.path, status);
	}
}

static void cgi_data(struct hconn *c, const char *p, size_t n)
{
	char size[24];

	if (c->chunked_out) {
		snprintf(size, sizeof(size), "%zx\r\n", n);
		out_add(c, size, strlen(size));
		out_add(c, p, n);
		out_add(c, "\r\n", 2);
	} else {
		out_add(c, p, n);
	}
}

/* The CGI's header block is complete: answer with it. */
static int cgi_headed(struct hconn *c, size_t hlen)
{
	const char *ctype, *loc;
	char extra[HTTPD_CGI_HEAD_MAX + 64];
	int status;

	if (httpd_cgi_head(c->cgi_head, hlen, &status, &ctype, &loc) < 0) {
		return -EINVAL;
	}
	snprintf(extra, sizeof(extra), "Cache-Control: no-store\r\n%s%s%s",
		 *loc ? "Location: " : "", loc, *loc ? "\r\n" : "");
	c->cgi_headed = 1;
	head(c, status, *ctype ? ctype : NULL, c->head_only ? 0 : -1, extra);
	return 0;
}

static void on_cgi(struct loop_fd *f, unsigned events)
{
	struct hconn *c = container_of(f, struct hconn, cgi_fd);
	char buf[HTTPD_OUT - 32];
	size_t room = sizeof(c->out) - c->olen, hlen;
	ssize_t r;
	char *e;

	(void)events;
	if (!c->cgi_headed) {
		r = read(f->fd, c->cgi_head + c->cgi_hlen, HTTPD_CGI_HEAD_MAX - c->cgi_hlen);
		if (r > 0) {
			c->cgi_hlen += (size_t)r;
			c->cgi_total += (size_t)r;
			e = memmem(c->cgi_head, c->cgi_hlen, "\r\n\r\n", 4);
			hlen = e ? (size_t)(e - c->cgi_head) + 4 : 0;
			if (!e && (e = memmem(c->cgi_head, c->cgi_hlen, "\n\n", 2))) {
				hlen = (size_t)(e - c->cgi_head) + 2;
			}
			if (!hlen && c->cgi_hlen < HTTPD_CGI_HEAD_MAX) {
				return;
			}
			if (!hlen || cgi_headed(c, hlen) < 0) {
				goto bad;
			}
			if (!c->head_only && c->cgi_hlen > hlen) {
				cgi_data(c, c->cgi_head + hlen, c->cgi_hlen - hlen);
			}
		} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
			goto bad;
		} else {
			return;
		}
	} else {
		if (room < 16) {
			loop_fd_mod(&c->h->nd->loop, f, 0);
			conn_run(c);
			return;
		}
		r = read(f->fd, buf, room > sizeof(buf) + 16 ? sizeof(buf) : room - 16);
		if (r > 0) {
			c->cgi_total += (size_t)r;
			if (c->cgi_total > HTTPD_CGI_OUT_MAX) {
				log_msg(LOG_WARNING, "http: CGI %s wrote over %d bytes: cut",
					c->req.path, HTTPD_CGI_OUT_MAX);
				c->keep = 0;
				c->cgi_eof = 1;
				cgi_stop(c);
				conn_close(c);
				return;
			}
			if (!c->head_only) {
				cgi_data(c, buf, (size_t)r);
			}
		} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
			c->cgi_eof = 1;
			if (c->chunked_out && !c->head_only) {
				out_add(c, "0\r\n\r\n", 5);
			}
			cgi_stop(c);
		}
	}
	/* Data to send: stop reading the CGI until it is sent. */
	if (c->cgi_fd.fd >= 0) {
		loop_fd_mod(&c->h->nd->loop, f, 0);
	}
	c->state = ST_SEND;
	conn_run(c);
	return;
bad:
	log_msg(LOG_WARNING, "http: CGI %s gave no valid header block", c->req.path);
	cgi_stop(c);
	c->cgi_eof = 1;
	if (!c->cgi_headed) {
		c->keep = 0;
		error(c, 502);
		conn_run(c);
	} else {
		conn_close(c);
	}
}

static void run_cgi(struct hconn *c, struct auth_session *s)
{
	char script[sizeof(HTTPD_ROOT) + HTTP_TARGET_MAX], envbuf[6144], remote[INET_ADDRSTRLEN];
	char *env[24];
	int in[2] = { -1, -1 }, out[2] = { -1, -1 };
	struct stat st;
	pid_t pid;

	snprintf(script, sizeof(script), "%s%s", HTTPD_ROOT, c->req.path);
	/* only executables in /www/cgi-bin itself, the uhttpd way */
	if (strchr(c->req.path + 9, '/') || stat(script, &st) < 0 || !S_ISREG(st.st_mode)) {
		error(c, 404);
		return;
	}
	if (!(st.st_mode & S_IXOTH)) {
		error(c, 403);
		return;
	}
	inet_ntop(AF_INET, &c->peer, remote, sizeof(remote));
	if (httpd_cgi_env(&c->req, c->req.path, remote, c->tls, s->csrf, envbuf, sizeof(envbuf),
			  env, 24) < 0 ||
	    pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC | O_NONBLOCK) < 0) {
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		goto fail;
	}
	if (pid == 0) {
		gid_t g = HTTPD_WEB_GID;
		sigset_t none;
		int null = open("/dev/null", O_WRONLY);
		char *argv[] = { script, NULL };

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		/* dup2 clears close-on-exec on the copies */
		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || null < 0 || dup2(null, 2) < 0 ||
		    chdir(HTTPD_ROOT "/cgi-bin") < 0 || setgroups(1, &g) < 0 ||
		    setgid(HTTPD_WEB_GID) < 0 || setuid(HTTPD_WEB_UID) < 0) {
			_exit(127);
		}
		execve(script, argv, env);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	/* A body goes to the CGI's stdin as it arrives (ST_CGI_IN); without
	 * one, its stdin is at end of file at once. */
	c->cgi_in.fd = in[1];
	c->cgi_in.cb = on_cgi_in;
	if (!c->body_follows) {
		close(in[1]);
		c->cgi_in.fd = -1;
	} else if (fcntl(in[1], F_SETFL, O_NONBLOCK) < 0 ||
		   loop_fd_add(&c->h->nd->loop, &c->cgi_in, 0) < 0) {
		close(in[1]);
		c->cgi_in.fd = -1;
		in[1] = -2;	/* below: the 500 */
	}
	c->cgi_pid = pid;
	c->cgi_child.pid = pid;
	c->cgi_child.cb = cgi_exit;
	loop_child_add(&c->h->nd->loop, &c->cgi_child);
	c->cgi_head = malloc(HTTPD_CGI_HEAD_MAX);
	c->cgi_fd.fd = out[0];
	c->cgi_fd.cb = on_cgi;
	c->cgi_hlen = c->cgi_total = 0;
	c->cgi_eof = c->cgi_headed = 0;
	if (!c->cgi_head || in[1] == -2 || loop_fd_add(&c->h->nd->loop, &c->cgi_fd, 0) < 0) {
		cgi_stop(c);
		c->keep = 0;
		error(c, 500);
		return;
	}
	c->state = c->body_follows ? ST_CGI_IN : ST_CGI;
	loop_timer_set(&c->h->nd->loop, &c->timer, HTTPD_CGI_MS);
	return;
fail:
	log_msg(LOG_ERR, "http: cannot run %s: %s", c->req.path, strerror(errno));
	close(in[0]);
	close(in[1]);
	close(out[0]);
	close(out[1]);
	error(c, 500);
}

/* ---- login, first run, the routes ---- */

/* Run a command of the command set inside netd; Return: 0 ok, else -1 with
 * the reason in @why. */
struct capture {
	char buf[512];
	size_t len;
};

static void capture(void *arg, const char *p, size_t n)
{
	struct capture *cap = arg;

	if (cap->len + n < sizeof(cap->buf)) {
		memcpy(cap->buf + cap->len, p, n);
		cap->len += n;
		cap->buf[cap->len] = '\0';
	}
}

static int run_cmd(struct httpd *h, const char *const words[], char *why, size_t n)
{
	char line[CMD_LINE_MAX + 2];
	struct capture cap = { "", 0 };
	const struct cmd_sink sink = { capture, &cap };
	size_t len = 0;
	const char *e;
	int i, rc = 0;

	for (i = 0; words[i] && rc == 0; i++) {
		rc = netctl_quote(line, sizeof(line), &len, words[i]);
	}
	rc = rc ? rc : cmd_run(&h->nd->cmd, line, len, &sink);
	memset(line, 0, sizeof(line));
	e = strstr(cap.buf, "error: ");
	snprintf(why, n, "%.*s", e ? (int)strcspn(e + 7, "\n") : 0, e ? e + 7 : "");
	return rc ? -1 : 0;
}

static const char *admin_hash(struct httpd *h)
{
	return settings_get(&h->nd->set, SET_ADMIN_PASSWORD);
}

static void set_cookie(struct hconn *c, struct auth_session *s, const char *location)
{
	char hdr[256];

	snprintf(hdr, sizeof(hdr), "Set-Cookie: sid=%s; Path=/; HttpOnly; Secure; "
		 "SameSite=Strict; Max-Age=%d\r\nCache-Control: no-store\r\n", s->id,
		 AUTH_IDLE_MS / 1000 * 4);
	redirect(c, 303, location, hdr);
}

static void do_login(struct hconn *c)
{
	char pw[256], hdr[64];
	struct auth_session *s;
	unsigned retry;
	int err;

	if (http_form_get(c->body, c->blen, "password", pw, sizeof(pw)) < 0) {
		page(c, 400, NULL, "Log in", "The form was incomplete.", login_form);
		return;
	}
	s = auth_login(&c->h->auth, admin_hash(c->h), pw, c->peer, loop_now(), &retry, &err);
	memset(pw, 0, sizeof(pw));
	if (s) {
		set_cookie(c, s, "/cgi-bin/status");
		return;
	}
	if (err == -EAGAIN) {
		snprintf(hdr, sizeof(hdr), "Retry-After: %u\r\n", (retry + 999) / 1000);
		page(c, 429, hdr, "Log in", "Too many wrong passwords: wait a little and try again.",
		     login_form);
		return;
	}
	log_msg(LOG_NOTICE, "http: a wrong admin password from %s", inet_ntoa(
			(struct in_addr){ .s_addr = c->peer }));
	page(c, 403, NULL, "Log in", "Wrong password.", login_form);
}

static void do_setup(struct hconn *c)
{
	char pw[256], again[256], why[CMD_WHY_MAX];
	const char *set[] = { "password", "set", pw, NULL };
	struct auth_session *s;

	if (*admin_hash(c->h)) {
		error(c, 403);	/* only while no password is set */
		return;
	}
	if (http_form_get(c->body, c->blen, "password", pw, sizeof(pw)) < 0 ||
	    http_form_get(c->body, c->blen, "confirm", again, sizeof(again)) < 0) {
		page(c, 400, NULL, "Welcome", "The form was incomplete.", setup_form);
		return;
	}
	if (strcmp(pw, again) != 0) {
		page(c, 400, NULL, "Welcome", "The two passwords differ.", setup_form);
	} else if (run_cmd(c->h, set, why, sizeof(why)) < 0) {
		page(c, 400, NULL, "Welcome", why, setup_form);
	} else if (!(s = auth_open(&c->h->auth, loop_now()))) {
		error(c, 500);
	} else {
		log_msg(LOG_NOTICE, "http: the admin password was set (first run)");
		set_cookie(c, s, "/cgi-bin/status");
	}
	memset(pw, 0, sizeof(pw));
	memset(again, 0, sizeof(again));
}

/* The csrf=... parameter of the query. */
static int csrf_ok(struct hconn *c, struct auth_session *s)
{
	char tok[AUTH_TOKEN_LEN + 2];

	return http_form_get(c->req.query.p, c->req.query.len, "csrf", tok, sizeof(tok)) ==
		       AUTH_TOKEN_LEN &&
	       auth_csrf_ok(s, tok);
}

static void ensure_cert(struct httpd *h)
{
	struct netd *nd = h->nd;
	char ip[INET_ADDRSTRLEN];
	const char *ips[1] = { ip };
	int rc;

	/* after a failure, not again at every request (making a key takes a
	 * while on these CPUs): HTTP stays plain meanwhile */
	if (h->tls_ready || (h->cert_retry && loop_now() < h->cert_retry)) {
		return;
	}
	rc = tls_server_init(&h->tls, nd->sys, HTTPD_CERT, HTTPD_KEY);
	/* missing, or half made (a power cut between the key and the
	 * certificate) or damaged: make it again */
	if (rc == -ENOENT || rc == -EINVAL) {
		/* first HTTPS request: make the device's certificate, with the
		 * address it has now */
		mkdir("/etc/netd", 0755);
		inet_ntop(AF_INET, &nd->dhcp.addr, ip, sizeof(ip));
		rc = tls_make_self_signed(nd->sys, HTTPD_CERT, HTTPD_KEY,
					  settings_get(&nd->set, SET_HOSTNAME), ips,
					  nd->dhcp.addr ? 1 : 0);
		if (rc == 0) {
			log_msg(LOG_NOTICE, "https: made a self-signed certificate for %s",
				settings_get(&nd->set, SET_HOSTNAME));
			rc = tls_server_init(&h->tls, nd->sys, HTTPD_CERT, HTTPD_KEY);
		}
	}
	if (rc < 0) {
		log_msg(LOG_ERR, "https: no certificate: %s; trying again in %d s",
			h->tls.why ? h->tls.why : strerror(-rc), HTTPD_CERT_RETRY_MS / 1000);
		h->cert_retry = loop_now() + HTTPD_CERT_RETRY_MS;
		return;
	}
	h->cert_retry = 0;
	h->tls_ready = 1;
}

/* Once there is an admin password, plain HTTP only redirects to HTTPS. */
static int to_https(struct hconn *c)
{
	char loc[HTTP_TARGET_MAX + 300];
	size_t hl = c->req.host.len, i;

	if (c->tls || !*admin_hash(c->h)) {
		return 0;
	}
	ensure_cert(c->h);
	if (!c->h->tls_ready) {
		return 0;	/* no certificate: plain HTTP rather than nothing */
	}
	for (i = 0; i < hl && c->req.host.p[i] != ':'; i++) {
		char ch = c->req.host.p[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '-')) {
			error(c, 400);
			return 1;
		}
	}
	snprintf(loc, sizeof(loc), "https://%.*s%.*s", (int)i, c->req.host.p,
		 (int)c->req.target.len, c->req.target.p);
	redirect(c, 301, i ? loc : "/", NULL);
	return 1;
}

/* The URLs phones and laptops fetch to find out whether a network has a
 * login page (Android, Apple, Windows). In setup mode every one of them
 * leads to our page, over plain HTTP (a probe does not follow a
 * certificate it cannot check). */
static int captive_probe(const char *p)
{
	static const char *const probes[] = { "/generate_204", "/gen_204",
					      "/hotspot-detect.html", "/library/test/success.html",
					      "/connecttest.txt", "/ncsi.txt" };
	size_t i;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (strcmp(p, probes[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

static void route(struct hconn *c)
{
	struct httpd *h = c->h;
	const char *p = c->req.path;
	struct auth_session *s;
	char cookie[512];
	int post = c->req.method == HTTP_POST;

	c->head_only = c->req.method == HTTP_HEAD;
	if (h->nd->wifi.role == WIFI_AP && captive_probe(p)) {
		redirect(c, 302, "http://" WIFI_AP_ADDR "/", NULL);
		return;
	}
	if (to_https(c)) {
		return;
	}
	snprintf(cookie, sizeof(cookie), "%.*s", (int)c->req.cookie.len, c->req.cookie.p);
	s = auth_check(&h->auth, cookie, loop_now());
	if (strcmp(p, "/login") == 0) {
		if (!*admin_hash(h)) {
			page(c, 200, NULL, "Welcome", "", setup_form);
		} else if (post) {
			do_login(c);
		} else if (s) {
			redirect(c, 303, "/cgi-bin/status", NULL);
		} else {
			char v[4];
			int changed = http_form_get(c->req.query.p, c->req.query.len, "changed", v,
						    sizeof(v)) > 0;

			page(c, 200, NULL, "Log in", "", changed ? login_changed : login_form);
		}
	} else if (strcmp(p, "/setup") == 0 && post) {
		do_setup(c);
	} else if (strcmp(p, "/logout") == 0 && post) {
		if (s && csrf_ok(c, s)) {
			auth_logout(s);
		}
		redirect(c, 303, "/login", "Set-Cookie: sid=; Path=/; Max-Age=0; HttpOnly; "
			 "Secure; SameSite=Strict\r\n");
	} else if (strcmp(p, "/") == 0) {
		redirect(c, 303, s ? "/cgi-bin/status" : "/login", NULL);
	} else if (strncmp(p, "/cgi-bin/", 9) == 0) {
		/* no session (or no password yet): the login page, never a CGI */
		if (!s || !*admin_hash(h)) {
			redirect(c, 303, "/login", NULL);
		} else if (post && !csrf_ok(c, s)) {
			log_msg(LOG_WARNING, "http: a POST to %s without a valid CSRF token", p);
			error(c, 403);
		} else {
			run_cgi(c, s);
		}
	} else {
		serve_file(c);
	}
}

/* ---- reading ---- */

static int read_more(struct hconn *c, char *buf, size_t room)
{
	ssize_t r = c_recv(c, buf, room);

	if (r == -EAGAIN) {
		wait_want(c);
		return -EAGAIN;
	}
	if (r <= 0) {
		conn_close(c);
		return -EPIPE;
	}
	return (int)r;
}

/* The next body bytes, decoded, out of what followed the head in c->in
 * (the bytes after the body stay there: a pipelined request).
 * Return: 1 once the whole body is taken, 0 if more input is needed or
 * @dst is full, -1 after answering a bad body (Connection: close). */
static int body_take(struct hconn *c, char *dst, size_t room, size_t *got)
{
	size_t avail = c->inlen - c->head_len, used;
	int done;

	if (c->req.chunked) {
		done = http_chunked_feed(&c->ch, c->in + c->head_len, avail, dst, room, &used, got);
		if (done < 0) {
			cgi_stop(c);
			c->keep = 0;
			error(c, c->ch.status);
			return -1;
		}
	} else {
		used = avail < c->bwant ? avail : (size_t)c->bwant;
		used = used < room ? used : room;
		memcpy(dst, c->in + c->head_len, used);
		*got = used;
		c->bwant -= used;
		done = c->bwant == 0;
	}
	memmove(c->in + c->head_len, c->in + c->head_len + used, avail - used);
	c->inlen -= used;
	return done;
}

/* More body bytes from the client. Return: as read_more(), or 0. */
static int want_input(struct hconn *c)
{
	int r = read_more(c, c->in + c->inlen, sizeof(c->in) - c->inlen);

	if (r > 0) {
		c->inlen += (size_t)r;
	}
	return r < 0 ? r : 0;
}

/* ST_BODY: a body for netd itself, read whole, then routed. */
static int read_body(struct hconn *c)
{
	size_t got;
	int r;

	if (!c->body && !(c->body = malloc(HTTPD_BODY_MAX + 1))) {
		return -ENOMEM;
	}
	for (;;) {
		r = body_take(c, c->body + c->blen, HTTPD_BODY_MAX - c->blen, &got);
		if (r < 0) {
			return 0;
		}
		c->blen += got;
		if (r == 1) {
			break;
		}
		r = want_input(c);
		if (r < 0) {
			return r;
		}
	}
	c->body[c->blen] = '\0';
	route(c);
	return 0;
}

/* ST_CGI_IN: the body to the CGI's stdin as it arrives, HTTPD_STREAM_BUF
 * at a time; then its stdin is closed and its output awaited. */
static int pump_body(struct hconn *c)
{
	struct loop *l = &c->h->nd->loop;
	size_t got;
	ssize_t w;
	int r;

	if (!c->body && !(c->body = malloc(HTTPD_STREAM_BUF))) {
		return -ENOMEM;
	}
	for (;;) {
		if (c->boff < c->blen) {
			w = write(c->cgi_in.fd, c->body + c->boff, c->blen - c->boff);
			if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
				wait_for(c, 0);
				loop_fd_mod(l, &c->cgi_in, EPOLLOUT);
				return -EAGAIN;
			}
			if (w < 0) {
				/* the CGI stopped reading: the rest of the body is
				 * not read, so the connection cannot carry another
				 * request */
				c->keep = 0;
				break;
			}
			c->boff += (size_t)w;
			continue;
		}
		c->blen = c->boff = 0;
		if (c->bdone) {
			break;
		}
		r = body_take(c, c->body, HTTPD_STREAM_BUF, &got);
		if (r < 0) {
			return 0;
		}
		c->blen = got;
		c->bdone = r;
		if (!got && !r) {
			/* everything received is used: more from the client */
			loop_fd_mod(l, &c->cgi_in, 0);
			r = want_input(c);
			if (r < 0) {
				return r;
			}
		}
	}
	loop_fd_del(l, &c->cgi_in);
	close(c->cgi_in.fd);
	c->cgi_in.fd = -1;
	c->state = ST_CGI;
	return 0;
}

static void on_cgi_in(struct loop_fd *f, unsigned events)
{
	(void)events;
	conn_run(container_of(f, struct hconn, cgi_in));
}

static void got_head(struct hconn *c)
{
	int keep = c->keep = c->req.keep_alive;

	loop_timer_set(&c->h->nd->loop, &c->timer, HTTPD_HEAD_MS * 2);
	c->body_follows = c->req.method == HTTP_POST || c->req.content_length || c->req.chunked;
	if (!c->body_follows) {
		route(c);
		return;
	}
	c->bwant = c->req.content_length;
	http_chunked_init(&c->ch, HTTPD_BODY_MAX);
	if (strncmp(c->req.path, "/cgi-bin/", 9) != 0) {
		if (c->req.expect_continue) {
			out_add(c, "HTTP/1.1 100 Continue\r\n\r\n", 25);
		}
		c->state = ST_BODY;
		return;
	}
	/* A CGI's body streams to it, so the CGI starts first; any other
	 * answer leaves the body unread and closes the connection. */
	c->keep = 0;
	route(c);
	if (c->state == ST_CGI_IN) {
		c->keep = keep;
		if (c->req.expect_continue) {
			out_add(c, "HTTP/1.1 100 Continue\r\n\r\n", 25);
		}
	}
}

/* ---- the state machine ---- */

static int flush(struct hconn *c)
{
	ssize_t w;

	while (c->ooff < c->olen) {
		w = c_send(c, c->out + c->ooff, c->olen - c->ooff);
		if (w == -EAGAIN) {
			wait_want(c);
			return -EAGAIN;
		}
		if (w < 0) {
			conn_close(c);
			return -EPIPE;
		}
		c->ooff += (size_t)w;
		c->sent += (size_t)w;
	}
	c->olen = c->ooff = 0;
	return 0;
}

static void conn_run(struct hconn *c)
{
	int r;

	while (c->used) {
		switch (c->state) {
		case ST_TLS:
			r = tls_conn_handshake(&c->t);
			if (r == -EAGAIN) {
				wait_want(c);
				return;
			}
			if (r < 0) {
				conn_close(c);
				return;
			}
			c->state = ST_HEAD;
			break;
		case ST_HEAD:
			if (c->inlen) {
				r = http_parse(&c->req, c->in, c->inlen);
				if (r > 0) {
					c->head_len = (size_t)r;
					got_head(c);
					break;
				}
				if (r == -EINVAL) {
					c->keep = 0;
					c->head_only = 0;
					error(c, c->req.status);
					break;
				}
			}
			if (c->inlen == sizeof(c->in)) {
				c->keep = 0;
				error(c, 431);
				break;
			}
			r = read_more(c, c->in + c->inlen, sizeof(c->in) - c->inlen);
			if (r < 0) {
				return;
			}
			c->inlen += (size_t)r;
			break;
		case ST_BODY:
		case ST_CGI_IN:
			if (flush(c) < 0) {
				return;	/* the 100 Continue */
			}
			/* read whole for netd's own forms, else on to the CGI */
			r = c->state == ST_BODY ? read_body(c) : pump_body(c);
			if (r == -EAGAIN || r == -EPIPE) {
				return;
			}
			if (r < 0) {
				conn_close(c);
				return;
			}
			break;
		case ST_CGI:
			wait_for(c, 0);
			if (c->cgi_fd.fd >= 0) {
				loop_fd_mod(&c->h->nd->loop, &c->cgi_fd, EPOLLIN);
			}
			return;
		case ST_SEND:
			if (flush(c) < 0) {
				return;
			}
			if (c->file >= 0) {
				ssize_t n = read(c->file, c->out, sizeof(c->out));

				if (n > 0) {
					c->olen = (size_t)n;
					break;
				}
				close(c->file);
				c->file = -1;
			}
			if (c->cgi_head && !c->cgi_eof) {
				c->state = ST_CGI;
				break;
			}
			if (!c->keep) {
				conn_close(c);
				return;
			}
			cgi_stop(c);
			next_request(c);
			break;
		}
	}
}

static void on_conn(struct loop_fd *f, unsigned events)
{
	struct hconn *c = container_of(f, struct hconn, fd);

	if (!c->used) {
		return;
	}
	if ((events & (EPOLLERR | EPOLLHUP)) && !(events & EPOLLIN)) {
		conn_close(c);
		return;
	}
	conn_run(c);
}

/* ---- accepting ---- */

static struct hconn *slot(struct httpd *h)
{
	struct hconn *victim = NULL;
	int i;

	for (i = 0; i < HTTPD_CONNS; i++) {
		if (!h->c[i].used) {
			return &h->c[i];
		}
	}
	/* Full: the client that has waited longest without sending a whole
	 * request gives way (a slowloris cannot hold every place). */
	for (i = 0; i < HTTPD_CONNS; i++) {
		struct hconn *c = &h->c[i];

		if ((c->state == ST_HEAD || c->state == ST_TLS) &&
		    (!victim || c->since < victim->since)) {
			victim = c;
		}
	}
	if (victim) {
		conn_close(victim);
	}
	return victim;
}

static void accept_on(struct httpd *h, int which)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	struct hconn *c;
	int fd;

	c = slot(h);
	if (!c) {
		h->full = 1;
		loop_fd_mod(&h->nd->loop, &h->lfd[0], 0);
		if (h->lfd[1].fd >= 0) {
			loop_fd_mod(&h->nd->loop, &h->lfd[1], 0);
		}
		return;
	}
	fd = accept4(h->lfd[which].fd, (struct sockaddr *)&sin, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		return;
	}
	if (which == 1) {
		ensure_cert(h);
		if (!h->tls_ready) {
			close(fd);
			return;
		}
	}
	memset(c, 0, offsetof(struct hconn, in));
	c->h = h;
	c->used = 1;
	c->fd.fd = fd;
	c->fd.cb = on_conn;
	c->timer.cb = on_timer;
	c->file = -1;
	c->cgi_fd.fd = -1;
	c->cgi_in.fd = -1;
	c->peer = sin.sin_addr.s_addr;
	c->tls = which == 1;
	c->since = loop_now();
	http_init(&c->req, HTTPD_BODY_MAX);
	c->state = c->tls ? ST_TLS : ST_HEAD;
	if ((c->tls && tls_conn_init(&c->t, &h->tls, fd) < 0) ||
	    loop_fd_add(&h->nd->loop, &c->fd, EPOLLIN) < 0) {
		close(fd);
		c->used = 0;
		return;
	}
	/* the whole head within HTTPD_HEAD_MS, however slowly it trickles */
	loop_timer_set(&h->nd->loop, &c->timer, HTTPD_HEAD_MS);
	conn_run(c);
}

static void on_accept80(struct loop_fd *f, unsigned events)
{
	(void)events;
	accept_on(container_of(f, struct httpd, lfd[0]), 0);
}

static void on_accept443(struct loop_fd *f, unsigned events)
{
	(void)events;
	accept_on(container_of(f, struct httpd, lfd[1]), 1);
}

static int listen_on(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1, rc;

	if (fd < 0) {
		return -errno;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 || listen(fd, 16) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	return fd;
}

int httpd_open(struct netd *nd, int port, int tls_port)
{
	struct httpd *h = &nd->httpd;
	int rc;

	h->nd = nd;
	auth_init(&h->auth, nd->sys);
	h->lfd[0].fd = h->lfd[1].fd = -1;
	rc = listen_on(port);
	if (rc < 0) {
		return rc;
	}
	h->lfd[0].fd = rc;
	h->lfd[0].cb = on_accept80;
	rc = loop_fd_add(&nd->loop, &h->lfd[0], EPOLLIN);
	if (rc < 0 || !tls_port) {
		return rc;
	}
	rc = listen_on(tls_port);
	if (rc < 0) {
		return rc;
	}
	h->lfd[1].fd = rc;
	h->lfd[1].cb = on_accept443;
	/* an existing certificate is loaded now; a missing one is made at the
	 * first HTTPS client, once the device has an address to put in it */
	if (tls_server_init(&h->tls, nd->sys, HTTPD_CERT, HTTPD_KEY) == 0) {
		h->tls_ready = 1;
	}
	return loop_fd_add(&nd->loop, &h->lfd[1], EPOLLIN);
}

void httpd_close(struct httpd *h)
{
	int i;

	for (i = 0; i < HTTPD_CONNS; i++) {
		conn_close(&h->c[i]);
	}
	for (i = 0; i < 2; i++) {
		if (h->lfd[i].fd >= 0) {
			loop_fd_del(&h->nd->loop, &h->lfd[i]);
			close(h->lfd[i].fd);
			h->lfd[i].fd = -1;
		}
	}
	if (h->tls_ready) {
		tls_server_free(&h->tls);
		h->tls_ready = 0;
	}
}

void httpd_auth_changed(struct httpd *h)
{
	auth_logout_all(&h->auth);
}

/* Copy @from to @to (atomically), at most TLS_PEM_MAX bytes. */
static int copy_pem(struct netd *nd, const char *from, const char *to, mode_t mode)
{
	char *buf = malloc(TLS_PEM_MAX + 1);
	const char *step;
	ssize_t n;
	int rc;

	if (!buf) {
		return -ENOMEM;
	}
	n = sys_read_file(nd->sys, from, buf, TLS_PEM_MAX + 1);
	rc = n < 0 ? (int)n : n > TLS_PEM_MAX ? -EFBIG : 0;
	if (rc == 0) {
		rc = sys_save_file(nd->sys, to, buf, (size_t)n, mode, &step);
		rc = rc < 0 ? rc : 0;
	}
	memset(buf, 0, TLS_PEM_MAX + 1);
	free(buf);
	return rc;
}

int httpd_cmd(struct cmd *c, int argc, char **argv)
{
	struct netd *nd = c->arg;
	struct httpd *h = &nd->httpd;
	struct tls_server test;
	int rc;

	if (argc == 3 && strcmp(argv[1], "cert") == 0 && strcmp(argv[2], "regen") == 0) {
		if (h->tls_ready) {
			tls_server_free(&h->tls);
			h->tls_ready = 0;
		}
		nd->sys->unlink(HTTPD_CERT);
		nd->sys->unlink(HTTPD_KEY);
		h->cert_retry = 0;
		ensure_cert(h);
		if (!h->tls_ready) {
			return cmd_fail(c, -EIO, "cannot make a certificate; HTTPS is off until "
					"one is made (see the log)");
		}
		return 0;
	}
	if (argc != 5 || strcmp(argv[1], "cert") != 0 || strcmp(argv[2], "install") != 0) {
		return cmd_fail(c, -EINVAL, "usage: https cert regen | https cert install "
				"CERT.pem KEY.pem");
	}
	if (!c->internal) {
		return cmd_fail(c, -EPERM, "only root may install a certificate from files");
	}
	/* Checked as a pair first, from copies beside the real ones. */
	mkdir("/etc/netd", 0755);
	rc = copy_pem(nd, argv[3], HTTPD_CERT ".new", 0644);
	rc = rc ? rc : copy_pem(nd, argv[4], HTTPD_KEY ".new", 0600);
	if (rc < 0) {
		nd->sys->unlink(HTTPD_CERT ".new");
		nd->sys->unlink(HTTPD_KEY ".new");
		return cmd_fail(c, rc, "cannot read the files: %s; nothing changed",
				strerror(-rc));
	}
	rc = tls_server_init(&test, nd->sys, HTTPD_CERT ".new", HTTPD_KEY ".new");
	if (rc < 0) {
		nd->sys->unlink(HTTPD_CERT ".new");
		nd->sys->unlink(HTTPD_KEY ".new");
		return cmd_fail(c, rc, "not a usable certificate and key (%s; an ECDSA "
				"certificate and its key, PEM); nothing changed",
				test.why ? test.why : strerror(-rc));
	}
	tls_server_free(&test);
	/* the key first: a cut between the two renames leaves a mismatched pair,
	 * which the next start refuses and replaces with a self-signed one */
	if (nd->sys->rename(HTTPD_KEY ".new", HTTPD_KEY) < 0 ||
	    nd->sys->rename(HTTPD_CERT ".new", HTTPD_CERT) < 0) {
		return cmd_fail(c, -EIO, "cannot put the certificate in place");
	}
	if (h->tls_ready) {
		tls_server_free(&h->tls);
		h->tls_ready = 0;
	}
	h->cert_retry = 0;
	ensure_cert(h);
	log_msg(LOG_NOTICE, "https: installed a certificate from %s", argv[3]);
	return h->tls_ready ? 0 : cmd_fail(c, -EIO, "installed, but it does not load");
}
