/* httpd: netd's web server. HTTP/1.1 with keep-alive on port 80 and over
 * TLS (tls.c) on port 443, static files from /www (precompressed .gz,
 * ETag/304), CGI/1.1 for /cgi-bin/ (the web UI), and the login in front of
 * every CGI (auth.c). Non-blocking inside netd's loop; every client has a
 * head timeout, an idle timeout and bounded buffers, so a slow or hostile
 * client cannot hold the server. */
#ifndef NETD_HTTPD_H
#define NETD_HTTPD_H

#include <stdint.h>
#include <sys/types.h>

#include "auth.h"
#include "http.h"
#include "loop.h"
#include "tls.h"

#define HTTPD_CONNS 8			/* clients at once */
#define HTTPD_OUT 4096			/* output buffer per client */
#define HTTPD_BODY_MAX 16384		/* largest request body */
#define HTTPD_STREAM_BUF 1024		/* a body on its way to a CGI's stdin */
#define HTTPD_HEAD_MS 10000		/* a request head must arrive within this */
#define HTTPD_IDLE_MS 15000		/* keep-alive: idle time before closing */
#define HTTPD_CGI_MS 20000		/* a CGI's run time */
#define HTTPD_CGI_OUT_MAX 262144	/* a CGI's output */
#define HTTPD_CGI_HEAD_MAX 2048		/* a CGI's header block */
#define HTTPD_CERT_RETRY_MS 60000	/* a failed certificate: the next try */
#define HTTPD_ROOT "/www"
#define HTTPD_CERT "/etc/netd/https.crt"
#define HTTPD_KEY "/etc/netd/https.key"
#define HTTPD_WEB_UID 80		/* the CGIs run as www:netd (etc/passwd) */
#define HTTPD_WEB_GID 80

struct netd;
struct httpd;

struct hconn {
	int used;		/* 0: free (zero at start: unused places are never touched) */
	struct loop_fd fd;
	struct loop_timer timer;
	struct httpd *h;
	int tls, state, keep, chunked_out, head_only, status;
	uint32_t peer;
	long long since;
	struct http_req req;
	struct http_chunked ch;
	size_t inlen, head_len;
	char *body;		/* a body for netd itself (HTTPD_BODY_MAX at most), or
				 * the next bytes of one streamed to a CGI */
	size_t blen, boff;
	uint64_t bwant;		/* Content-Length bytes still to come */
	int body_follows;	/* the request has a body */
	int bdone;		/* the whole body was taken from the client */
	size_t olen, ooff;
	uint64_t sent;
	int file;		/* a static file being sent, or -1 */
	/* a CGI */
	pid_t cgi_pid;
	struct loop_fd cgi_fd;	/* its stdout */
	struct loop_fd cgi_in;	/* its stdin, while a request body streams in */
	struct loop_child cgi_child;
	size_t cgi_total, cgi_hlen;
	int cgi_eof, cgi_headed;
	char *cgi_head;
	struct tls_conn t;
	/* the buffers last: a new client clears everything before them */
	char in[HTTP_HEAD_MAX];
	char out[HTTPD_OUT];
};

struct httpd {
	struct netd *nd;
	struct loop_fd lfd[2];	/* port 80, port 443 */
	int full;
	int tls_ready;
	long long cert_retry;	/* no certificate could be made: not again before */
	struct tls_server tls;
	struct auth auth;
	struct hconn c[HTTPD_CONNS];
};

/**
 * httpd_open() - listen on @port (plain) and @tls_port (HTTPS; 0: none).
 * Return: 0 or -errno.
 */
int httpd_open(struct netd *nd, int port, int tls_port);

/** httpd_close() - drop every client, stop listening. */
void httpd_close(struct httpd *h);

/**
 * httpd_cmd() - `https cert regen` (a new self-signed certificate, for the
 * host name and address the device has now) and `https cert install CERT
 * KEY` (PEM files on the device, root only: checked as a pair, then kept).
 */
struct cmd;
int httpd_cmd(struct cmd *c, int argc, char **argv);

/** httpd_auth_changed() - the admin password changed: end every session. */
void httpd_auth_changed(struct httpd *h);

/**
 * httpd_cgi_env() - the CGI/1.1 environment for a request (only the
 * whitelisted variables), into @buf as NUL-separated "NAME=value" strings
 * pointed to by @env (NULL-terminated).
 * Return: 0, or -E2BIG if it does not fit.
 */
int httpd_cgi_env(const struct http_req *r, const char *script, const char *remote,
		  int https, const char *csrf, char *buf, size_t n, char **env, int nenv);

/**
 * httpd_cgi_head() - parse a CGI's header block (@len bytes, up to and
 * including the empty line).
 * @status: "Status:" (default 200, or 302 with a Location)
 * @ctype, @location: those values (NUL-terminated in @buf's copy), or ""
 * Return: 0, or -EINVAL for a malformed block (the server answers 502).
 */
int httpd_cgi_head(char *head, size_t len, int *status, const char **ctype,
		   const char **location);

#endif
