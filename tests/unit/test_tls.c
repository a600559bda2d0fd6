/* Unit tests for netd/tls.c: the self-signed pair (files, modes, what the
 * certificate says), loading it, and whole connections over a socketpair
 * between a tls_conn server and an mbedTLS client in this process, both
 * non-blocking, stepped in turn. Built with -DNETD_TLS=1 against Debian's
 * libmbedtls-dev (the same 2.28 API; its default configuration). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <mbedtls/oid.h>
#include <mbedtls/pk.h>

#include "tls.h"

#define NAME "kitchen"
#define STEPS_MAX 1000

static const char *const test_ips[] = { "192.168.1.10", "10.0.0.1", "fe80::1" };

struct fx {
	char dir[64], cert[96], key[96];
	struct tls_server srv;
	int srv_up;
	/* one connection: sv[0] is the server's socket, sv[1] the client's */
	int sv[2];
	struct tls_conn sc;
	int sc_up;
	mbedtls_ssl_config ccfg;
	mbedtls_ssl_context cli;
	mbedtls_ctr_drbg_context cdrbg;
	mbedtls_x509_crt ca;
	/* parsed back by the tests (freed by teardown, even after a failure) */
	mbedtls_x509_crt crt;
	mbedtls_pk_context pk;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	umask(022);
	strcpy(f->dir, "/tmp/test_tls.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->cert, sizeof(f->cert), "%s/cert.pem", f->dir);
	snprintf(f->key, sizeof(f->key), "%s/key.pem", f->dir);
	f->sv[0] = f->sv[1] = -1;
	mbedtls_ssl_config_init(&f->ccfg);
	mbedtls_ssl_init(&f->cli);
	mbedtls_ctr_drbg_init(&f->cdrbg);
	mbedtls_x509_crt_init(&f->ca);
	mbedtls_x509_crt_init(&f->crt);
	mbedtls_pk_init(&f->pk);
	*state = f;
	return 0;
}

static void rm(const char *dir, const char *name)
{
	char p[128];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	unlink(p);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f->sc_up) {
		tls_conn_free(&f->sc);
	}
	if (f->srv_up) {
		tls_server_free(&f->srv);
	}
	mbedtls_ssl_free(&f->cli);
	mbedtls_ssl_config_free(&f->ccfg);
	mbedtls_ctr_drbg_free(&f->cdrbg);
	mbedtls_x509_crt_free(&f->ca);
	mbedtls_x509_crt_free(&f->crt);
	mbedtls_pk_free(&f->pk);
	for (int i = 0; i < 2; i++) {
		if (f->sv[i] >= 0) {
			close(f->sv[i]);
		}
	}
	rm(f->dir, "cert.pem");
	rm(f->dir, "key.pem");
	rm(f->dir, "other.pem");
	rm(f->dir, "otherkey.pem");
	rm(f->dir, "junk.pem");
	rmdir(f->dir);
	free(f);
	return 0;
}

static void make_pair(struct fx *f)
{
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, NAME, test_ips, 3), 0);
}

static void server_up(struct fx *f)
{
	make_pair(f);
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, f->cert, f->key), 0);
	f->srv_up = 1;
}

/* ---- the self-signed pair ---- */

static int has_san(const mbedtls_x509_crt *crt, int type, const void *val, size_t len)
{
	const mbedtls_x509_sequence *s;

	for (s = &crt->subject_alt_names; s && s->buf.p; s = s->next) {
		if (s->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | type) && s->buf.len == len &&
		    memcmp(s->buf.p, val, len) == 0) {
			return 1;
		}
	}
	return 0;
}

static int san_count(const mbedtls_x509_crt *crt)
{
	const mbedtls_x509_sequence *s;
	int n = 0;

	for (s = &crt->subject_alt_names; s && s->buf.p; s = s->next) {
		n++;
	}
	return n;
}

static void test_self_signed(void **state)
{
	static const unsigned char ip4a[] = { 192, 168, 1, 10 }, ip4b[] = { 10, 0, 0, 1 },
		ip6[] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct fx *f = *state;
	mbedtls_x509_crt *crt = &f->crt;
	struct stat st;
	char tmp[128], cn[128];
	time_t now = time(NULL);
	struct tm tm;

	make_pair(f);
	assert_int_equal(stat(f->key, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(stat(f->cert, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	snprintf(tmp, sizeof(tmp), "%s.tmp", f->key);
	assert_int_equal(access(tmp, F_OK), -1);
	snprintf(tmp, sizeof(tmp), "%s.tmp", f->cert);
	assert_int_equal(access(tmp, F_OK), -1);

	assert_int_equal(mbedtls_x509_crt_parse_file(crt, f->cert), 0);
	assert_null(crt->next);
	assert_int_equal(crt->version, 3);
	assert_true(mbedtls_x509_dn_gets(cn, sizeof(cn), &crt->subject) > 0);
	assert_string_equal(cn, "CN=" NAME);
	assert_true(mbedtls_x509_dn_gets(cn, sizeof(cn), &crt->issuer) > 0);
	assert_string_equal(cn, "CN=" NAME);
	/* subjectAltName: the name and every address, nothing else */
	assert_int_equal(san_count(crt), 4);
	assert_true(has_san(crt, 2, NAME, strlen(NAME)));
	assert_true(has_san(crt, 7, ip4a, sizeof(ip4a)));
	assert_true(has_san(crt, 7, ip4b, sizeof(ip4b)));
	assert_true(has_san(crt, 7, ip6, sizeof(ip6)));
	/* ECDSA P-256, SHA-256, a positive 16-byte serial */
	assert_int_equal(mbedtls_pk_get_type(&crt->pk), MBEDTLS_PK_ECKEY);
	assert_int_equal(mbedtls_pk_ec(crt->pk)->grp.id, MBEDTLS_ECP_DP_SECP256R1);
	assert_int_equal(crt->sig_pk, MBEDTLS_PK_ECDSA);
	assert_int_equal(crt->sig_md, MBEDTLS_MD_SHA256);
	assert_int_equal(crt->serial.len, 16);
	assert_int_equal(crt->serial.p[0] & 0x80, 0);
	/* a leaf for TLS servers */
	assert_int_equal(crt->ca_istrue, 0);
	assert_int_equal(crt->key_usage, MBEDTLS_X509_KU_DIGITAL_SIGNATURE);
	assert_int_equal(mbedtls_x509_crt_check_extended_key_usage(crt, MBEDTLS_OID_SERVER_AUTH,
		MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)), 0);
	assert_int_equal(mbedtls_x509_crt_check_key_usage(crt, MBEDTLS_X509_KU_DIGITAL_SIGNATURE), 0);
	/* valid from now (this host's clock is set) for ten years */
	gmtime_r(&now, &tm);
	assert_int_equal(crt->valid_from.year, tm.tm_year + 1900);
	assert_int_equal(crt->valid_to.year, tm.tm_year + 1900 + TLS_VALID_YEARS);
	assert_int_equal(crt->valid_from.mon, crt->valid_to.mon);
	assert_false(mbedtls_x509_time_is_future(&crt->valid_from));
	assert_true(mbedtls_x509_time_is_future(&crt->valid_to));

	/* the key parses back and is the certificate's */
	assert_int_equal(mbedtls_pk_parse_keyfile(&f->pk, f->key, NULL), 0);
	assert_int_equal(mbedtls_pk_check_pair(&crt->pk, &f->pk), 0);
}

static void test_self_signed_new_each_time(void **state)
{
	struct fx *f = *state;
	mbedtls_x509_crt *a = &f->ca, *b = &f->crt;

	make_pair(f);
	assert_int_equal(mbedtls_x509_crt_parse_file(a, f->cert), 0);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, "a-b.c", NULL, 0), 0);
	assert_int_equal(mbedtls_x509_crt_parse_file(b, f->cert), 0);
	assert_int_equal(san_count(b), 1);
	assert_true(has_san(b, 2, "a-b.c", 5));
	assert_int_not_equal(memcmp(a->serial.p, b->serial.p, a->serial.len), 0);
	assert_int_not_equal(mbedtls_pk_check_pair(&b->pk, &a->pk), 0);
}

static void test_self_signed_errors(void **state)
{
	static const char *const bad_ip[] = { "192.168.1.300" };
	static const char *const nine[] = { "1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4",
					    "1.1.1.5", "1.1.1.6", "1.1.1.7", "1.1.1.8", "1.1.1.9" };
	struct fx *f = *state;
	char nokey[128], long_name[TLS_NAME_MAX + 2];

	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, "", NULL, 0), -EINVAL);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, "a b", NULL, 0), -EINVAL);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, "a,CN=b", NULL, 0),
			 -EINVAL);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, "-a", NULL, 0), -EINVAL);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, long_name, NULL, 0),
			 -EINVAL);
	long_name[TLS_NAME_MAX] = '\0';
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, long_name, NULL, 0), 0);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, NAME, bad_ip, 1), -EINVAL);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, NAME, nine, 9), -EINVAL);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, f->key, NAME, nine, 8), 0);
	/* an unwritable place: nothing is left behind */
	snprintf(nokey, sizeof(nokey), "%s/none/key.pem", f->dir);
	assert_int_equal(tls_make_self_signed(&sys_linux, f->cert, nokey, NAME, NULL, 0), -ENOENT);
}

/* ---- loading ---- */

static int fail_random(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	return -EIO;
}

static void write_file(const char *path, const char *s, size_t len)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, len, fp), len);
	fclose(fp);
}

static void test_server_init_errors(void **state)
{
	struct fx *f = *state;
	struct sys_ops norandom = sys_linux;
	char other[128], otherkey[128], junk[128], *big;

	snprintf(other, sizeof(other), "%s/other.pem", f->dir);
	snprintf(otherkey, sizeof(otherkey), "%s/otherkey.pem", f->dir);
	snprintf(junk, sizeof(junk), "%s/junk.pem", f->dir);

	assert_int_equal(tls_server_init(&f->srv, &sys_linux, f->cert, f->key), -ENOENT);
	assert_non_null(strstr(f->srv.why, "certificate"));
	make_pair(f);
	assert_int_equal(tls_make_self_signed(&sys_linux, other, otherkey, NAME, NULL, 0), 0);

	/* a key that is not the certificate's (a power cut between the two writes) */
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, f->cert, otherkey), -EINVAL);
	assert_non_null(strstr(f->srv.why, "does not match"));
	assert_int_not_equal(f->srv.tls_err, 0);

	/* not PEM, empty, a key for a certificate, too large */
	write_file(junk, "hello\n", 6);
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, junk, f->key), -EINVAL);
	assert_non_null(strstr(f->srv.why, "certificate"));
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, f->cert, junk), -EINVAL);
	assert_non_null(strstr(f->srv.why, "key"));
	write_file(junk, "", 0);
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, junk, f->key), -EINVAL);
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, f->key, f->key), -EINVAL);
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, f->cert, f->cert), -EINVAL);
	big = malloc(TLS_PEM_MAX + 10);
	memset(big, '\n', TLS_PEM_MAX + 10);
	write_file(junk, big, TLS_PEM_MAX + 10);
	free(big);
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, junk, f->key), -EFBIG);
	assert_int_equal(tls_server_init(&f->srv, &sys_linux, f->cert, f->key), 0);
	tls_server_free(&f->srv);

	/* no entropy */
	norandom.getrandom = fail_random;
	assert_int_equal(tls_server_init(&f->srv, &norandom, f->cert, f->key), -EIO);
	assert_non_null(strstr(f->srv.why, "random"));
	assert_int_equal(tls_make_self_signed(&norandom, f->cert, f->key, NAME, NULL, 0), -EIO);
}

/* ---- connections ---- */

static int cli_send(void *ctx, const unsigned char *buf, size_t len)
{
	ssize_t n = send(*(int *)ctx, buf, len, MSG_NOSIGNAL);

	if (n < 0) {
		return errno == EAGAIN ? MBEDTLS_ERR_SSL_WANT_WRITE : MBEDTLS_ERR_SSL_INTERNAL_ERROR;
	}
	return (int)n;
}

static int cli_recv(void *ctx, unsigned char *buf, size_t len)
{
	ssize_t n = recv(*(int *)ctx, buf, len, 0);

	if (n < 0) {
		return errno == EAGAIN ? MBEDTLS_ERR_SSL_WANT_READ : MBEDTLS_ERR_SSL_INTERNAL_ERROR;
	}
	return (int)n;
}

static int cli_entropy(void *p, unsigned char *out, size_t len)
{
	(void)p;
	return getrandom(out, len, 0) == (ssize_t)len ? 0 : -1;
}

/* A connected pair: tls_conn on sv[0], an mbedTLS client on sv[1] that
 * trusts our certificate and checks the name. @sndbuf: 0 or a small
 * send buffer for both ends, so that writes stop half-way. */
static void connect_pair(struct fx *f, int sndbuf)
{
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, f->sv), 0);
	if (sndbuf) {
		for (int i = 0; i < 2; i++) {
			assert_int_equal(setsockopt(f->sv[i], SOL_SOCKET, SO_SNDBUF, &sndbuf,
						    sizeof(sndbuf)), 0);
		}
	}
	assert_int_equal(tls_conn_init(&f->sc, &f->srv, f->sv[0]), 0);
	f->sc_up = 1;

	assert_int_equal(mbedtls_ctr_drbg_seed(&f->cdrbg, cli_entropy, NULL, NULL, 0), 0);
	assert_int_equal(mbedtls_x509_crt_parse_file(&f->ca, f->cert), 0);
	assert_int_equal(mbedtls_ssl_config_defaults(&f->ccfg, MBEDTLS_SSL_IS_CLIENT,
		MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT), 0);
	mbedtls_ssl_conf_authmode(&f->ccfg, MBEDTLS_SSL_VERIFY_REQUIRED);
	mbedtls_ssl_conf_ca_chain(&f->ccfg, &f->ca, NULL);
	mbedtls_ssl_conf_rng(&f->ccfg, mbedtls_ctr_drbg_random, &f->cdrbg);
	assert_int_equal(mbedtls_ssl_setup(&f->cli, &f->ccfg), 0);
	assert_int_equal(mbedtls_ssl_set_hostname(&f->cli, NAME), 0);
	mbedtls_ssl_set_bio(&f->cli, &f->sv[1], cli_send, cli_recv, NULL);
}

static void handshake(struct fx *f)
{
	int cdone = 0, sdone = 0, i, r;

	for (i = 0; i < STEPS_MAX && !(cdone && sdone); i++) {
		if (!cdone) {
			r = mbedtls_ssl_handshake(&f->cli);
			if (r == 0) {
				cdone = 1;
			} else if (r != MBEDTLS_ERR_SSL_WANT_READ && r != MBEDTLS_ERR_SSL_WANT_WRITE) {
				fail_msg("client handshake: -0x%04x", (unsigned)-r);
			}
		}
		if (!sdone) {
			r = tls_conn_handshake(&f->sc);
			if (r == 0) {
				sdone = 1;
			} else if (r == -EAGAIN) {
				assert_true(f->sc.want == TLS_WANT_READ || f->sc.want == TLS_WANT_WRITE);
			} else {
				fail_msg("server handshake: %d (-0x%04x)", r, (unsigned)-f->sc.tls_err);
			}
		}
	}
	assert_true(cdone && sdone);
	assert_int_equal(mbedtls_ssl_get_verify_result(&f->cli), 0);
	/* our first choice of suite */
	assert_string_equal(mbedtls_ssl_get_ciphersuite(&f->cli),
			    "TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256");
	assert_string_equal(mbedtls_ssl_get_version(&f->cli), "TLSv1.2");
}

/* Client to server: @len bytes of @src, read back into @dst by the server. */
static void client_to_server(struct fx *f, const unsigned char *src, unsigned char *dst, size_t len)
{
	size_t sent = 0, got = 0;
	int i, r;
	ssize_t n;

	for (i = 0; i < STEPS_MAX * 10 && got < len; i++) {
		if (sent < len) {
			r = mbedtls_ssl_write(&f->cli, src + sent, len - sent);
			if (r > 0) {
				sent += (size_t)r;
			} else {
				assert_true(r == MBEDTLS_ERR_SSL_WANT_WRITE || r == MBEDTLS_ERR_SSL_WANT_READ);
			}
		}
		while (got < len && (n = tls_conn_read(&f->sc, dst + got, len - got)) > 0) {
			got += (size_t)n;
		}
		if (got < len) {
			assert_int_equal(n, -EAGAIN);
			assert_int_equal(f->sc.want, TLS_WANT_READ);
		}
	}
	assert_int_equal(got, len);
	assert_memory_equal(src, dst, len);
}

/* Server to client, the way netd will: after -EAGAIN, the same call again.
 * Return: how many writes ended in -EAGAIN with a record half sent. */
static int server_to_client(struct fx *f, const unsigned char *src, unsigned char *dst, size_t len)
{
	size_t sent = 0, got = 0;
	int i, r, blocked = 0;
	ssize_t n;

	for (i = 0; i < STEPS_MAX * 10 && got < len; i++) {
		/* write until the socket is full */
		while (sent < len && (n = tls_conn_write(&f->sc, src + sent, len - sent)) > 0) {
			assert_true((size_t)n <= len - sent);
			sent += (size_t)n;
		}
		if (sent < len) {
			assert_int_equal(n, -EAGAIN);
			assert_int_equal(f->sc.want, TLS_WANT_WRITE);
			blocked += f->sc.wpending > 0;
		}
		while (got < len && (r = mbedtls_ssl_read(&f->cli, dst + got, len - got)) > 0) {
			got += (size_t)r;
		}
		if (got < len) {
			assert_int_equal(r, MBEDTLS_ERR_SSL_WANT_READ);
		}
	}
	assert_int_equal(got, len);
	assert_memory_equal(src, dst, len);
	return blocked;
}

static void test_echo(void **state)
{
	struct fx *f = *state;
	unsigned char buf[64];
	int r;

	server_up(f);
	connect_pair(f, 0);
	handshake(f);
	client_to_server(f, (const unsigned char *)"hello", buf, 5);
	server_to_client(f, buf, buf + 32, 5);
	assert_memory_equal(buf + 32, "hello", 5);

	/* the server's close_notify ends the client's reading */
	assert_int_equal(tls_conn_close_notify(&f->sc), 0);
	assert_int_equal(tls_conn_close_notify(&f->sc), 0);
	r = mbedtls_ssl_read(&f->cli, buf, sizeof(buf));
	assert_int_equal(r, MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY);
	/* and the client's ends the server's: 0, like read(2) */
	assert_int_equal(mbedtls_ssl_close_notify(&f->cli), 0);
	assert_int_equal(tls_conn_read(&f->sc, buf, sizeof(buf)), 0);
}

static void test_partial_reads(void **state)
{
	struct fx *f = *state;
	unsigned char src[1000], dst[1000];
	size_t got = 0;
	ssize_t n;

	for (size_t i = 0; i < sizeof(src); i++) {
		src[i] = (unsigned char)(i * 7);
	}
	server_up(f);
	connect_pair(f, 0);
	handshake(f);
	assert_int_equal(tls_conn_pending(&f->sc), 0);
	assert_int_equal(tls_conn_read(&f->sc, dst, 0), -EINVAL);
	assert_int_equal(tls_conn_write(&f->sc, src, 0), 0);
	assert_int_equal(mbedtls_ssl_write(&f->cli, src, sizeof(src)), (int)sizeof(src));
	/* one record, read in small pieces: the rest waits decrypted inside,
	 * with nothing left on the socket */
	n = tls_conn_read(&f->sc, dst, 10);
	assert_int_equal(n, 10);
	got = 10;
	assert_int_equal(tls_conn_pending(&f->sc), 1);
	while (got < sizeof(dst)) {
		n = tls_conn_read(&f->sc, dst + got, 100);
		assert_true(n > 0);
		got += (size_t)n;
	}
	assert_int_equal(tls_conn_pending(&f->sc), 0);
	assert_int_equal(tls_conn_read(&f->sc, dst, 10), -EAGAIN);
	assert_int_equal(f->sc.want, TLS_WANT_READ);
	assert_memory_equal(src, dst, sizeof(src));
}

/* Large transfers through small socket buffers: writes stop half-way
 * through records and resume. */
static void test_bulk(void **state)
{
	struct fx *f = *state;
	size_t len = 200000;
	unsigned char *src = malloc(len), *mid = malloc(len), *dst = malloc(len);

	for (size_t i = 0; i < len; i++) {
		src[i] = (unsigned char)(i ^ (i >> 8));
	}
	server_up(f);
	connect_pair(f, 4096);
	handshake(f);
	client_to_server(f, src, mid, len);
	assert_true(server_to_client(f, mid, dst, len) > 0);
	free(src);
	free(mid);
	free(dst);
}

/* A half-sent record, then close_notify: the record goes out first, the
 * alert after it. */
static void test_close_after_blocked_write(void **state)
{
	struct fx *f = *state;
	size_t len = 100000, sent = 0, got = 0;
	unsigned char *src = calloc(1, len), *dst = calloc(1, len);
	int r, i;
	ssize_t n;

	server_up(f);
	connect_pair(f, 4096);
	handshake(f);
	while ((n = tls_conn_write(&f->sc, src + sent, len - sent)) > 0) {
		sent += (size_t)n;
	}
	assert_int_equal(n, -EAGAIN);
	for (i = 0; i < STEPS_MAX && (r = tls_conn_close_notify(&f->sc)) == -EAGAIN; i++) {
		assert_int_equal(f->sc.want, TLS_WANT_WRITE);
		while ((r = mbedtls_ssl_read(&f->cli, dst + got, len - got)) > 0) {
			got += (size_t)r;
		}
	}
	assert_int_equal(tls_conn_close_notify(&f->sc), 0);
	while ((r = mbedtls_ssl_read(&f->cli, dst + got, len - got)) > 0) {
		got += (size_t)r;
	}
	assert_int_equal(r, MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY);
	/* everything sent before the alert arrived, plus the record that was
	 * half-way when close_notify came */
	assert_true(got >= sent);
	free(src);
	free(dst);
}

static void test_peer_gone(void **state)
{
	struct fx *f = *state;
	unsigned char buf[16];

	server_up(f);
	connect_pair(f, 0);
	handshake(f);
	close(f->sv[1]);
	f->sv[1] = -1;
	assert_int_equal(tls_conn_read(&f->sc, buf, sizeof(buf)), -ECONNRESET);
	assert_int_equal(tls_conn_write(&f->sc, "x", 1), -EPIPE);
}

static void test_not_tls(void **state)
{
	static const char req[] = "GET / HTTP/1.1\r\nHost: kitchen\r\n\r\n";
	struct fx *f = *state;
	int r;

	server_up(f);
	connect_pair(f, 0);
	assert_int_equal(send(f->sv[1], req, sizeof(req) - 1, 0), (ssize_t)sizeof(req) - 1);
	r = tls_conn_handshake(&f->sc);
	assert_int_equal(r, -EPROTO);
	assert_int_not_equal(f->sc.tls_err, 0);
}

static void test_client_gone_in_handshake(void **state)
{
	struct fx *f = *state;

	server_up(f);
	connect_pair(f, 0);
	assert_int_equal(tls_conn_handshake(&f->sc), -EAGAIN);
	assert_int_equal(f->sc.want, TLS_WANT_READ);
	assert_int_equal(mbedtls_ssl_handshake(&f->cli), MBEDTLS_ERR_SSL_WANT_READ);
	shutdown(f->sv[1], SHUT_WR);
	for (int i = 0; i < 4; i++) {
		int r = tls_conn_handshake(&f->sc);

		if (r != -EAGAIN) {
			assert_int_equal(r, -ECONNRESET);
			return;
		}
	}
	fail_msg("the server did not see the client go");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_self_signed),
		T(test_self_signed_new_each_time),
		T(test_self_signed_errors),
		T(test_server_init_errors),
		T(test_echo),
		T(test_partial_reads),
		T(test_bulk),
		T(test_close_after_blocked_write),
		T(test_peer_gone),
		T(test_not_tls),
		T(test_client_gone_in_handshake),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
