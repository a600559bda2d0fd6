/* http: request head parser, chunked body decoder, form decoder. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "http.h"

enum { ST_REQLINE, ST_FIELDS, ST_DONE, ST_ERROR };

/* ASCII only, on purpose: no locale may change what a request means. */
static int lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

static int is_ctl(unsigned char ch)
{
	return ch < 0x20 || ch == 0x7f;
}

static int is_digit(unsigned char ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_alnum(unsigned char ch)
{
	return is_digit(ch) || (lower(ch) >= 'a' && lower(ch) <= 'z');
}

/* strchr() alone would find NUL in every set */
static int in_set(unsigned char ch, const char *set)
{
	return ch != '\0' && strchr(set, ch) != NULL;
}

/* RFC 9110 tchar: what methods and field names are made of. */
static int is_tchar(unsigned char ch)
{
	return is_alnum(ch) || in_set(ch, "!#$%&'*+-.^_`|~");
}

static int is_ows(unsigned char ch)
{
	return ch == ' ' || ch == '\t';
}

static int hexval(unsigned char ch)
{
	if (is_digit(ch)) {
		return ch - '0';
	}
	if (lower(ch) >= 'a' && lower(ch) <= 'f') {
		return lower(ch) - 'a' + 10;
	}
	return -1;
}

/* Is @p (@n bytes) equal to the lowercase @s, ignoring ASCII case? */
static int ieq(const char *p, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\0' || lower((unsigned char)p[i]) != (unsigned char)s[i]) {
			return 0;
		}
	}
	return s[n] == '\0';
}

static void str_set(struct http_str *s, const char *p, size_t len)
{
	s->p = p;
	s->len = len;
}

static int fail(struct http_req *r, int status, const char *why)
{
	r->state = ST_ERROR;
	r->status = status;
	r->why = why;
	return -EINVAL;
}

void http_init(struct http_req *r, uint64_t body_max)
{
	memset(r, 0, sizeof(*r));
	r->body_max = body_max;
	str_set(&r->target, "", 0);
	str_set(&r->query, "", 0);
	str_set(&r->host, "", 0);
	str_set(&r->cookie, "", 0);
	str_set(&r->content_type, "", 0);
	str_set(&r->if_none_match, "", 0);
	r->ae_gzip = -1;
	r->ae_star = -1;
}

/* ---- the request line ---- */

/*
 * Decode and normalise the path (@p, @n bytes, starting with '/') into
 * r->path. Raw '/' separate segments; each segment is decoded where it
 * will stay, then dropped again if it is empty or ".". Decoding never
 * lengthens, so r->path (HTTP_TARGET_MAX + 1) always has room.
 */
static int set_path(struct http_req *r, const char *p, size_t n)
{
	size_t i = 1, o = 1, seg;

	r->path[0] = '/';
	while (i < n) {
		for (seg = o; i < n && p[i] != '/'; i++) {
			unsigned char ch = (unsigned char)p[i];

			if (ch == '%') {
				int hi = i + 2 < n ? hexval((unsigned char)p[i + 1]) : -1;
				int lo = i + 2 < n ? hexval((unsigned char)p[i + 2]) : -1;

				if (hi < 0 || lo < 0) {
					return fail(r, 400, "bad %-escape in the path");
				}
				ch = (unsigned char)(hi << 4 | lo);
				i += 2;
				if (ch == '/') {
					return fail(r, 400, "encoded '/' in the path");
				}
				if (ch == '\0') {
					return fail(r, 400, "encoded NUL in the path");
				}
				if (is_ctl(ch)) {
					return fail(r, 400, "encoded control character in the path");
				}
			}
			r->path[o++] = (char)ch;
		}
		if (o - seg == 2 && r->path[seg] == '.' && r->path[seg + 1] == '.') {
			return fail(r, 400, "'..' in the path");
		}
		if (o == seg || (o - seg == 1 && r->path[seg] == '.')) {
			o = seg;	/* "//" or "/./": nothing to keep */
		} else if (i < n) {
			r->path[o++] = '/';
		}
		i++;	/* the '/' */
	}
	r->path[o] = '\0';
	r->path_len = o;
	return 0;
}

/* "HTTP/1.0" or "HTTP/1.1"; other HTTP/x.y are 505, the rest 400. */
static int set_version(struct http_req *r, const char *p, size_t n)
{
	if (n != 8 || memcmp(p, "HTTP/", 5) != 0 || !is_digit((unsigned char)p[5]) ||
	    p[6] != '.' || !is_digit((unsigned char)p[7])) {
		return fail(r, 400, "bad HTTP version");
	}
	if (p[5] != '1' || (p[7] != '0' && p[7] != '1')) {
		return fail(r, 505, "HTTP version not supported");
	}
	r->version = p[7] == '1' ? 11 : 10;
	return 0;
}

/*
 * The scan in http_parse() already refused control characters and bytes
 * >= 0x80 here, so only the structure is left to check. Also called on
 * the start of a request line that is too long, to tell 414 from 400:
 * such a line can never pass.
 */
static int request_line(struct http_req *r, const char *p, size_t n)
{
	static const char *const methods[] = { "GET", "HEAD", "POST" };
	const char *t, *sp, *q, *end = p + n;
	size_t m, i;
	int rc;

	for (m = 0; m < n && is_tchar((unsigned char)p[m]); m++) {
	}
	if (m == 0 || m == n || p[m] != ' ') {
		return fail(r, 400, "bad request line");
	}
	for (i = 0; i < 3; i++) {
		if (strlen(methods[i]) == m && memcmp(p, methods[i], m) == 0) {
			r->method = HTTP_GET + (int)i;
		}
	}
	if (!r->method) {
		return fail(r, 501, "method not implemented");
	}
	t = p + m + 1;
	sp = memchr(t, ' ', (size_t)(end - t));
	if ((size_t)((sp ? sp : end) - t) > HTTP_TARGET_MAX) {
		return fail(r, 414, "request target too long");
	}
	if (!sp || sp == t) {
		return fail(r, 400, "bad request line");
	}
	rc = set_version(r, sp + 1, (size_t)(end - sp - 1));
	if (rc < 0) {
		return rc;
	}
	if (*t != '/') {
		return fail(r, 400, "request target not in origin-form");
	}
	if (memchr(t, '#', (size_t)(sp - t))) {
		return fail(r, 400, "fragment in the request target");
	}
	str_set(&r->target, t, (size_t)(sp - t));
	q = memchr(t, '?', (size_t)(sp - t));
	if (q) {
		str_set(&r->query, q + 1, (size_t)(sp - q - 1));
	}
	return set_path(r, t, (size_t)((q ? q : sp) - t));
}

/* ---- header fields ---- */

/*
 * Call @fn on each element of a comma-separated list (RFC 9110 5.6.1),
 * without surrounding whitespace; empty elements are skipped.
 */
static void each_elem(struct http_req *r, const char *p, size_t n,
		      void (*fn)(struct http_req *r, const char *e, size_t len))
{
	const char *end = p + n, *c;

	while (p < end) {
		const char *e;

		c = memchr(p, ',', (size_t)(end - p));
		e = c ? c : end;
		while (p < e && is_ows((unsigned char)*p)) {
			p++;
		}
		while (e > p && is_ows((unsigned char)e[-1])) {
			e--;
		}
		if (e > p) {
			fn(r, p, (size_t)(e - p));
		}
		p = c ? c + 1 : end;
	}
}


/* Fields that may appear once (r->seen); F_LENGTH may repeat, same value. */
#define F_HOST		(1u << 0)
#define F_LENGTH	(1u << 1)
#define F_TE		(1u << 2)
#define F_COOKIE	(1u << 3)
#define F_CTYPE		(1u << 4)
#define F_INM		(1u << 5)
#define F_EXPECT	(1u << 6)

static int f_host(struct http_req *r, const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)v[i];

		/* a reg-name or IP literal and a port: nothing that could
		 * turn into a path or a user when a CGI uses it */
		if (!is_alnum(ch) && !in_set(ch, "-._~%!$&'()*+,;=:[]")) {
			return fail(r, 400, "bad Host");
		}
	}
	str_set(&r->host, v, n);
	return 0;
}

/* Digits only: "+5", "5 5", "5, 5" or "0x5" mean different things to
 * different parsers, which is how requests get smuggled. */
static int f_length(struct http_req *r, const char *v, size_t n)
{
	uint64_t len = 0;
	size_t i;

	if (n == 0) {
		return fail(r, 400, "bad Content-Length");
	}
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)v[i])) {
			return fail(r, 400, "bad Content-Length");
		}
		/* saturate: any huge value is over the limit anyway */
		len = len > (UINT64_MAX - 9) / 10 ? UINT64_MAX : len * 10 + (uint64_t)(v[i] - '0');
	}
	if ((r->seen & F_LENGTH) && len != r->content_length) {
		return fail(r, 400, "conflicting Content-Length fields");
	}
	r->seen |= F_LENGTH;
	r->content_length = len;
	return 0;
}

static int f_te(struct http_req *r, const char *v, size_t n)
{
	if (!ieq(v, n, "chunked")) {
		return fail(r, 501, "transfer coding not implemented");
	}
	return 0;
}

static void conn_elem(struct http_req *r, const char *e, size_t n)
{
	if (ieq(e, n, "close")) {
		r->conn_close = 1;
	} else if (ieq(e, n, "keep-alive")) {
		r->conn_keep = 1;
	}
}

static int f_connection(struct http_req *r, const char *v, size_t n)
{
	each_elem(r, v, n, conn_elem);
	return 0;
}

/* Is the weight of "coding;q=W;..." (parameters from @p) zero? Only a
 * well-formed q=0, q=0.0... refuses; other parameters do not matter. */
static int q_zero(const char *p, const char *end)
{
	while (p < end) {
		const char *sc = memchr(p, ';', (size_t)(end - p)), *e = sc ? sc : end;

		while (p < e && is_ows((unsigned char)*p)) {
			p++;
		}
		while (e > p && is_ows((unsigned char)e[-1])) {
			e--;
		}
		if (e - p >= 3 && lower((unsigned char)p[0]) == 'q' && p[1] == '=' && p[2] == '0') {
			for (p += 3; p < e && (*p == '.' || *p == '0'); p++) {
			}
			return p == e;
		}
		p = sc ? sc + 1 : end;
	}
	return 0;
}

static void ae_elem(struct http_req *r, const char *e, size_t n)
{
	const char *sc = memchr(e, ';', n), *c = sc ? sc : e + n;
	int ok = !q_zero(c, e + n);

	while (c > e && is_ows((unsigned char)c[-1])) {
		c--;
	}
	if (ieq(e, (size_t)(c - e), "gzip") || ieq(e, (size_t)(c - e), "x-gzip")) {
		r->ae_gzip = (signed char)ok;
	} else if (c - e == 1 && *e == '*') {
		r->ae_star = (signed char)ok;
	}
}

static int f_accept_encoding(struct http_req *r, const char *v, size_t n)
{
	each_elem(r, v, n, ae_elem);
	return 0;
}

static int f_cookie(struct http_req *r, const char *v, size_t n)
{
	str_set(&r->cookie, v, n);
	return 0;
}

static int f_content_type(struct http_req *r, const char *v, size_t n)
{
	str_set(&r->content_type, v, n);
	return 0;
}

static int f_if_none_match(struct http_req *r, const char *v, size_t n)
{
	str_set(&r->if_none_match, v, n);
	return 0;
}

/* RFC 9110 10.1.1: 100-continue is ignored in HTTP/1.0; other
 * expectations cannot be met. */
static int f_expect(struct http_req *r, const char *v, size_t n)
{
	if (!ieq(v, n, "100-continue")) {
		return fail(r, 417, "unsupported expectation");
	}
	r->expect_continue = r->version == 11;
	return 0;
}

static const struct field {
	const char *name;	/* lowercase */
	unsigned once;		/* F_* if it may appear only once */
	int (*fn)(struct http_req *r, const char *v, size_t n);
} fields[] = {
	{ "host", F_HOST, f_host },
	{ "content-length", 0, f_length },
	{ "transfer-encoding", F_TE, f_te },
	{ "connection", 0, f_connection },
	{ "accept-encoding", 0, f_accept_encoding },
	{ "cookie", F_COOKIE, f_cookie },
	{ "content-type", F_CTYPE, f_content_type },
	{ "if-none-match", F_INM, f_if_none_match },
	{ "expect", F_EXPECT, f_expect },
};

static int field_line(struct http_req *r, const char *p, size_t n)
{
	const char *v, *end = p + n;
	size_t m, i;

	if (++r->nfields > HTTP_FIELDS_MAX) {
		return fail(r, 431, "too many header fields");
	}
	if (is_ows((unsigned char)p[0])) {
		return fail(r, 400, "obsolete line folding");
	}
	for (m = 0; m < n && is_tchar((unsigned char)p[m]); m++) {
	}
	if (m == 0 || m == n || p[m] != ':') {
		return fail(r, 400, "bad header field name");
	}
	for (v = p + m + 1; v < end && is_ows((unsigned char)*v); v++) {
	}
	while (end > v && is_ows((unsigned char)end[-1])) {
		end--;
	}
	for (i = 0; v + i < end; i++) {
		if (is_ctl((unsigned char)v[i]) && v[i] != '\t') {
			return fail(r, 400, "control character in a header field");
		}
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (!ieq(p, m, fields[i].name)) {
			continue;
		}
		if (r->seen & fields[i].once) {
			return fail(r, 400, "repeated header field");
		}
		r->seen |= fields[i].once;
		return fields[i].fn(r, v, (size_t)(end - v));
	}
	return 0;
}

/* The empty line: what the fields say together. */
static int finish(struct http_req *r)
{
	if (r->version == 11 && !(r->seen & F_HOST)) {
		return fail(r, 400, "no Host in an HTTP/1.1 request");
	}
	if (r->seen & F_TE) {
		/* RFC 9112 6.1 and 6.3: either is a way to smuggle a request */
		if (r->seen & F_LENGTH) {
			return fail(r, 400, "both Transfer-Encoding and Content-Length");
		}
		if (r->version == 10) {
			return fail(r, 400, "Transfer-Encoding in an HTTP/1.0 request");
		}
		r->chunked = 1;
	} else if (r->seen & F_LENGTH) {
		if (r->content_length > r->body_max) {
			return fail(r, 413, "body too large");
		}
	} else if (r->method == HTTP_POST) {
		return fail(r, 411, "POST without a length");
	}
	r->keep_alive = !r->conn_close && (r->version == 11 || r->conn_keep);
	r->gzip = r->ae_gzip >= 0 ? r->ae_gzip : r->ae_star > 0;
	r->state = ST_DONE;
	return 0;
}

static int on_line(struct http_req *r, const char *p, size_t n)
{
	int rc;

	if (r->state == ST_FIELDS) {
		return n ? field_line(r, p, n) : finish(r);
	}
	if (n == 0) {
		return 0;	/* RFC 9112 2.2: empty lines before a request */
	}
	rc = request_line(r, p, n);
	if (rc == 0) {
		r->state = ST_FIELDS;
	}
	return rc;
}

/* A line over HTTP_LINE_MAX, not yet ended. */
static int too_long(struct http_req *r, const char *p, size_t n)
{
	int rc;

	if (r->state == ST_FIELDS) {
		return fail(r, 431, "header line too long");
	}
	rc = request_line(r, p, n);
	return rc < 0 ? rc : fail(r, 414, "request line too long");
}

int http_parse(struct http_req *r, const char *buf, size_t len)
{
	size_t i, end;
	int rc;

	if (r->state == ST_ERROR) {
		return -EINVAL;
	}
	if (buf != r->base || len < r->pos) {
		http_init(r, r->body_max);
		r->base = buf;
	}
	if (r->state == ST_DONE) {
		return (int)r->head_len;
	}
	for (i = r->pos; i < len && i < HTTP_HEAD_MAX; i++) {
		unsigned char ch = (unsigned char)buf[i];

		if (i > 0 && buf[i - 1] == '\r' && ch != '\n') {
			return fail(r, 400, "CR without LF");
		}
		if (ch == '\n') {
			end = i > r->line && buf[i - 1] == '\r' ? i - 1 : i;
			rc = on_line(r, buf + r->line, end - r->line);
			r->line = i + 1;
			if (rc < 0) {
				return rc;
			}
			if (r->state == ST_DONE) {
				r->pos = r->head_len = i + 1;
				return (int)r->head_len;
			}
			continue;
		}
		if (ch == '\0') {
			return fail(r, 400, "NUL in the request head");
		}
		/* refuse garbage (a TLS hello, a binary) at its first byte */
		if (r->state == ST_REQLINE && ch != '\r' && (is_ctl(ch) || ch >= 0x80)) {
			return fail(r, 400, "control character or non-ASCII byte in the request line");
		}
		if (i - r->line >= HTTP_LINE_MAX && ch != '\r') {
			return too_long(r, buf + r->line, i + 1 - r->line);
		}
	}
	r->pos = i;
	if (i >= HTTP_HEAD_MAX) {
		return fail(r, 431, "request head too large");
	}
	return -EAGAIN;
}

const char *http_method_name(int method)
{
	switch (method) {
	case HTTP_GET:
		return "GET";
	case HTTP_HEAD:
		return "HEAD";
	case HTTP_POST:
		return "POST";
	}
	return "";
}

const char *http_status_text(int status)
{
	static const struct {
		short status;
		const char *text;
	} texts[] = {
		{ 100, "Continue" },
		{ 200, "OK" },
		{ 204, "No Content" },
		{ 301, "Moved Permanently" },
		{ 302, "Found" },
		{ 303, "See Other" },
		{ 304, "Not Modified" },
		{ 400, "Bad Request" },
		{ 401, "Unauthorized" },
		{ 403, "Forbidden" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 408, "Request Timeout" },
		{ 411, "Length Required" },
		{ 413, "Content Too Large" },
		{ 414, "URI Too Long" },
		{ 415, "Unsupported Media Type" },
		{ 417, "Expectation Failed" },
		{ 429, "Too Many Requests" },
		{ 431, "Request Header Fields Too Large" },
		{ 500, "Internal Server Error" },
		{ 501, "Not Implemented" },
		{ 502, "Bad Gateway" },
		{ 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
		{ 505, "HTTP Version Not Supported" },
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (texts[i].status == status) {
			return texts[i].text;
		}
	}
	return "Unknown";
}

/* ---- chunked bodies ---- */

enum {
	CH_SIZE,	/* hex digits */
	CH_SIZE_WS,	/* whitespace after them: only a ';' may follow */
	CH_EXT,		/* a chunk extension, ignored */
	CH_SIZE_LF,	/* a CR ended the size line */
	CH_DATA,
	CH_DATA_END,	/* the CRLF after the data */
	CH_DATA_LF,
	CH_TRAILER,	/* the start of a trailer line, or the empty line */
	CH_TRAILER_LINE,
	CH_TRAILER_LF,
	CH_END_LF,	/* a CR started the empty line */
	CH_DONE,
	CH_ERROR,
};

static int ch_fail(struct http_chunked *c, int status, const char *why)
{
	c->state = CH_ERROR;
	c->status = status;
	c->why = why;
	return -EINVAL;
}

void http_chunked_init(struct http_chunked *c, uint64_t max)
{
	memset(c, 0, sizeof(*c));
	c->max = max;
	c->state = CH_SIZE;
}

/* The size line ended: data follows, or the trailers after the last chunk. */
static void ch_size_line_end(struct http_chunked *c)
{
	c->state = c->left ? CH_DATA : CH_TRAILER;
}

/* One framing byte (anything but chunk data). */
static int ch_byte(struct http_chunked *c, unsigned char ch)
{
	int h;

	switch (c->state) {
	case CH_SIZE:
		h = hexval(ch);
		if (h >= 0) {
			if (++c->digits > 8) {
				return ch_fail(c, 400, "chunk size over 8 hex digits");
			}
			c->left = c->left << 4 | (uint32_t)h;
			return 0;
		}
		if (c->digits == 0) {
			return ch_fail(c, 400, "bad chunk size");
		}
		/* refuse a chunk too big before its data comes */
		if (c->left > c->max - c->total) {
			return ch_fail(c, 413, "body too large");
		}
		c->line = 1;	/* what follows the digits, bounded */
		if (ch == ';') {
			c->state = CH_EXT;
		} else if (is_ows(ch)) {
			c->state = CH_SIZE_WS;
		} else if (ch == '\r') {
			c->state = CH_SIZE_LF;
		} else if (ch == '\n') {
			ch_size_line_end(c);
		} else {
			return ch_fail(c, 400, "bad chunk size");
		}
		return 0;
	case CH_SIZE_WS:
		if (++c->line > HTTP_LINE_MAX) {
			return ch_fail(c, 400, "chunk extension too long");
		}
		if (ch == ';') {
			c->state = CH_EXT;
		} else if (!is_ows(ch)) {
			return ch_fail(c, 400, "bad chunk size");
		}
		return 0;
	case CH_EXT:
		if (ch == '\r') {
			c->state = CH_SIZE_LF;
		} else if (ch == '\n') {
			ch_size_line_end(c);
		} else if (is_ctl(ch) && ch != '\t') {
			return ch_fail(c, 400, "control character in a chunk extension");
		} else if (++c->line > HTTP_LINE_MAX) {
			return ch_fail(c, 400, "chunk extension too long");
		}
		return 0;
	case CH_SIZE_LF:
		if (ch != '\n') {
			return ch_fail(c, 400, "CR without LF after a chunk size");
		}
		ch_size_line_end(c);
		return 0;
	case CH_DATA_END:
		/* CRLF, or a bare LF as in the head */
		if (ch == '\r') {
			c->state = CH_DATA_LF;
			return 0;
		}
		/* fall through */
	case CH_DATA_LF:
		if (ch != '\n') {
			return ch_fail(c, 400, "no CRLF after chunk data");
		}
		c->state = CH_SIZE;
		c->digits = 0;
		return 0;
	}
	/* the trailer section: lines ignored, but bounded */
	if (++c->trailer > HTTP_HEAD_MAX) {
		return ch_fail(c, 431, "trailer fields too large");
	}
	switch (c->state) {
	case CH_TRAILER:
		if (ch == '\r') {
			c->state = CH_END_LF;
			return 0;
		}
		if (ch == '\n') {
			c->state = CH_DONE;
			return 0;
		}
		c->state = CH_TRAILER_LINE;
		/* fall through */
	case CH_TRAILER_LINE:
		if (ch == '\r') {
			c->state = CH_TRAILER_LF;
		} else if (ch == '\n') {
			c->state = CH_TRAILER;
		} else if (is_ctl(ch) && ch != '\t') {
			return ch_fail(c, 400, "control character in a trailer field");
		}
		return 0;
	case CH_TRAILER_LF:
	case CH_END_LF:
		if (ch != '\n') {
			return ch_fail(c, 400, "CR without LF in the trailers");
		}
		c->state = c->state == CH_END_LF ? CH_DONE : CH_TRAILER;
		return 0;
	}
	return ch_fail(c, 400, "bad chunked body");
}

int http_chunked_feed(struct http_chunked *c, const char *in, size_t len,
		      char *out, size_t size, size_t *used, size_t *produced)
{
	size_t i = 0, o = 0;
	int rc = 0;

	while (i < len && c->state != CH_DONE && c->state != CH_ERROR) {
		if (c->state == CH_DATA) {
			size_t n = c->left;

			n = n < len - i ? n : len - i;
			n = n < size - o ? n : size - o;
			if (n == 0) {
				break;	/* @out is full */
			}
			/* memmove: @out may be @in, o <= i */
			memmove(out + o, in + i, n);
			i += n;
			o += n;
			c->left -= (uint32_t)n;
			c->total += n;
			if (c->left == 0) {
				c->state = CH_DATA_END;
			}
			continue;
		}
		rc = ch_byte(c, (unsigned char)in[i++]);
		if (rc < 0) {
			break;
		}
	}
	*used = i;
	*produced = o;
	if (c->state == CH_ERROR) {
		return -EINVAL;
	}
	return c->state == CH_DONE;
}

/* ---- application/x-www-form-urlencoded ---- */

/* Any bad escape, NUL byte or %00 in @s? */
static int form_valid(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0') {
			return 0;
		}
		if (s[i] != '%') {
			continue;
		}
		if (i + 2 >= len || hexval((unsigned char)s[i + 1]) < 0 ||
		    hexval((unsigned char)s[i + 2]) < 0 || (s[i + 1] == '0' && s[i + 2] == '0')) {
			return 0;
		}
		i += 2;
	}
	return 1;
}

/* The next decoded byte of a checked string, advancing *@p. */
static unsigned char form_char(const char **p)
{
	const char *s = *p;

	if (*s == '+') {
		*p += 1;
		return ' ';
	}
	if (*s == '%') {
		*p += 3;
		return (unsigned char)(hexval((unsigned char)s[1]) << 4 | hexval((unsigned char)s[2]));
	}
	*p += 1;
	return (unsigned char)*s;
}

static int form_name_is(const char *p, const char *end, const char *name)
{
	while (p < end) {
		if (*name == '\0' || form_char(&p) != (unsigned char)*name++) {
			return 0;
		}
	}
	return *name == '\0';
}

int http_form_get(const char *s, size_t len, const char *name, char *out, size_t n)
{
	const char *p = s, *end = s + len;

	if (!form_valid(s, len)) {
		return -EINVAL;
	}
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *e = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(e - p)), *v = eq ? eq + 1 : e;
		size_t o = 0;

		if (!form_name_is(p, eq ? eq : e, name)) {
			p = amp ? amp + 1 : end;
			continue;
		}
		while (v < e) {
			if (o + 1 >= n) {
				return -ENOSPC;
			}
			out[o++] = (char)form_char(&v);
		}
		if (n == 0) {
			return -ENOSPC;
		}
		out[o] = '\0';
		return (int)o;
	}
	return -ENOENT;
}
