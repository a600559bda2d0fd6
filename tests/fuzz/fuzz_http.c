/* libFuzzer target: the HTTP request parser, the chunked body decoder
 * and the form decoder, on arbitrary bytes. Checks, beyond the
 * sanitizers: a head parsed whole, fed byte by byte (every split point),
 * or begun in another buffer gives the same result; a parsed head is
 * within the input and ends in LF; the path starts with '/' and holds no
 * "//", "." or ".." segment, no NUL and no control character; every field
 * points inside the head; errors carry a known status; the chunked
 * decoder never writes more than it read nor more than its limit, and
 * agrees with itself fed whole or byte by byte; a form value has no NUL. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

#define BODY_MAX 65536
#define CHUNKED_MAX 1000

static void check(int ok)
{
	if (!ok) {
		abort();
	}
}

static void check_str(struct http_str s, const char *head, size_t head_len)
{
	check(s.p != NULL);
	if (s.len) {
		check(s.p >= head && s.p + s.len <= head + head_len);
		check(memchr(s.p, '\r', s.len) == NULL && memchr(s.p, '\n', s.len) == NULL);
		check(memchr(s.p, '\0', s.len) == NULL);
	}
}

static void check_path(const struct http_req *r)
{
	const char *p = r->path, *q;
	size_t i, raw;

	check(p[0] == '/');
	check(strlen(p) == r->path_len);
	check(r->path_len <= HTTP_TARGET_MAX && r->path_len <= r->target.len);
	check(!strstr(p, "//") && !strstr(p, "/./") && !strstr(p, "/../"));
	check(!(r->path_len >= 2 && strcmp(p + r->path_len - 2, "/.") == 0));
	check(!(r->path_len >= 3 && strcmp(p + r->path_len - 3, "/..") == 0));
	for (i = 0; i < r->path_len; i++) {
		check((unsigned char)p[i] >= 0x20 && p[i] != 0x7f);
	}
	/* a plain target (no escape, no dot, no "//") is its own path */
	q = memchr(r->target.p, '?', r->target.len);
	raw = q ? (size_t)(q - r->target.p) : r->target.len;
	if (!memchr(r->target.p, '%', raw) && !memchr(r->target.p, '.', raw)) {
		for (i = 0; i + 1 < raw && !(r->target.p[i] == '/' && r->target.p[i + 1] == '/'); i++) {
		}
		if (i + 1 >= raw) {
			check(raw == r->path_len && memcmp(r->target.p, p, raw) == 0);
		}
	}
}

static void check_req(const struct http_req *r, const uint8_t *data, size_t size, int rc)
{
	const char *head = (const char *)data;

	if (rc == -EAGAIN) {
		check(size < HTTP_HEAD_MAX && r->status == 0);
		return;
	}
	if (rc == -EINVAL) {
		static const int known[] = { 400, 411, 413, 414, 417, 431, 501, 505 };
		size_t i;

		check(r->why != NULL && r->why[0] != '\0');
		for (i = 0; i < sizeof(known) / sizeof(known[0]) && known[i] != r->status; i++) {
		}
		check(i < sizeof(known) / sizeof(known[0]));
		check(strcmp(http_status_text(r->status), "Unknown") != 0);
		return;
	}
	check(rc > 0 && (size_t)rc <= size && rc <= HTTP_HEAD_MAX);
	check(head[rc - 1] == '\n');
	check(r->status == 0 && r->why == NULL);
	check(r->method >= HTTP_GET && r->method <= HTTP_POST);
	check(*http_method_name(r->method) != '\0');
	check(r->version == 10 || r->version == 11);
	check(r->keep_alive == 0 || r->keep_alive == 1);
	check(r->gzip == 0 || r->gzip == 1);
	check(!r->chunked || (r->version == 11 && r->content_length == 0));
	check(r->content_length <= BODY_MAX);
	check(r->target.len > 0 && r->target.p[0] == '/' && r->target.len <= HTTP_TARGET_MAX);
	check(memchr(r->target.p, ' ', r->target.len) == NULL);
	check_str(r->target, head, (size_t)rc);
	check_str(r->query, head, (size_t)rc);
	if (r->query.len) {
		check(r->query.p > r->target.p &&
		      r->query.p + r->query.len == r->target.p + r->target.len);
	}
	check_str(r->host, head, (size_t)rc);
	check_str(r->cookie, head, (size_t)rc);
	check_str(r->content_type, head, (size_t)rc);
	check_str(r->if_none_match, head, (size_t)rc);
	check_path(r);
}

/* The head: whole, byte by byte, and begun in a copy. */
static int fuzz_head(const uint8_t *data, size_t size)
{
	static struct http_req r, r2;
	const char *buf = (const char *)data;
	char *copy;
	size_t k;
	int rc, rc2 = -EAGAIN;

	http_init(&r, BODY_MAX);
	rc = http_parse(&r, buf, size);
	check_req(&r, data, size, rc);
	check(http_parse(&r, buf, size) == rc);

	http_init(&r2, BODY_MAX);
	for (k = 0; k <= size && rc2 == -EAGAIN; k++) {
		rc2 = http_parse(&r2, buf, k);
	}
	check(rc2 == rc && r2.status == r.status);
	if (rc > 0) {
		check(strcmp(r.path, r2.path) == 0 && r.host.p == r2.host.p &&
		      r.query.p == r2.query.p && r.query.len == r2.query.len &&
		      r.keep_alive == r2.keep_alive && r.chunked == r2.chunked &&
		      r.content_length == r2.content_length && r.gzip == r2.gzip);
	}

	/* the caller's buffer moved between reads */
	copy = malloc(size ? size : 1);
	check(copy != NULL);
	memcpy(copy, data, size);
	http_init(&r2, BODY_MAX);
	rc2 = http_parse(&r2, copy, size / 2);
	if (rc2 == -EAGAIN) {
		rc2 = http_parse(&r2, buf, size);
	} else {
		buf = copy;	/* decided by the half already */
	}
	check(rc2 == rc && r2.status == r.status);
	if (rc > 0) {
		check(strcmp(r.path, r2.path) == 0);
		check(r2.target.p - buf == r.target.p - (const char *)data);
	}
	free(copy);
	return rc;
}

/* A chunked body: whole, then at most @room output bytes per call, each
 * call given one more input byte (or the next @split bytes). */
static void fuzz_chunked(const char *in, size_t len, size_t split)
{
	static char out[1 << 16], out2[1 << 16];
	struct http_chunked c, c2;
	size_t used, n, i = 0, o2 = 0;
	int rc, rc2 = 0;

	http_chunked_init(&c, CHUNKED_MAX);
	rc = http_chunked_feed(&c, in, len, out, sizeof(out), &used, &n);
	check(rc == -EINVAL || rc == 0 || rc == 1);
	check(n <= used && used <= len && n <= CHUNKED_MAX && c.total == n);
	check(rc != 0 || used == len);
	check(rc != -EINVAL || (c.why != NULL && (c.status == 400 || c.status == 413 ||
						  c.status == 431)));

	http_chunked_init(&c2, CHUNKED_MAX);
	while (rc2 == 0 && i < len) {
		size_t k = i == 0 && split ? split : 1, got;

		k = k < len - i ? k : len - i;
		rc2 = http_chunked_feed(&c2, in + i, k, out2 + o2, 3, &got, &n);
		check(n <= got && got <= k && n <= 3);
		check(got > 0 || rc2 != 0);
		i += got;
		o2 += n;
	}
	check(rc2 == rc && o2 == c.total && memcmp(out, out2, o2) == 0);
	if (rc >= 0) {
		check(i == used);
	} else {
		check(c2.status == c.status);
	}
}

static void fuzz_form(const char *s, size_t len)
{
	static const char *const names[] = { "a", "", "ssid", "a b" };
	char out[64];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int rc = http_form_get(s, len, names[i], out, sizeof(out));

		check(rc == -ENOENT || rc == -EINVAL || rc == -ENOSPC ||
		      (rc >= 0 && (size_t)rc < sizeof(out) && (size_t)rc <= len &&
		       strlen(out) == (size_t)rc));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t body = 0, split = 0, i;
	int rc;

	rc = fuzz_head(data, size);
	/* the body, if any, follows the head; else decode it all as one */
	if (rc > 0) {
		body = (size_t)rc;
	}
	for (i = 0; i < size; i++) {
		split += data[i];
	}
	split = size - body ? split % (size - body + 1) : 0;
	fuzz_chunked(s + body, size - body, split);
	fuzz_form(s + body, size - body);
	return 0;
}
