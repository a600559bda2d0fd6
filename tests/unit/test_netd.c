/* Unit tests for netd's daemon modules: the respawn policy (svc), the
 * syslogd ring reader (log), authorized-key checks and the shadow update
 * (sshd), resolv.conf (dhcp), and netctl's quoting and JSON. */
#define _GNU_SOURCE
#include <crypt.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auth.h"
#include "cmd.h"
#include "dhcp.h"
#include "httpd.h"
#include "log.h"
#include "netctl.h"
#include "sshd.h"
#include "svc.h"
#include "sys.h"

/* ---- svc: backoff and crash loops ---- */

static void test_backoff(void **state)
{
	const struct svc_policy *p = &svc_policy_default;
	unsigned b = 0;
	int i;

	(void)state;
	b = svc_next_backoff(p, b, 10);
	assert_int_equal(b, p->backoff_min_ms);
	for (i = 0; i < 20; i++) {
		unsigned nb = svc_next_backoff(p, b, 10);

		assert_true(nb >= b);
		assert_true(nb <= p->backoff_max_ms);
		b = nb;
	}
	assert_int_equal(b, p->backoff_max_ms);
	/* a long healthy run starts over */
	assert_int_equal(svc_next_backoff(p, b, p->stable_ms), p->backoff_min_ms);
}

static void test_crash_loop(void **state)
{
	long long t[8] = { 0, 1000, 2000, 3000, 4000 };

	(void)state;
	assert_false(svc_crash_loop(t, 4, 5, 30000));		/* too few exits */
	assert_true(svc_crash_loop(t, 5, 5, 30000));		/* 5 within 4 s */
	assert_true(svc_crash_loop(t, 5, 5, 4000));		/* the window's edge */
	assert_false(svc_crash_loop(t, 5, 5, 3999));
	t[5] = 100000;
	assert_false(svc_crash_loop(t, 6, 5, 30000));		/* spread out */
	assert_false(svc_crash_loop(t, 6, 0, 30000));		/* burst 0: never */
	assert_string_equal(svc_state_name(SVC_HALTED), "halted");
	assert_string_equal(svc_state_name(SVC_RUNNING), "running");
}

/* ---- log: the syslogd ring ---- */

struct lines {
	int n;
	char got[16][64];
};

static void collect(void *arg, const char *line, size_t len)
{
	struct lines *l = arg;

	assert_true(l->n < 16);
	snprintf(l->got[l->n++], 64, "%.*s", (int)len, line);
}

/* Write messages into a ring the way syslogd does. */
static size_t ring_put(char *data, size_t size, size_t tail, const char *msg)
{
	size_t i, len = strlen(msg) + 1;

	for (i = 0; i < len; i++) {
		data[(tail + i) % size] = msg[i];
	}
	return (tail + len) % size;
}

static void test_ring_fresh(void **state)
{
	char data[64] = { 0 };
	struct lines l = { 0 };
	size_t tail = 0;

	(void)state;
	assert_int_equal(log_ring_lines(data, sizeof(data), 0, 10, collect, &l), 0);
	tail = ring_put(data, sizeof(data), tail, "one\n");
	tail = ring_put(data, sizeof(data), tail, "two\n");
	assert_int_equal(log_ring_lines(data, sizeof(data), tail, 10, collect, &l), 2);
	assert_string_equal(l.got[0], "one");
	assert_string_equal(l.got[1], "two");
	memset(&l, 0, sizeof(l));
	assert_int_equal(log_ring_lines(data, sizeof(data), tail, 1, collect, &l), 1);
	assert_string_equal(l.got[0], "two");
}

static void test_ring_wrapped(void **state)
{
	char data[32] = { 0 };
	struct lines l = { 0 };
	size_t tail = 0;
	int i;
	char msg[16];

	(void)state;
	for (i = 0; i < 20; i++) {
		snprintf(msg, sizeof(msg), "msg%02d\n", i);
		tail = ring_put(data, sizeof(data), tail, msg);
	}
	assert_true(log_ring_lines(data, sizeof(data), tail, 100, collect, &l) >= 3);
	/* oldest first, the newest last, and no torn message */
	assert_string_equal(l.got[l.n - 1], "msg19");
	for (i = 0; i < l.n; i++) {
		assert_int_equal(strlen(l.got[i]), 5);
		assert_memory_equal(l.got[i], "msg", 3);
	}
	assert_int_equal(log_ring_lines(data, sizeof(data), 99, 10, collect, &l), 0);
}

/* ---- sshd: keys and shadow ---- */

#define ED "AAAAC3NzaC1lZDI1NTE5AAAAIBqOEeY6pTtm5FEKXRfP2Lfs0GIBMYrKkEaXkDM3ZSK9"

static void test_key_check(void **state)
{
	const char *why;

	(void)state;
	assert_int_equal(sshd_key_check("ssh-ed25519 " ED, &why), 0);
	assert_int_equal(sshd_key_check("ssh-ed25519 " ED " me@laptop", &why), 0);
	assert_int_equal(sshd_key_check("ssh-ed25519 " ED " a comment with spaces", &why), 0);
	assert_int_equal(sshd_key_check("", &why), -EINVAL);
	assert_int_equal(sshd_key_check("ssh-ed25519", &why), -EINVAL);
	assert_int_equal(sshd_key_check("ssh-dss " ED, &why), -EINVAL);
	assert_non_null(strstr(why, "unsupported key type"));
	/* the blob says ed25519: it is not an RSA key */
	assert_int_equal(sshd_key_check("ssh-rsa " ED, &why), -EINVAL);
	assert_non_null(strstr(why, "does not hold"));
	assert_int_equal(sshd_key_check("ssh-ed25519 AAAA!!!!AAAAAAAAAAAAAAAAAAAAAAAA", &why),
			 -EINVAL);
	assert_int_equal(sshd_key_check("ssh-ed25519 AAAA", &why), -EINVAL);
	assert_int_equal(sshd_key_check("ssh-ed25519 " ED " bad\x01comment", &why), -EINVAL);
	/* options (command="...") are not accepted */
	assert_int_equal(sshd_key_check("command=\"x\" ssh-ed25519 " ED, &why), -EINVAL);
}

static void test_shadow_root(void **state)
{
	char out[512];
	int n;

	(void)state;
	n = sshd_shadow_root("root:*:0:0:99999:7:::\nnobody:*:0:0:99999:7:::\n", "$6$s$h", out,
			     sizeof(out));
	assert_true(n > 0);
	assert_string_equal(out, "root:$6$s$h:0:0:99999:7:::\nnobody:*:0:0:99999:7:::\n");
	n = sshd_shadow_root("nobody:*:0:0:99999:7:::", "*", out, sizeof(out));
	assert_string_equal(out, "nobody:*:0:0:99999:7:::\nroot:*:0:0:99999:7:::\n");
	n = sshd_shadow_root("root:old\n", "new", out, sizeof(out));
	assert_string_equal(out, "root:new\n");
	assert_int_equal(sshd_shadow_root("root:*:0:0:99999:7:::\n", "x", out, 8), -E2BIG);
}

/* ---- dhcp: resolv.conf ---- */

static void test_resolv_conf(void **state)
{
	char buf[256];

	(void)state;
	assert_true(dhcp_resolv_conf("10.0.2.3", NULL, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "nameserver 10.0.2.3\n");
	assert_true(dhcp_resolv_conf("1.1.1.1 8.8.8.8", "lan", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "search lan\nnameserver 1.1.1.1\nnameserver 8.8.8.8\n");
	/* a hostile domain is dropped, not written */
	assert_true(dhcp_resolv_conf("1.1.1.1", "x\nnameserver 6.6.6.6", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "nameserver 1.1.1.1\n");
	assert_int_equal(dhcp_resolv_conf("1.1.1.1 evil", NULL, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(dhcp_resolv_conf("", NULL, buf, sizeof(buf)), 0);
	/* at most three servers */
	assert_true(dhcp_resolv_conf("1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4", NULL, buf,
				     sizeof(buf)) > 0);
	assert_null(strstr(buf, "4.4.4.4"));
}

/* ---- sys: the atomic save ---- */

static void test_save_over_linked_tmp(void **state)
{
	char dir[] = "/tmp/netd-save-XXXXXX", path[64], tmp[72], buf[64];
	const char *step;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f", dir);
	snprintf(tmp, sizeof(tmp), "%s/f.tmp", dir);
	assert_int_equal(sys_save_file(&sys_linux, path, "old\n", 4, 0600, &step), 0);
	/* what a power cut inside JFFS2's rename() leaves: the temp name is a
	 * second link to the real file */
	assert_int_equal(link(path, tmp), 0);
	assert_int_equal(sys_save_file(&sys_linux, path, "new\n", 4, 0600, &step), 0);
	assert_int_equal(sys_read_file(&sys_linux, path, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "new\n");
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(sys_read_file(&sys_linux, tmp, buf, sizeof(buf)), -ENOENT);
	unlink(path);
	rmdir(dir);
}

/* ---- auth: login, sessions, CSRF, back-off ---- */

static void test_auth(void **state)
{
	static struct auth a;
	struct auth_session *s, *t;
	char hash[128], cookie[96];
	unsigned retry;
	int err, i;

	(void)state;
	/* a copy: crypt() returns a static buffer that the next call reuses */
	snprintf(hash, sizeof(hash), "%s", crypt("correct-horse", "$6$saltsalt$"));
	auth_init(&a, &sys_linux);
	assert_null(auth_login(&a, "", "x", 1, 0, &retry, &err));
	assert_int_equal(err, -ENOENT);
	/* wrong passwords: three free tries, then a growing wait */
	for (i = 0; i < 3; i++) {
		assert_null(auth_login(&a, hash, "wrong", 1, 1000, &retry, &err));
		assert_int_equal(err, -EPERM);
	}
	assert_int_equal(retry, 1000);
	assert_null(auth_login(&a, hash, "correct-horse", 1, 1500, &retry, &err));
	assert_int_equal(err, -EAGAIN);	/* not even checked while waiting */
	assert_int_equal(retry, 500);
	/* another client is not held back */
	assert_int_equal(auth_backoff_ms(&a, 2, 1500), 0);
	assert_null(auth_login(&a, hash, "wrong", 1, 2000, &retry, &err));
	assert_int_equal(retry, 2000);
	s = auth_login(&a, hash, "correct-horse", 1, 4000, &retry, &err);
	assert_non_null(s);
	assert_int_equal(auth_backoff_ms(&a, 1, 4000), 0);	/* success forgives */
	assert_int_equal(strlen(s->id), AUTH_TOKEN_LEN);
	assert_string_not_equal(s->id, s->csrf);
	/* the cookie finds it; a forged or truncated id does not */
	snprintf(cookie, sizeof(cookie), "theme=dark; sid=%s; x=y", s->id);
	assert_ptr_equal(auth_check(&a, cookie, 5000), s);
	cookie[20] ^= 1;
	assert_null(auth_check(&a, cookie, 5000));
	snprintf(cookie, sizeof(cookie), "sid=%.31s", s->id);
	assert_null(auth_check(&a, cookie, 5000));
	assert_null(auth_check(&a, NULL, 5000));
	assert_null(auth_check(&a, "sid=", 5000));
	/* CSRF */
	assert_true(auth_csrf_ok(s, s->csrf));
	assert_false(auth_csrf_ok(s, s->id));
	assert_false(auth_csrf_ok(s, ""));
	assert_false(auth_csrf_ok(s, NULL));
	/* idle expiry */
	snprintf(cookie, sizeof(cookie), "sid=%s", s->id);
	assert_null(auth_check(&a, cookie, 5000 + AUTH_IDLE_MS + 1));
	/* more sessions than places: the least recently used goes */
	s = auth_open(&a, 10);
	snprintf(cookie, sizeof(cookie), "sid=%s", s->id);
	for (i = 0; i < AUTH_SESSIONS; i++) {
		t = auth_open(&a, 20 + i);
		assert_non_null(t);
	}
	assert_null(auth_check(&a, cookie, 100));
	snprintf(cookie, sizeof(cookie), "sid=%s", t->id);
	assert_ptr_equal(auth_check(&a, cookie, 100), t);
	auth_logout(t);
	assert_null(auth_check(&a, cookie, 100));
	auth_logout_all(&a);
	for (i = 0; i < AUTH_SESSIONS; i++) {
		assert_false(a.s[i].used);
	}
}

/* ---- httpd: the CGI environment and a CGI's header block ---- */

static void test_cgi_env(void **state)
{
	static struct http_req r;
	static const char req[] = "POST /cgi-bin/system?csrf=abc&x=1 HTTP/1.1\r\nHost: dev\r\n"
				  "Content-Type: application/x-www-form-urlencoded\r\n"
				  "Content-Length: 12\r\nCookie: sid=secret\r\n\r\n";
	char buf[2048], *env[24];
	int i, has_cookie = 0;

	(void)state;
	http_init(&r, 16384);
	assert_true(http_parse(&r, req, sizeof(req) - 1) > 0);
	assert_int_equal(httpd_cgi_env(&r, "/cgi-bin/system", "10.0.2.2", 1, "tok", buf,
				       sizeof(buf), env, 24), 0);
	for (i = 0; env[i]; i++) {
		/* only CGI/1.1 variables: no cookie, no header passed through */
		has_cookie |= strstr(env[i], "secret") != NULL;
		assert_null(strstr(env[i], "HTTP_"));
	}
	assert_false(has_cookie);
	assert_string_equal(env[0], "GATEWAY_INTERFACE=CGI/1.1");
	for (i = 0; env[i] && strncmp(env[i], "QUERY_STRING=", 13); i++) {
	}
	assert_non_null(env[i]);
	assert_string_equal(env[i], "QUERY_STRING=csrf=abc&x=1");
	for (i = 0; env[i] && strncmp(env[i], "CONTENT_LENGTH=", 15); i++) {
	}
	assert_string_equal(env[i], "CONTENT_LENGTH=12");
	/* too small a buffer or table: refused, not cut */
	assert_int_equal(httpd_cgi_env(&r, "/cgi-bin/system", "10.0.2.2", 1, "tok", buf, 64,
				       env, 24), -E2BIG);
	assert_int_equal(httpd_cgi_env(&r, "/cgi-bin/system", "10.0.2.2", 1, "tok", buf,
				       sizeof(buf), env, 4), -E2BIG);
}

/* A chunked body's length is unknown when the CGI starts: no
 * CONTENT_LENGTH (the CGI reads to the end of stdin), but a CONTENT_TYPE. */
static void test_cgi_env_chunked(void **state)
{
	static struct http_req r;
	static const char req[] = "POST /cgi-bin/system HTTP/1.1\r\nHost: dev\r\n"
				  "Content-Type: application/x-www-form-urlencoded\r\n"
				  "Transfer-Encoding: chunked\r\n\r\n";
	char buf[2048], *env[24];
	int i, ctype = 0;

	(void)state;
	http_init(&r, 16384);
	assert_true(http_parse(&r, req, sizeof(req) - 1) > 0);
	assert_int_equal(httpd_cgi_env(&r, "/cgi-bin/system", "10.0.2.2", 0, "tok", buf,
				       sizeof(buf), env, 24), 0);
	for (i = 0; env[i]; i++) {
		assert_null(strstr(env[i], "CONTENT_LENGTH="));
		ctype |= strcmp(env[i], "CONTENT_TYPE=application/x-www-form-urlencoded") == 0;
	}
	assert_true(ctype);
}

static void test_cgi_head(void **state)
{
	char h1[] = "Content-Type: text/html\r\nX-Evil: 1\r\n\r\n";
	char h2[] = "Status: 303 See Other\nLocation: /cgi-bin/x?saved=1\n\n";
	char h3[] = "Location: /elsewhere\r\n\r\n";
	char h4[] = "no colon here\r\n\r\n";
	char h5[] = "Status: 99\r\n\r\n";
	const char *ct, *loc;
	int st;

	(void)state;
	assert_int_equal(httpd_cgi_head(h1, strlen(h1), &st, &ct, &loc), 0);
	assert_int_equal(st, 200);
	assert_string_equal(ct, "text/html");
	assert_string_equal(loc, "");
	assert_int_equal(httpd_cgi_head(h2, strlen(h2), &st, &ct, &loc), 0);
	assert_int_equal(st, 303);
	assert_string_equal(loc, "/cgi-bin/x?saved=1");
	assert_int_equal(httpd_cgi_head(h3, strlen(h3), &st, &ct, &loc), 0);
	assert_int_equal(st, 302);
	assert_int_equal(httpd_cgi_head(h4, strlen(h4), &st, &ct, &loc), -EINVAL);
	assert_int_equal(httpd_cgi_head(h5, strlen(h5), &st, &ct, &loc), -EINVAL);
}

/* ---- netctl: request quoting and JSON ---- */

static void test_quote_roundtrip(void **state)
{
	static struct cmd_words w;
	const char *words[] = { "set", "hostname", "it's a \"test\" \\ x", "", "é", NULL };
	char req[256];
	size_t len = 0;
	const char *why;
	int i;

	(void)state;
	for (i = 0; words[i]; i++) {
		assert_int_equal(netctl_quote(req, sizeof(req), &len, words[i]), 0);
	}
	assert_int_equal(cmd_split(req, len, &w, &why), 0);
	assert_int_equal(w.argc, 5);
	for (i = 0; words[i]; i++) {
		assert_string_equal(w.argv[i], words[i]);
	}
	len = 0;
	assert_int_equal(netctl_quote(req, 8, &len, "too long for it"), -E2BIG);
}

static void test_json_string(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(netctl_json_string("a\"b\\c\n\x01", out, sizeof(out)), 21);
	assert_string_equal(out, "\"a\\\"b\\\\c\\u000a\\u0001\"");
	assert_int_equal(netctl_json_string("x", out, 2), -E2BIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_crash_loop),
		cmocka_unit_test(test_ring_fresh),
		cmocka_unit_test(test_ring_wrapped),
		cmocka_unit_test(test_key_check),
		cmocka_unit_test(test_shadow_root),
		cmocka_unit_test(test_resolv_conf),
		cmocka_unit_test(test_save_over_linked_tmp),
		cmocka_unit_test(test_auth),
		cmocka_unit_test(test_cgi_env),
		cmocka_unit_test(test_cgi_env_chunked),
		cmocka_unit_test(test_cgi_head),
		cmocka_unit_test(test_quote_roundtrip),
		cmocka_unit_test(test_json_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
