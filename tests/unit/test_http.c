/* Unit tests for netd/http.c: the request head parser (every rule, and
 * the same result whether a head arrives whole or byte by byte), the
 * chunked body decoder and the form decoder. Requests are copied into a
 * heap block of their exact size, so ASan sees any read past the end. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http.h"

#define MAX_BODY 1000000

static char *buf;		/* the request being parsed */
static size_t buf_len;
static struct http_req req;

static void set_buf(const char *s, size_t len)
{
	free(buf);
	buf = malloc(len ? len : 1);
	assert_non_null(buf);
	memcpy(buf, s, len);
	buf_len = len;
}

static void same_str(struct http_str a, const char *abase, struct http_str b, const char *bbase)
{
	assert_int_equal(a.len, b.len);
	if (a.len) {
		/* both point at the same offset of their buffers */
		assert_int_equal(a.p - abase, b.p - bbase);
	}
}

/* Two parses of the same bytes (maybe in different buffers) agree. */
static void same(const struct http_req *a, const char *abase,
		 const struct http_req *b, const char *bbase)
{
	assert_int_equal(a->status, b->status);
	if (a->status) {
		assert_string_equal(a->why, b->why);
		return;
	}
	assert_int_equal(a->method, b->method);
	assert_int_equal(a->version, b->version);
	assert_string_equal(a->path, b->path);
	assert_int_equal(a->path_len, b->path_len);
	same_str(a->target, abase, b->target, bbase);
	same_str(a->query, abase, b->query, bbase);
	same_str(a->host, abase, b->host, bbase);
	same_str(a->cookie, abase, b->cookie, bbase);
	same_str(a->content_type, abase, b->content_type, bbase);
	same_str(a->if_none_match, abase, b->if_none_match, bbase);
	assert_int_equal(a->keep_alive, b->keep_alive);
	assert_int_equal(a->chunked, b->chunked);
	assert_true(a->content_length == b->content_length);
	assert_int_equal(a->gzip, b->gzip);
	assert_int_equal(a->expect_continue, b->expect_continue);
}

/*
 * Parse @len bytes of @s whole, then again fed byte by byte, then again
 * with the first half in another buffer: all three must agree.
 */
static int parse_n(const char *s, size_t len, uint64_t max)
{
	static struct http_req r2;
	char *other;
	size_t k;
	int rc, rc2 = -EAGAIN;

	set_buf(s, len);
	http_init(&req, max);
	rc = http_parse(&req, buf, len);
	assert_true(rc == -EAGAIN || rc == -EINVAL || (rc > 0 && (size_t)rc <= len));
	if (rc == -EINVAL) {
		assert_non_null(req.why);
		assert_true(req.status >= 400 && req.status <= 505);
	}

	http_init(&r2, max);
	for (k = 0; k <= len && rc2 == -EAGAIN; k++) {
		rc2 = http_parse(&r2, buf, k);
	}
	assert_int_equal(rc2, rc);
	same(&req, buf, &r2, buf);

	/* the caller moved its buffer between two reads: parsed afresh */
	other = malloc(len ? len : 1);
	assert_non_null(other);
	memcpy(other, s, len);
	http_init(&r2, max);
	rc2 = http_parse(&r2, other, len / 2);
	if (rc2 == -EAGAIN) {
		rc2 = http_parse(&r2, buf, len);
		assert_int_equal(rc2, rc);
		same(&req, buf, &r2, buf);
	} else {
		/* what a prefix decides, the whole decides the same way */
		assert_int_equal(rc2, rc);
		assert_int_equal(r2.status, req.status);
	}
	free(other);
	return rc;
}

static int parse(const char *s)
{
	return parse_n(s, strlen(s), MAX_BODY);
}

/* @s is one whole head: it must parse, to its end. */
static void ok(const char *s)
{
	int rc = parse(s);

	if (rc < 0) {
		fail_msg("'%s': %d %s", s, rc, rc == -EINVAL ? req.why : "");
	}
	assert_int_equal(rc, strlen(s));
}

static void refused_n(const char *s, size_t len, int status)
{
	int rc = parse_n(s, len, MAX_BODY);

	if (rc != -EINVAL || req.status != status) {
		fail_msg("'%.*s': rc %d, status %d, expected %d", (int)len, s, rc, req.status,
			 status);
	}
}

static void refused(const char *s, int status)
{
	refused_n(s, strlen(s), status);
}

/* for literals with a NUL inside */
#define REFUSED_LIT(lit, status) refused_n(lit, sizeof(lit) - 1, status)

static void str_is(struct http_str s, const char *exp)
{
	assert_non_null(s.p);
	if (s.len != strlen(exp) || memcmp(s.p, exp, s.len) != 0) {
		fail_msg("'%.*s' != '%s'", (int)s.len, s.p, exp);
	}
}

#define H11 " HTTP/1.1\r\nHost: h\r\n"

/* ---- the request line ---- */

static void test_simple_get(void **state)
{
	(void)state;
	ok("GET / HTTP/1.1\r\nHost: example.org:8080\r\n\r\n");
	assert_int_equal(req.method, HTTP_GET);
	assert_int_equal(req.version, 11);
	assert_string_equal(req.path, "/");
	assert_int_equal(req.path_len, 1);
	str_is(req.target, "/");
	str_is(req.query, "");
	str_is(req.host, "example.org:8080");
	str_is(req.cookie, "");
	str_is(req.content_type, "");
	str_is(req.if_none_match, "");
	assert_int_equal(req.keep_alive, 1);
	assert_int_equal(req.chunked, 0);
	assert_true(req.content_length == 0);
	assert_int_equal(req.gzip, 0);
	assert_int_equal(req.expect_continue, 0);
	assert_int_equal(req.status, 0);
	/* pointers into the caller's buffer */
	assert_ptr_equal(req.target.p, buf + 4);
	assert_ptr_equal(req.host.p, buf + 22);

	ok("HEAD /index.html HTTP/1.0\r\n\r\n");
	assert_int_equal(req.method, HTTP_HEAD);
	assert_int_equal(req.version, 10);
	assert_int_equal(req.keep_alive, 0);
	str_is(req.host, "");
	assert_string_equal(req.path, "/index.html");

	/* bare LF line ends, and a mix */
	ok("GET /a HTTP/1.1\nHost: h\n\n");
	assert_string_equal(req.path, "/a");
	ok("GET /a HTTP/1.1\r\nHost: h\n\r\n");
	/* empty lines before the request line are skipped */
	ok("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(req.method, HTTP_GET);
	ok("\nGET / HTTP/1.0\n\n");
}

static void test_incomplete(void **state)
{
	(void)state;
	assert_int_equal(parse(""), -EAGAIN);
	assert_int_equal(parse("G"), -EAGAIN);
	assert_int_equal(parse("GET / HTTP/1.1"), -EAGAIN);
	assert_int_equal(parse("GET / HTTP/1.1\r"), -EAGAIN);
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: h\r\n"), -EAGAIN);
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: h\r\n\r"), -EAGAIN);
	assert_int_equal(parse("\r\n\r\n"), -EAGAIN);
}

static void test_methods(void **state)
{
	(void)state;
	ok("POST /cgi-bin/x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n");
	assert_int_equal(req.method, HTTP_POST);
	assert_string_equal(http_method_name(req.method), "POST");
	assert_string_equal(http_method_name(HTTP_GET), "GET");
	assert_string_equal(http_method_name(HTTP_HEAD), "HEAD");
	assert_string_equal(http_method_name(0), "");
	/* methods are case-sensitive: a lowercase one is another method */
	refused("get /" H11 "\r\n", 501);
	refused("Get /" H11 "\r\n", 501);
	refused("PUT /" H11 "\r\n", 501);
	refused("DELETE /" H11 "\r\n", 501);
	refused("OPTIONS *" H11 "\r\n", 501);
	refused("CONNECT h:443" H11 "\r\n", 501);
	refused("GETT /" H11 "\r\n", 501);
	/* not a token at all */
	refused("G(T /" H11 "\r\n", 400);
	refused(" GET /" H11 "\r\n", 400);
	refused("GET" H11 "\r\n", 400);
	refused("GET\r\n\r\n", 400);
	refused("\x16\x03\x01\x02\x00\x01", 400);	/* a TLS hello, at its first byte */
}

static void test_versions(void **state)
{
	(void)state;
	refused("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505);
	refused("GET / HTTP/0.9\r\nHost: h\r\n\r\n", 505);
	refused("GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505);
	refused("GET / HTTP/3.0\r\n\r\n", 505);
	refused("GET / http/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET / HTTP/1.10\r\nHost: h\r\n\r\n", 400);
	refused("GET / HTTP/11\r\nHost: h\r\n\r\n", 400);
	refused("GET / HTTP/1\r\nHost: h\r\n\r\n", 400);
	refused("GET / HTTP/1.x\r\nHost: h\r\n\r\n", 400);
	refused("GET / HTTP/2\r\nHost: h\r\n\r\n", 400);
	refused("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400);
	refused("GET / \r\nHost: h\r\n\r\n", 400);
	refused("GET /\r\n\r\n", 400);		/* HTTP/0.9 */
}

static void test_request_line_syntax(void **state)
{
	(void)state;
	/* single spaces only */
	refused("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /  HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	/* origin-form only */
	refused("GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET * HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET h:80 HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET ?a HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET a/b HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /#frag HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	/* control characters, NUL, bytes >= 0x80 */
	REFUSED_LIT("GET /\0 HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	REFUSED_LIT("\0", 400);
	REFUSED_LIT("GET /a HTTP/1.1\0\r\nHost: h\r\n\r\n", 400);
	refused("GET /a\rb HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /a\r HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /a\x7f HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /a\x1b HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /caf\xc3\xa9 HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /?q=\xff HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	refused("GET /?a\tb HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	/* a LF in the target ends the line early */
	refused("GET /a\nb HTTP/1.1\r\nHost: h\r\n\r\n", 400);
	/* refused at the bad byte, without waiting for the line's end */
	refused("GET /\x01", 400);
	refused("GET /a\rX", 400);
}

/* A request for a target of @n bytes: "/aaa...". */
static char *long_target(size_t n, const char *before, const char *after)
{
	size_t b = strlen(before), a = strlen(after);
	char *s = malloc(b + n + a + 1);

	assert_non_null(s);
	memcpy(s, before, b);
	s[b] = '/';
	memset(s + b + 1, 'a', n - 1);
	memcpy(s + b + n, after, a + 1);
	return s;
}

static void test_target_length(void **state)
{
	char *s;

	(void)state;
	s = long_target(HTTP_TARGET_MAX, "GET ", " HTTP/1.1\r\nHost: h\r\n\r\n");
	ok(s);
	assert_int_equal(req.path_len, HTTP_TARGET_MAX);
	assert_int_equal(req.target.len, HTTP_TARGET_MAX);
	free(s);
	s = long_target(HTTP_TARGET_MAX + 1, "GET ", " HTTP/1.1\r\nHost: h\r\n\r\n");
	refused(s, 414);
	free(s);
	/* the query counts */
	s = long_target(HTTP_TARGET_MAX, "GET ", "?x HTTP/1.1\r\nHost: h\r\n\r\n");
	refused(s, 414);
	free(s);
	/* longer than a line, with no end in sight: answered at once */
	s = long_target(HTTP_LINE_MAX + 10, "GET ", "");
	refused(s, 414);
	free(s);
	/* a huge method is no target */
	s = long_target(HTTP_LINE_MAX + 10, "", "");
	memset(s, 'A', HTTP_LINE_MAX + 10);
	refused(s, 400);
	free(s);
}

/* ---- the path ---- */

static void path_is(const char *target, const char *path)
{
	char req_s[2 * HTTP_TARGET_MAX];

	snprintf(req_s, sizeof(req_s), "GET %s HTTP/1.1\r\nHost: h\r\n\r\n", target);
	ok(req_s);
	assert_string_equal(req.path, path);
	assert_int_equal(req.path_len, strlen(path));
	str_is(req.target, target);
}

static void path_refused(const char *target)
{
	char req_s[2 * HTTP_TARGET_MAX];

	snprintf(req_s, sizeof(req_s), "GET %s HTTP/1.1\r\nHost: h\r\n\r\n", target);
	refused(req_s, 400);
}

static void test_paths(void **state)
{
	(void)state;
	path_is("/", "/");
	path_is("/a/b/c.html", "/a/b/c.html");
	path_is("/a/b/", "/a/b/");
	path_is("/./a//b", "/a/b");
	path_is("//", "/");
	path_is("///a///", "/a/");
	path_is("/.", "/");
	path_is("/./", "/");
	path_is("/a/.", "/a/");
	path_is("/a/./b/./", "/a/b/");
	path_is("/%2e/a", "/a");
	path_is("/...", "/...");
	path_is("/..a/b..", "/..a/b..");
	path_is("/.hidden", "/.hidden");
	path_is("/%41%62%7e%7E", "/Ab~~");
	path_is("/a%20b", "/a b");
	path_is("/a+b", "/a+b");		/* '+' is a space only in forms */
	path_is("/%3f%23", "/?#");
	path_is("/caf%c3%a9", "/caf\xc3\xa9");
	path_is("/a;b,c=d", "/a;b,c=d");
	path_is("/a?b=1", "/a");
	path_is("/%2e?x", "/");
	/* never climb, not even where it would stay below the root */
	path_refused("/..");
	path_refused("/../");
	path_refused("/../etc/passwd");
	path_refused("/a/..");
	path_refused("/a/../b");
	path_refused("/a/b/../../..");
	path_refused("/%2e%2e");
	path_refused("/%2e%2e/");
	path_refused("/%2E%2E/");
	path_refused("/%2e%2e%2f");
	path_refused("/.%2e/x");
	path_refused("/%2e./x");
	path_refused("/a//..//b");
	path_refused("/./../x");
	path_refused("/..?x");
	/* encoded '/', NUL and control characters */
	path_refused("/a%2fb");
	path_refused("/a%2Fb");
	path_refused("/%00");
	path_refused("/a%00.html");
	path_refused("/%0d%0aSet-Cookie:x");
	path_refused("/%0a");
	path_refused("/%09");
	path_refused("/%7f");
	path_refused("/%1b");
	/* bad escapes */
	path_refused("/%zz");
	path_refused("/%g0");
	path_refused("/%0g");
	path_refused("/%");
	path_refused("/%4");
	path_refused("/a%");
	path_refused("/%%41");
	path_refused("/%4?1");
}

static void test_query(void **state)
{
	(void)state;
	ok("GET /cgi-bin/luci?a=1&b=%20+x HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_string_equal(req.path, "/cgi-bin/luci");
	str_is(req.query, "a=1&b=%20+x");
	str_is(req.target, "/cgi-bin/luci?a=1&b=%20+x");
	ok("GET /a?b?c/../%zz%00 HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_string_equal(req.path, "/a");
	str_is(req.query, "b?c/../%zz%00");	/* raw: the CGI decodes */
	ok("GET /? HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_string_equal(req.path, "/");
	str_is(req.query, "");
	ok("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
	str_is(req.query, "");
}

/* ---- header fields ---- */

static void test_fields(void **state)
{
	(void)state;
	ok("GET / HTTP/1.1\r\n"
	   "hOsT:   dev.local  \r\n"
	   "COOKIE: sid=abc; x=y\r\n"
	   "Content-Type:\tapplication/x-www-form-urlencoded\t\r\n"
	   "If-None-Match: \"v1\", W/\"v2\"\r\n"
	   "User-Agent: curl/8\r\n"
	   "X-Empty:\r\n"
	   "X-Obs-Text: caf\xe9 \xff\r\n"
	   "X-Tab: a\tb\r\n"
	   "\r\n");
	str_is(req.host, "dev.local");
	str_is(req.cookie, "sid=abc; x=y");
	str_is(req.content_type, "application/x-www-form-urlencoded");
	str_is(req.if_none_match, "\"v1\", W/\"v2\"");
	/* an empty Host is allowed */
	ok("GET / HTTP/1.1\r\nHost:\r\n\r\n");
	str_is(req.host, "");
	ok("GET / HTTP/1.1\r\nHost: [fe80::1]:80\r\n\r\n");
	/* Host: required in 1.1, once, and only host characters */
	refused("GET / HTTP/1.1\r\n\r\n", 400);
	refused("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400);
	refused("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400);
	refused("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400);
	refused("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400);
	refused("GET / HTTP/1.1\r\nHost: user@a\r\n\r\n", 400);
	refused("GET / HTTP/1.1\r\nHost: caf\xc3\xa9\r\n\r\n", 400);
	/* the fields kept as one string come once */
	refused("GET /" H11 "Cookie: a=1\r\nCookie: b=2\r\n\r\n", 400);
	refused("GET /" H11 "Content-Type: a\r\nContent-Type: b\r\n\r\n", 400);
	refused("GET /" H11 "If-None-Match: a\r\nIf-None-Match: b\r\n\r\n", 400);
}

static void test_field_syntax(void **state)
{
	(void)state;
	/* obsolete line folding */
	refused("GET /" H11 "X-A: a\r\n b\r\n\r\n", 400);
	refused("GET /" H11 "X-A: a\r\n\tb\r\n\r\n", 400);
	refused("GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400);
	/* names */
	refused("GET /" H11 "X-A : a\r\n\r\n", 400);
	refused("GET /" H11 "X-A\t: a\r\n\r\n", 400);
	refused("GET /" H11 ": a\r\n\r\n", 400);
	refused("GET /" H11 "X-A a\r\n\r\n", 400);
	refused("GET /" H11 "X-A\r\n\r\n", 400);
	refused("GET /" H11 "X(A): a\r\n\r\n", 400);
	refused("GET /" H11 "X-\xc3\xa9: a\r\n\r\n", 400);
	refused("GET /" H11 "X-\x01: a\r\n\r\n", 400);
	REFUSED_LIT("GET /" H11 "X-\0: a\r\n\r\n", 400);
	/* values: no control character but tab */
	refused("GET /" H11 "X-A: a\x01\r\n\r\n", 400);
	refused("GET /" H11 "X-A: a\x1b[2J\r\n\r\n", 400);
	refused("GET /" H11 "X-A: a\x7f\r\n\r\n", 400);
	refused("GET /" H11 "X-A: \x0b\r\n\r\n", 400);
	REFUSED_LIT("GET /" H11 "X-A: a\0b\r\n\r\n", 400);
	REFUSED_LIT("GET /" H11 "Host\0: a\r\n\r\n", 400);
	/* header injection: a CR that does not end the line */
	refused("GET /" H11 "X-A: a\rSet-Cookie: x\r\n\r\n", 400);
	refused("GET /" H11 "Cookie: a=1\rHost: evil\r\n\r\n", 400);
	refused("GET /" H11 "X-A: a\r\r\n\r\n", 400);
	refused("GET /" H11 "\r\r\n", 400);
	/* a NUL is refused at once, not at the end of its line */
	REFUSED_LIT("GET /" H11 "X-A: \0", 400);
	/* a LF alone in a value ends the line: what follows is another line */
	refused("GET /" H11 "X-A: a\nb\r\n\r\n", 400);
}

/* A head with @n fields "X-N: v" after Host, total lines of @line_len. */
static char *many_fields(unsigned n, size_t value_len)
{
	size_t size = 64 + n * (value_len + 16), o;
	char *s = malloc(size);
	unsigned i;

	assert_non_null(s);
	o = (size_t)sprintf(s, "GET / HTTP/1.1\r\n");
	for (i = 0; i < n; i++) {
		o += (size_t)sprintf(s + o, "X-%02u: ", i % 100);
		memset(s + o, 'v', value_len);
		o += value_len;
		o += (size_t)sprintf(s + o, "\r\n");
	}
	strcpy(s + o, "\r\n");
	return s;
}

static void test_limits(void **state)
{
	char *s;
	size_t len;

	(void)state;
	/* 48 field lines, Host among them */
	s = many_fields(HTTP_FIELDS_MAX - 1, 1);
	memcpy(strstr(s, "\r\n\r\n"), "\r\nHost: h\r\n\r\n", 14);
	ok(s);
	free(s);
	s = many_fields(HTTP_FIELDS_MAX, 1);
	memcpy(strstr(s, "\r\n\r\n"), "\r\nHost: h\r\n\r\n", 14);
	refused(s, 431);
	free(s);

	/* a line of exactly HTTP_LINE_MAX bytes, and one more */
	s = many_fields(1, HTTP_LINE_MAX - 6);
	memcpy(s + 16, "Host", 4);
	ok(s);
	assert_int_equal(req.host.len, HTTP_LINE_MAX - 6);
	free(s);
	s = many_fields(1, HTTP_LINE_MAX - 5);
	refused(s, 431);
	/* answered before the line ends */
	s[16 + HTTP_LINE_MAX + 1] = '\0';
	refused(s, 431);
	s[16 + HTTP_LINE_MAX] = '\0';
	assert_int_equal(parse(s), -EAGAIN);
	free(s);

	/* a head of exactly HTTP_HEAD_MAX bytes, and one more */
	s = many_fields(3, HTTP_LINE_MAX - 6);
	len = strlen(s);
	assert_true(len > HTTP_HEAD_MAX);
	/* trim the last value so that the head is HTTP_HEAD_MAX long */
	memmove(s + HTTP_HEAD_MAX - 4, "\r\n\r\n", 5);
	memcpy(s + 16, "Host", 4);
	ok(s);
	assert_int_equal(strlen(s), HTTP_HEAD_MAX);
	memmove(s + HTTP_HEAD_MAX - 4, "v\r\n\r\n", 6);
	refused(s, 431);
	/* a full buffer without the empty line, or more bytes than that */
	s[HTTP_HEAD_MAX] = '\0';
	refused(s, 431);
	s[HTTP_HEAD_MAX - 1] = '\0';
	assert_int_equal(parse(s), -EAGAIN);
	free(s);

	/* empty lines before the request count too */
	s = malloc(HTTP_HEAD_MAX + 1);
	memset(s, '\n', HTTP_HEAD_MAX);
	s[HTTP_HEAD_MAX] = '\0';
	refused(s, 431);
	free(s);
}

static void test_content_length(void **state)
{
	const char *s;

	(void)state;
	ok("POST /" H11 "Content-Length: 5\r\n\r\n");
	assert_true(req.content_length == 5);
	assert_int_equal(req.chunked, 0);
	ok("POST /" H11 "Content-Length:  0005 \r\n\r\n");
	assert_true(req.content_length == 5);
	ok("POST /" H11 "Content-Length: 0\r\n\r\n");
	assert_true(req.content_length == 0);
	/* the same value twice is one value */
	ok("POST /" H11 "Content-Length: 7\r\ncontent-length: 007\r\n\r\n");
	assert_true(req.content_length == 7);
	/* a GET may have a body too: the server must read it or close */
	ok("GET /" H11 "Content-Length: 3\r\n\r\n");
	assert_true(req.content_length == 3);
	/* strict digits */
	refused("POST /" H11 "Content-Length: +5\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: -1\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 5 5\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 5,5\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 5, 5\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 0x10\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 1e3\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 5.0\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length:\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: \xd9\xa5\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length : 5\r\n\r\n", 400);
	/* different values */
	refused("POST /" H11 "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 5\r\nContent-Length: 50\r\n\r\n", 400);
	/* too large */
	refused("POST /" H11 "Content-Length: 1000001\r\n\r\n", 413);
	refused("POST /" H11 "Content-Length: 99999999999999999999999999999\r\n\r\n", 413);
	refused("POST /" H11 "Content-Length: 18446744073709551616\r\n\r\n", 413);
	ok("POST /" H11 "Content-Length: 1000000\r\n\r\n");
	/* a caller's limit of 0: no body at all */
	s = "POST /" H11 "Content-Length: 0\r\n\r\n";
	assert_int_equal(parse_n(s, strlen(s), 0), strlen(s));
	s = "POST /" H11 "Content-Length: 1\r\n\r\n";
	assert_int_equal(parse_n(s, strlen(s), 0), -EINVAL);
	assert_int_equal(req.status, 413);
	/* a POST needs a length */
	refused("POST /" H11 "\r\n", 411);
	refused("POST / HTTP/1.0\r\n\r\n", 411);
	ok("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\n");
}

static void test_transfer_encoding(void **state)
{
	(void)state;
	ok("POST /" H11 "Transfer-Encoding: chunked\r\n\r\n");
	assert_int_equal(req.chunked, 1);
	assert_true(req.content_length == 0);
	ok("POST /" H11 "transfer-encoding:  Chunked \r\n\r\n");
	assert_int_equal(req.chunked, 1);
	/* only chunked, alone */
	refused("POST /" H11 "Transfer-Encoding: gzip\r\n\r\n", 501);
	refused("POST /" H11 "Transfer-Encoding: identity\r\n\r\n", 501);
	refused("POST /" H11 "Transfer-Encoding: gzip, chunked\r\n\r\n", 501);
	refused("POST /" H11 "Transfer-Encoding: chunked, chunked\r\n\r\n", 501);
	refused("POST /" H11 "Transfer-Encoding: chunkedx\r\n\r\n", 501);
	refused("POST /" H11 "Transfer-Encoding:\r\n\r\n", 501);
	refused("POST /" H11 "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
		400);
	/* smuggling: both framings, in either order, or chunked in HTTP/1.0 */
	refused("POST /" H11 "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400);
	refused("POST /" H11 "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
	refused("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
}

static void test_connection(void **state)
{
	(void)state;
	ok("GET /" H11 "\r\n");
	assert_int_equal(req.keep_alive, 1);
	ok("GET /" H11 "Connection: close\r\n\r\n");
	assert_int_equal(req.keep_alive, 0);
	ok("GET /" H11 "Connection: Upgrade, CLOSE\r\n\r\n");
	assert_int_equal(req.keep_alive, 0);
	ok("GET /" H11 "Connection: keep-alive\r\nConnection: close\r\n\r\n");
	assert_int_equal(req.keep_alive, 0);
	ok("GET /" H11 "Connection: closed\r\n\r\n");
	assert_int_equal(req.keep_alive, 1);
	ok("GET / HTTP/1.0\r\n\r\n");
	assert_int_equal(req.keep_alive, 0);
	ok("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
	assert_int_equal(req.keep_alive, 1);
	ok("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n");
	assert_int_equal(req.keep_alive, 0);
}

static void gzip_is(const char *ae, int gzip)
{
	char s[256];

	snprintf(s, sizeof(s), "GET /" H11 "Accept-Encoding: %s\r\n\r\n", ae);
	ok(s);
	if (req.gzip != gzip) {
		fail_msg("Accept-Encoding: %s: gzip %d", ae, req.gzip);
	}
}

static void test_accept_encoding(void **state)
{
	(void)state;
	ok("GET /" H11 "\r\n");
	assert_int_equal(req.gzip, 0);
	gzip_is("gzip", 1);
	gzip_is("GZip", 1);
	gzip_is("x-gzip", 1);
	gzip_is("gzip, deflate, br", 1);
	gzip_is("br,gzip", 1);
	gzip_is("deflate, br", 0);
	gzip_is("gzipx", 0);
	gzip_is("", 0);
	gzip_is("gzip;q=0", 0);
	gzip_is("gzip ; q=0", 0);
	gzip_is("gzip;Q=0.000", 0);
	gzip_is("gzip;q=0.", 0);
	gzip_is("gzip;q=0.001", 1);
	gzip_is("gzip;q=0.5", 1);
	gzip_is("gzip;q=1", 1);
	gzip_is("gzip;q=1.0", 1);
	gzip_is("br;q=1.0, gzip;q=0.8, *;q=0.1", 1);
	gzip_is("*", 1);
	gzip_is("*;q=0", 0);
	gzip_is("*, gzip;q=0", 0);
	gzip_is("gzip;q=0, *", 0);
	gzip_is("identity;q=0, *;q=0.5", 1);
	gzip_is("deflate;q=0", 0);
	/* several lines: the list goes on */
	ok("GET /" H11 "Accept-Encoding: br\r\nAccept-Encoding: gzip\r\n\r\n");
	assert_int_equal(req.gzip, 1);
}

static void test_expect(void **state)
{
	(void)state;
	ok("POST /" H11 "Content-Length: 9\r\nExpect: 100-continue\r\n\r\n");
	assert_int_equal(req.expect_continue, 1);
	ok("POST /" H11 "Content-Length: 9\r\nExpect: 100-Continue\r\n\r\n");
	assert_int_equal(req.expect_continue, 1);
	/* HTTP/1.0 clients never wait for it */
	ok("POST / HTTP/1.0\r\nContent-Length: 9\r\nExpect: 100-continue\r\n\r\n");
	assert_int_equal(req.expect_continue, 0);
	refused("POST /" H11 "Content-Length: 9\r\nExpect: 200-ok\r\n\r\n", 417);
	refused("POST /" H11 "Expect: 100-continue\r\nExpect: 100-continue\r\n\r\n", 400);
}

/* ---- the caller's side ---- */

/* Where the first empty line of @s ends. */
static int head_end(const char *s)
{
	return (int)(strstr(s, "\r\n\r\n") + 4 - s);
}

static void test_pipelined(void **state)
{
	const char *s = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
			"POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
			"\r\nGET /c?x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
			"GET /d HTT";
	size_t off = 0;
	int rc;

	(void)state;
	rc = parse(s);
	assert_int_equal(rc, head_end(s));
	assert_int_equal(rc, 28);
	assert_string_equal(req.path, "/a");
	off += (size_t)rc;
	rc = parse(s + off);
	assert_int_equal(rc, head_end(s + off));
	assert_string_equal(req.path, "/b");
	assert_true(req.content_length == 5);
	assert_memory_equal(buf + rc, "hello", 5);
	off += (size_t)rc + 5;
	/* the stray CRLF some clients send after a body is skipped */
	rc = parse(s + off);
	assert_int_equal(rc, head_end(s + off + 2) + 2);
	assert_string_equal(req.path, "/c");
	str_is(req.query, "x");
	assert_int_equal(req.keep_alive, 0);
	off += (size_t)rc;
	assert_int_equal(parse(s + off), -EAGAIN);
	assert_int_equal(off + 10, strlen(s));
}

static void test_sticky(void **state)
{
	const char *s = "GET / HTTP/1.1\r\nHost: h\r\n\r\nGARBAGE\0\r\n";
	struct http_req r;

	(void)state;
	set_buf(s, 38);
	http_init(&r, 10);
	assert_int_equal(http_parse(&r, buf, 38), 27);
	assert_int_equal(http_parse(&r, buf, 38), 27);
	assert_int_equal(http_parse(&r, buf, 27), 27);
	/* errors stick, whatever comes next */
	set_buf("GET / HTTP/9.9\r\n", 16);
	http_init(&r, 10);
	assert_int_equal(http_parse(&r, buf, 16), -EINVAL);
	assert_int_equal(r.status, 505);
	assert_string_equal(r.why, "HTTP version not supported");
	assert_int_equal(http_parse(&r, buf, 16), -EINVAL);
	assert_int_equal(http_parse(&r, s, 27), -EINVAL);
	assert_int_equal(r.status, 505);
	/* a new request starts clean */
	http_init(&r, 10);
	assert_int_equal(http_parse(&r, s, 27), 27);
	assert_int_equal(r.status, 0);
	assert_null(r.why);
}

static void test_status_text(void **state)
{
	static const int all[] = { 400, 411, 413, 414, 417, 431, 501, 505, 200, 304, 404 };
	size_t i;

	(void)state;
	assert_string_equal(http_status_text(200), "OK");
	assert_string_equal(http_status_text(400), "Bad Request");
	assert_string_equal(http_status_text(404), "Not Found");
	assert_string_equal(http_status_text(411), "Length Required");
	assert_string_equal(http_status_text(413), "Content Too Large");
	assert_string_equal(http_status_text(414), "URI Too Long");
	assert_string_equal(http_status_text(431), "Request Header Fields Too Large");
	assert_string_equal(http_status_text(501), "Not Implemented");
	assert_string_equal(http_status_text(505), "HTTP Version Not Supported");
	assert_string_equal(http_status_text(999), "Unknown");
	assert_string_equal(http_status_text(-1), "Unknown");
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		assert_string_not_equal(http_status_text(all[i]), "Unknown");
	}
}

/* ---- chunked bodies ---- */

struct dec {
	int rc;
	size_t used;
	char out[4096];
	size_t olen;
};

/* Decode @len bytes of @s at once, and again byte by byte into an output
 * of one byte at a time: both must agree. */
static struct dec *dechunk_n(const char *s, size_t len, uint64_t max)
{
	static struct dec d;
	struct http_chunked c, c2;
	size_t used, n, o2 = 0, i = 0;
	char out2[sizeof(d.out)];
	int rc2 = 0;

	set_buf(s, len);
	http_chunked_init(&c, max);
	d.rc = http_chunked_feed(&c, buf, len, d.out, sizeof(d.out), &d.used, &d.olen);
	assert_true(d.olen <= d.used && d.used <= len);
	assert_true(c.total == d.olen);
	if (d.rc < 0) {
		assert_non_null(c.why);
	}

	http_chunked_init(&c2, max);
	while (i < len && rc2 == 0) {
		/* one more input byte each time, one output byte of room */
		size_t k = 1;

		do {
			rc2 = http_chunked_feed(&c2, buf + i, k, out2 + o2, 1, &used, &n);
			assert_true(n <= used && used <= k && n <= 1);
			assert_true(used > 0 || rc2 != 0);
			i += used;
			o2 += n;
			k -= used;
		} while (rc2 == 0 && k > 0);
	}
	assert_int_equal(rc2, d.rc);
	assert_int_equal(o2, d.olen);
	assert_memory_equal(out2, d.out, d.olen);
	if (rc2 >= 0) {
		assert_int_equal(i, d.used);
	} else {
		assert_int_equal(c2.status, c.status);
	}
	return &d;
}

static struct dec *dechunk(const char *s)
{
	return dechunk_n(s, strlen(s), MAX_BODY);
}

static void body_is(const char *s, size_t used, const char *data)
{
	struct dec *d = dechunk(s);

	if (d->rc != 1) {
		fail_msg("'%s': rc %d", s, d->rc);
	}
	assert_int_equal(d->used, used);
	assert_int_equal(d->olen, strlen(data));
	assert_memory_equal(d->out, data, d->olen);
}

static void chunk_refused_n(const char *s, size_t len, int status)
{
	struct http_chunked c;
	char out[64];
	size_t used, n;

	assert_int_equal(dechunk_n(s, len, MAX_BODY)->rc, -EINVAL);
	set_buf(s, len);
	http_chunked_init(&c, MAX_BODY);
	assert_int_equal(http_chunked_feed(&c, buf, buf_len, out, sizeof(out), &used, &n), -EINVAL);
	if (c.status != status) {
		fail_msg("'%s': status %d, expected %d", s, c.status, status);
	}
	/* sticky */
	assert_int_equal(http_chunked_feed(&c, "0\r\n\r\n", 5, out, sizeof(out), &used, &n),
			 -EINVAL);
	assert_int_equal(used, 0);
}

static void chunk_refused(const char *s, int status)
{
	chunk_refused_n(s, strlen(s), status);
}

static void test_chunked(void **state)
{
	(void)state;
	body_is("5\r\nhello\r\n0\r\n\r\n", 15, "hello");
	body_is("0\r\n\r\n", 5, "");
	body_is("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\nGET / HTTP/1.1\r\n", 26, "hello world");
	body_is("A\r\n0123456789\r\na\r\nabcdefghij\r\n0\r\n\r\n", 35,
		"0123456789abcdefghij");
	body_is("00000005\r\nhello\r\n00000000\r\n\r\n", 29, "hello");
	/* bare LF line ends */
	body_is("5\nhello\n0\n\n", 11, "hello");
	body_is("5\r\nhello\n0\n\r\n", 13, "hello");
	/* extensions and trailers, ignored */
	body_is("5;name=value\r\nhello\r\n0;last\r\n\r\n", 31, "hello");
	body_is("5 ; a=\"b c\"\t;x\r\nhello\r\n0\r\n\r\n", 28, "hello");
	body_is("5\r\nhello\r\n0\r\nX-Sum: 1\r\nX-B: caf\xc3\xa9\r\n\r\n", 37, "hello");
	body_is("5\r\nhello\r\n0\r\nX-Sum: 1\n\n", 23, "hello");
	/* data bytes are any bytes */
	body_is("4\r\n\r\n0\n\r\n0\r\n\r\n", 14, "\r\n0\n");
	/* incomplete */
	assert_int_equal(dechunk("5\r\nhel")->rc, 0);
	assert_int_equal(dechunk("5\r\nhel")->olen, 3);
	assert_int_equal(dechunk("5\r\nhello\r\n0\r\n")->rc, 0);
	assert_int_equal(dechunk("5\r\nhello\r\n0\r\nX: 1\r\n")->rc, 0);
	assert_int_equal(dechunk("")->rc, 0);
}

static void test_chunked_errors(void **state)
{
	char *s;

	(void)state;
	chunk_refused("g\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("-5\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("+5\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("0x5\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused(" 5\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("5 \r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("5 x\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("000000005\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused("100000000\r\n", 400);
	/* bad CRLFs */
	chunk_refused("5\rhello\r\n0\r\n\r\n", 400);
	chunk_refused("5\r\nhelloX\r\n0\r\n\r\n", 400);
	chunk_refused("5\r\nhello\r\r\n0\r\n\r\n", 400);
	chunk_refused("5\r\nhello\rX0\r\n\r\n", 400);
	chunk_refused("5\r\nhelloo\r\n0\r\n\r\n", 400);
	chunk_refused("5\r\nhello\r\n0\r\n\rX", 400);
	chunk_refused("5\r\nhello\r\n0\r\nX: 1\rY\r\n\r\n", 400);
	/* control characters in extensions and trailers */
	chunk_refused("5;a\x01\r\nhello\r\n0\r\n\r\n", 400);
	chunk_refused_n("5;a\0\r\nhello\r\n0\r\n\r\n", 15, 400);
	chunk_refused_n("5\r\nhello\r\n0\r\nX\0\r\n\r\n", 18, 400);
	chunk_refused("5\r\nhello\r\n0\r\nX: \x1b\r\n\r\n", 400);
	/* over the limit: refused at the size, before the data */
	chunk_refused("F4241\r\n", 413);
	chunk_refused("FFFFFFFF\r\n", 413);
	chunk_refused("100000\r\n", 413);
	assert_int_equal(dechunk("F4240\r\nabc")->rc, 0);
	assert_int_equal(dechunk_n("5\r\nhello\r\n1\r\n", 13, 5)->rc, -EINVAL);
	assert_int_equal(dechunk_n("5\r\nhello\r\n0\r\n\r\n", 15, 5)->rc, 1);
	assert_int_equal(dechunk_n("1\r\n", 3, 0)->rc, -EINVAL);
	/* an endless extension, endless trailers */
	s = malloc(2 * HTTP_HEAD_MAX + 16);
	strcpy(s, "1;");
	memset(s + 2, 'x', HTTP_LINE_MAX - 1);
	strcpy(s + 1 + HTTP_LINE_MAX, "\r\nx\r\n0\r\n\r\n");
	body_is(s, strlen(s), "x");
	strcpy(s + 1 + HTTP_LINE_MAX, "x\r\nx\r\n0\r\n\r\n");
	chunk_refused(s, 400);
	/* whitespace before the ';' counts too */
	memset(s + 1, ' ', HTTP_LINE_MAX - 1);
	strcpy(s + HTTP_LINE_MAX, ";\r\nx\r\n0\r\n\r\n");
	body_is(s, strlen(s), "x");
	memset(s + 1, ' ', HTTP_LINE_MAX);
	strcpy(s + HTTP_LINE_MAX + 1, ";\r\nx\r\n0\r\n\r\n");
	chunk_refused(s, 400);
	strcpy(s, "0\r\n");
	memset(s + 3, 'x', 2 * HTTP_HEAD_MAX);
	s[3 + 2 * HTTP_HEAD_MAX] = '\0';
	chunk_refused(s, 431);
	free(s);
}

static void test_chunked_in_place(void **state)
{
	char s[] = "3\r\nabc\r\n2;x\r\nde\r\n0\r\nT: 1\r\n\r\nNEXT";
	struct http_chunked c;
	size_t used, n;

	(void)state;
	http_chunked_init(&c, 100);
	assert_int_equal(http_chunked_feed(&c, s, strlen(s), s, strlen(s), &used, &n), 1);
	assert_int_equal(n, 5);
	assert_memory_equal(s, "abcde", 5);
	assert_string_equal(s + used, "NEXT");
	assert_true(c.total == 5);
	/* done sticks: nothing more is consumed */
	assert_int_equal(http_chunked_feed(&c, "5\r\n", 3, s, 10, &used, &n), 1);
	assert_int_equal(used, 0);
	assert_int_equal(n, 0);
}

static void test_chunked_out_full(void **state)
{
	const char *s = "a\r\n0123456789\r\n0\r\n\r\n";
	struct http_chunked c;
	char out[4];
	size_t used, n, i = 0;

	(void)state;
	http_chunked_init(&c, 100);
	assert_int_equal(http_chunked_feed(&c, s, strlen(s), out, 4, &used, &n), 0);
	assert_int_equal(used, 7);
	assert_int_equal(n, 4);
	assert_memory_equal(out, "0123", 4);
	i += used;
	assert_int_equal(http_chunked_feed(&c, s + i, strlen(s) - i, out, 0, &used, &n), 0);
	assert_int_equal(used, 0);
	assert_int_equal(http_chunked_feed(&c, s + i, strlen(s) - i, out, 4, &used, &n), 0);
	assert_memory_equal(out, "4567", 4);
	i += used;
	assert_int_equal(http_chunked_feed(&c, s + i, strlen(s) - i, out, 4, &used, &n), 1);
	assert_int_equal(n, 2);
	assert_memory_equal(out, "89", 2);
	assert_int_equal(i + used, strlen(s));
}

/* ---- forms ---- */

static int form(const char *s, const char *name, char *out, size_t n)
{
	set_buf(s, strlen(s));
	return http_form_get(buf, buf_len, name, out, n);
}

static void form_is(const char *s, const char *name, const char *value)
{
	char out[64];
	int rc = form(s, name, out, sizeof(out));

	if (rc < 0) {
		fail_msg("'%s' %s: %d", s, name, rc);
	}
	assert_int_equal(rc, strlen(value));
	assert_string_equal(out, value);
}

static void test_form(void **state)
{
	char out[8];

	(void)state;
	form_is("a=1&b=2", "a", "1");
	form_is("a=1&b=2", "b", "2");
	form_is("ssid=My+Home%21&psk=p%40ss%2Bw%3d", "ssid", "My Home!");
	form_is("ssid=My+Home%21&psk=p%40ss%2Bw%3d", "psk", "p@ss+w=");
	form_is("a=1&a=2", "a", "1");
	form_is("flag&b=2", "flag", "");
	form_is("a=&b=2", "a", "");
	form_is("a=x=y", "a", "x=y");
	form_is("&&a=1&&", "a", "1");
	form_is("ab=1&a=2", "a", "2");
	form_is("a+b=1", "a b", "1");
	form_is("%61=1", "a", "1");
	form_is("=x", "", "x");
	form_is("a=caf%C3%A9", "a", "caf\xc3\xa9");
	form_is("a=%0d%0a", "a", "\r\n");
	assert_int_equal(form("a=1&b=2", "c", out, sizeof(out)), -ENOENT);
	assert_int_equal(form("", "a", out, sizeof(out)), -ENOENT);
	assert_int_equal(form("a=1", "", out, sizeof(out)), -ENOENT);
	assert_int_equal(form("ab=1", "a", out, sizeof(out)), -ENOENT);
	assert_int_equal(form("a=1", "ab", out, sizeof(out)), -ENOENT);
	/* malformed anywhere: refused */
	assert_int_equal(form("a=%00", "a", out, sizeof(out)), -EINVAL);
	assert_int_equal(form("a=1&b=%00", "a", out, sizeof(out)), -EINVAL);
	assert_int_equal(form("a=%zz", "a", out, sizeof(out)), -EINVAL);
	assert_int_equal(form("a=%4", "a", out, sizeof(out)), -EINVAL);
	assert_int_equal(form("a=%", "a", out, sizeof(out)), -EINVAL);
	assert_int_equal(form("a=1&%g1=2", "a", out, sizeof(out)), -EINVAL);
	assert_int_equal(http_form_get("a=1\0", 4, "a", out, sizeof(out)), -EINVAL);
	/* room for the value and its NUL */
	assert_int_equal(form("a=1234567", "a", out, 8), 7);
	assert_string_equal(out, "1234567");
	assert_int_equal(form("a=12345678", "a", out, 8), -ENOSPC);
	assert_int_equal(form("a=%41%41%41%41%41%41%41", "a", out, 8), 7);
	assert_int_equal(form("a=", "a", out, 0), -ENOSPC);
	assert_int_equal(form("a=", "a", out, 1), 0);
	assert_string_equal(out, "");
}

static int teardown(void **state)
{
	(void)state;
	free(buf);
	buf = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_get),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_request_line_syntax),
		cmocka_unit_test(test_target_length),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_field_syntax),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_content_length),
		cmocka_unit_test(test_transfer_encoding),
		cmocka_unit_test(test_connection),
		cmocka_unit_test(test_accept_encoding),
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_pipelined),
		cmocka_unit_test(test_sticky),
		cmocka_unit_test(test_status_text),
		cmocka_unit_test(test_chunked),
		cmocka_unit_test(test_chunked_errors),
		cmocka_unit_test(test_chunked_in_place),
		cmocka_unit_test(test_chunked_out_full),
		cmocka_unit_test(test_form),
	};

	return cmocka_run_group_tests_name("http", tests, NULL, teardown);
}
