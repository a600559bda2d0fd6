/* http: the HTTP/1.1 request parser of netd's web server. Pure code: no
 * sockets, no I/O, no allocation, so it runs the same on the host (unit
 * tests, libFuzzer) and on the device. It faces the network: everything
 * it does not understand is refused with the status to answer, rather
 * than guessed at. The rules (RFC 9112 where it is strict, stricter where
 * it leaves a choice) are in the comments below. */
#ifndef NETD_HTTP_H
#define NETD_HTTP_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_HEAD_MAX 8192	/* request line + header lines + the empty line */
#define HTTP_LINE_MAX 4096	/* one line, without its CRLF */
#define HTTP_TARGET_MAX 2048	/* the request target, query included */
#define HTTP_FIELDS_MAX 48	/* header lines */

enum http_method {
	HTTP_GET = 1,
	HTTP_HEAD,
	HTTP_POST,
};

/**
 * struct http_str - a piece of the caller's buffer: not NUL-terminated,
 * never NULL (an absent field is "" with @len 0), so "%.*s" always works.
 */
struct http_str {
	const char *p;
	size_t len;
};

/**
 * struct http_req - one request head, parsed. Set it up with http_init(),
 * feed it with http_parse(); the fields below are valid once http_parse()
 * returned the head's length. The http_str fields point into the buffer
 * given to http_parse(); they are valid as long as that buffer is.
 *
 * @method:  enum http_method
 * @version: 10 or 11 (HTTP/1.0, HTTP/1.1)
 * @target:  the request target as sent, query included (for REQUEST_URI)
 * @query:   the raw query after the first '?', not decoded (for
 *           QUERY_STRING); no control characters
 * @path:    the target's path, percent-decoded and normalised:
 *           NUL-terminated, starts with '/', no empty, "." or ".."
 *           segment, no NUL or control character; a trailing '/' is kept.
 *           Other bytes may be anything decoded: ' ', '?', '#', '\\',
 *           quotes, bytes >= 0x80; quote it before it goes to a shell
 * @path_len: its length
 * @host, @cookie, @content_type, @if_none_match: those fields' values,
 *           without surrounding whitespace
 * @keep_alive: 1 if the connection stays open after the response
 *           ("Connection: close" or an HTTP/1.0 request without
 *           "Connection: keep-alive" make it 0)
 * @chunked: the body is chunked: decode it with http_chunked_feed()
 * @content_length: the body's length when not @chunked (0 without a body;
 *           a GET may have one too: read it or close the connection)
 * @gzip:    Accept-Encoding allows gzip (q=0 honoured, "*" counted)
 * @expect_continue: an HTTP/1.1 "Expect: 100-continue": send
 *           "HTTP/1.1 100 Continue\r\n\r\n" before reading the body
 * @status:  after an error, the status to answer (400, 411, 413, 414,
 *           417, 431, 501 or 505); answer it with "Connection: close" and
 *           close, as the rest of the stream cannot be trusted
 * @why:     after an error, a static message saying what was wrong (for
 *           the log; it never repeats the request's bytes)
 *
 * The other members are private to http.c.
 */
struct http_req {
	int method;
	int version;
	struct http_str target;
	struct http_str query;
	char path[HTTP_TARGET_MAX + 1];
	size_t path_len;
	struct http_str host;
	struct http_str cookie;
	struct http_str content_type;
	struct http_str if_none_match;
	int keep_alive;
	int chunked;
	uint64_t content_length;
	int gzip;
	int expect_continue;
	int status;
	const char *why;

	uint64_t body_max;
	const char *base;
	size_t pos;
	size_t line;
	size_t head_len;
	unsigned nfields;
	int state;
	unsigned seen;
	signed char ae_gzip;
	signed char ae_star;
	unsigned char conn_close;
	unsigned char conn_keep;
};

/**
 * http_init() - get @r ready for a new request.
 * @r: the request
 * @body_max: the largest body accepted, in bytes: a larger Content-Length
 *            is refused with 413 (chunked bodies: see http_chunked_init())
 *
 * Call it again before each request of a connection.
 */
void http_init(struct http_req *r, uint64_t body_max);

/**
 * http_parse() - parse as much of a request head as has arrived.
 * @r: the request, from http_init()
 * @buf: every byte received so far for this request, from its first
 * @len: how many; only the first HTTP_HEAD_MAX matter
 *
 * Call it again with the same buffer, grown, after each read: it goes on
 * where it stopped, so a head fed byte by byte costs the same as one fed
 * whole and gives the same result. (Given a different @buf, or a shorter
 * @len, it starts over: correct, only slower. The bytes already given
 * must not change.) Bytes after the head (a body, or the next pipelined
 * request) are not looked at.
 *
 * Request line: "GET", "HEAD" or "POST" (any other method 501), one
 * space, an origin-form target (starts with '/'; "*" and absolute-form
 * are 400; longer than HTTP_TARGET_MAX is 414), one space, "HTTP/1.0" or
 * "HTTP/1.1" (another HTTP/x.y is 505). Lines end in CRLF or a bare LF;
 * a CR not followed by LF, a NUL anywhere, a control character or a byte
 * >= 0x80 in the request line or a field name are 400. Empty lines before
 * the request line are skipped.
 *
 * The path is percent-decoded (%XX, either case) and then normalised:
 * repeated '/' collapse and "." segments go. Refused with 400: a bad
 * escape, %00, an encoded '/' (%2F), a decoded control character, a '#',
 * and any ".." segment, even one that would stay below the root
 * ("/a/../b"): a path that climbs is refused, never resolved, so no
 * request can name a file through a directory it did not name.
 *
 * Header lines: "name: value"; a line starting with a space or tab
 * (obsolete folding), a name with whitespace before the colon, or a
 * control character other than tab in a value are 400; a line over
 * HTTP_LINE_MAX, more than HTTP_FIELDS_MAX lines or a head over
 * HTTP_HEAD_MAX are 431. Names are case-insensitive. Kept: Host (once;
 * required in HTTP/1.1), Cookie, Content-Type and If-None-Match (once
 * each), Content-Length (digits only; repeated with another value: 400),
 * Transfer-Encoding (only "chunked", else 501; with Content-Length or in
 * HTTP/1.0: 400, the request smuggling cases), Connection, Accept-Encoding
 * and Expect (only "100-continue", else 417). A POST with neither
 * Content-Length nor chunked is 411. Other fields are checked and ignored.
 *
 * Return: the head's length (> 0, the empty line included: the body
 * starts at @buf + that) once the head is complete; -EAGAIN if more bytes
 * are needed; -EINVAL if the request is refused, with @r->status and
 * @r->why set. Both the length and the error stick: later calls return
 * them again.
 */
int http_parse(struct http_req *r, const char *buf, size_t len);

/**
 * http_method_name() - "GET", "HEAD" or "POST" (for REQUEST_METHOD);
 * "" for anything else.
 */
const char *http_method_name(int method);

/**
 * http_status_text() - the reason phrase of @status ("Not Found"), for
 * the statuses netd answers; "Unknown" for the others. Never NULL.
 */
const char *http_status_text(int status);

/**
 * struct http_chunked - the state of a chunked body being decoded.
 * @status: after an error, the status to answer (400, 413 or 431)
 * @why:    after an error, a static message saying what was wrong
 * @total:  data bytes decoded so far
 *
 * The other members are private to http.c.
 */
struct http_chunked {
	int status;
	const char *why;
	uint64_t total;

	uint64_t max;
	uint32_t left;
	unsigned digits;
	unsigned line;
	unsigned trailer;
	int state;
};

/**
 * http_chunked_init() - get @c ready to decode one chunked body of at
 * most @max data bytes (usually the same limit as http_init()'s).
 */
void http_chunked_init(struct http_chunked *c, uint64_t max);

/**
 * http_chunked_feed() - decode the next bytes of a chunked body.
 * @c: the state, from http_chunked_init()
 * @in: the bytes received, following those already consumed
 * @len: how many
 * @out: where the data goes; may be @in itself (decoding in place: the
 *       output never overtakes the input)
 * @size: room in @out; when it is full the call stops early
 * @used: set to the bytes of @in consumed; the caller keeps the rest
 * @produced: set to the data bytes written to @out (never more than @used)
 *
 * Chunk sizes are 1 to 8 hex digits; a chunk that would take the body
 * over the limit is refused (413) before its data arrives. Chunk
 * extensions and trailer fields are accepted and ignored, but bounded:
 * HTTP_LINE_MAX bytes after a chunk size (else 400), HTTP_HEAD_MAX for
 * all the trailers (else 431). Lines end in CRLF or a bare LF; anything
 * else where a line must end is 400.
 *
 * Return: 1 once the body is complete (the bytes of @in after @used are
 * the next request's); 0 when all of @in was consumed, or @out is full;
 * -EINVAL on a bad body, with @c->status and @c->why set (sticky).
 */
int http_chunked_feed(struct http_chunked *c, const char *in, size_t len,
		      char *out, size_t size, size_t *used, size_t *produced);

/**
 * http_form_get() - one value of an application/x-www-form-urlencoded
 * string (a POST body or a query).
 * @s: the string, "name=value&name=value..."; any bytes
 * @len: its length
 * @name: the name looked for (compared with the decoded names)
 * @out: the decoded value, NUL-terminated
 * @n: the size of @out
 *
 * '+' stands for a space and %XX for a byte. The first pair with that
 * name wins; a pair without '=' has the empty value. The whole string is
 * checked first, so a malformed one is refused whatever name is asked.
 * Return: the value's length, -ENOENT if there is no such name, -EINVAL
 * if @s holds a bad escape, a NUL byte or a %00 anywhere, -ENOSPC if the
 * value does not fit in @out.
 */
int http_form_get(const char *s, size_t len, const char *name, char *out, size_t n);

#endif
