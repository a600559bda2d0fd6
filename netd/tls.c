/* tls: the server's key and certificate, self-signed pairs, non-blocking
 * connections over mbedTLS 2.28. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "tls.h"

#if NETD_TLS

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include <mbedtls/asn1write.h>
#include <mbedtls/net_sockets.h>	/* only for its error codes */
#include <mbedtls/oid.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/ssl_internal.h>	/* mbedtls_ssl_flush_output() */
#include <mbedtls/x509_crt.h>

/* The server picks: ChaCha20-Poly1305 first, as it is faster than AES
 * in software and has no table lookups that leak timing. */
static const int tls_suites[] = {
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	0
};

static const mbedtls_ecp_group_id tls_curves[] = {
	MBEDTLS_ECP_DP_CURVE25519,
	MBEDTLS_ECP_DP_SECP256R1,
	MBEDTLS_ECP_DP_NONE
};

static const int tls_hashes[] = {
	MBEDTLS_MD_SHA256,
	MBEDTLS_MD_SHA384,
	MBEDTLS_MD_NONE
};

static const char tls_pers[] = "tinyfw netd tls";

/* 2026-01-01T00:00:00Z: a clock before this has not been set. */
#define TLS_CLOCK_FLOOR 1767225600

/* The DRBG's entropy: @p is a pointer to the sys_ops pointer. */
static int tls_entropy(void *p, unsigned char *out, size_t len)
{
	const struct sys_ops *sys = *(const struct sys_ops **)p;

	return sys->getrandom(out, len) == 0 ? 0 : MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
}

static int tls_seed(mbedtls_ctr_drbg_context *drbg, const struct sys_ops **sys)
{
	int r = mbedtls_ctr_drbg_seed(drbg, tls_entropy, (void *)sys,
				      (const unsigned char *)tls_pers, sizeof(tls_pers) - 1);

	if (r == MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED) {
		return -EIO;
	}
	return r ? -ENOMEM : 0;
}

/* Read a PEM file into a new buffer, NUL included in *len (mbedTLS's PEM
 * parsers want the terminating NUL counted). */
static int tls_read_pem(const struct sys_ops *sys, const char *path, unsigned char **out,
			size_t *len)
{
	char *buf = malloc(TLS_PEM_MAX + 1);
	ssize_t n;

	if (!buf) {
		return -ENOMEM;
	}
	n = sys_read_file(sys, path, buf, TLS_PEM_MAX + 1);
	if (n < 0 || n == TLS_PEM_MAX) {
		free(buf);
		return n < 0 ? (int)n : -EFBIG;
	}
	*out = (unsigned char *)buf;
	*len = (size_t)n + 1;
	return 0;
}

static void tls_free_pem(unsigned char *buf, size_t len)
{
	mbedtls_platform_zeroize(buf, len);
	free(buf);
}

static int tls_fail(struct tls_server *srv, int rc, int tls_err, const char *why)
{
	tls_server_free(srv);
	srv->why = why;
	srv->tls_err = tls_err;
	return rc;
}

int tls_server_init(struct tls_server *srv, const struct sys_ops *sys,
		    const char *cert_path, const char *key_path)
{
	unsigned char *pem;
	size_t len;
	int rc, r;

	srv->sys = sys;
	srv->why = NULL;
	srv->tls_err = 0;
	mbedtls_ssl_config_init(&srv->conf);
	mbedtls_ctr_drbg_init(&srv->drbg);
	mbedtls_x509_crt_init(&srv->chain);
	mbedtls_pk_init(&srv->key);

	rc = tls_read_pem(sys, cert_path, &pem, &len);
	if (rc < 0) {
		return tls_fail(srv, rc, 0, "cannot read the certificate file");
	}
	r = mbedtls_x509_crt_parse(&srv->chain, pem, len);
	tls_free_pem(pem, len);
	if (r == MBEDTLS_ERR_X509_ALLOC_FAILED) {
		return tls_fail(srv, -ENOMEM, r, "out of memory");
	}
	if (r != 0) {	/* > 0: some certificates of the chain did not parse */
		return tls_fail(srv, -EINVAL, r < 0 ? r : 0,
				"the certificate file holds no valid PEM certificate chain");
	}

	rc = tls_read_pem(sys, key_path, &pem, &len);
	if (rc < 0) {
		return tls_fail(srv, rc, 0, "cannot read the key file");
	}
	r = mbedtls_pk_parse_key(&srv->key, pem, len, NULL, 0);
	tls_free_pem(pem, len);
	if (r == MBEDTLS_ERR_PK_ALLOC_FAILED) {
		return tls_fail(srv, -ENOMEM, r, "out of memory");
	}
	if (r != 0) {
		return tls_fail(srv, -EINVAL, r,
				"the key file holds no valid unencrypted PEM private key");
	}
	/* Our suites are ECDHE-ECDSA only: anything else would fail in the
	 * first handshake instead of here. */
	if (!mbedtls_pk_can_do(&srv->key, MBEDTLS_PK_ECDSA)) {
		return tls_fail(srv, -EINVAL, 0, "the key is not an ECDSA key");
	}
	r = mbedtls_pk_check_pair(&srv->chain.pk, &srv->key);
	if (r != 0) {
		return tls_fail(srv, -EINVAL, r, "the key does not match the certificate");
	}

	rc = tls_seed(&srv->drbg, &srv->sys);
	if (rc < 0) {
		return tls_fail(srv, rc, 0, "the random source failed");
	}
	r = mbedtls_ssl_config_defaults(&srv->conf, MBEDTLS_SSL_IS_SERVER,
					MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
	if (r != 0) {
		return tls_fail(srv, -ENOMEM, r, "cannot set up TLS");
	}
	mbedtls_ssl_conf_min_version(&srv->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
				     MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_max_version(&srv->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
				     MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_ciphersuites(&srv->conf, tls_suites);
	mbedtls_ssl_conf_curves(&srv->conf, tls_curves);
	mbedtls_ssl_conf_sig_hashes(&srv->conf, tls_hashes);
	mbedtls_ssl_conf_rng(&srv->conf, mbedtls_ctr_drbg_random, &srv->drbg);
	r = mbedtls_ssl_conf_own_cert(&srv->conf, &srv->chain, &srv->key);
	if (r != 0) {
		return tls_fail(srv, -ENOMEM, r, "out of memory");
	}
	return 0;
}

void tls_server_free(struct tls_server *srv)
{
	mbedtls_ssl_config_free(&srv->conf);
	mbedtls_ctr_drbg_free(&srv->drbg);
	mbedtls_x509_crt_free(&srv->chain);
	mbedtls_pk_free(&srv->key);
}

/* ---- the self-signed certificate ---- */

static int tls_name_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > TLS_NAME_MAX || s[0] == '.' || s[0] == '-') {
		return 0;
	}
	for (i = 0; i < n; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '.')) {
			return 0;
		}
	}
	return 1;
}

/* "YYYYMMDDhhmmss" for @t plus @years (29 February becomes the 28th). */
static void tls_validity_time(time_t t, int years, char out[15])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	tm.tm_year += years;
	if (years && tm.tm_mon == 1 && tm.tm_mday == 29) {
		tm.tm_mday = 28;
	}
	strftime(out, 15, "%Y%m%d%H%M%S", &tm);
}

/* One step of writing DER backwards: its length is added to @len; any
 * failure of the writers means the buffer is too small. */
#define DER(f)                                  \
	do {                                    \
		int r_ = (f);                   \
		if (r_ < 0) {                   \
			return -ENOSPC;         \
		}                               \
		len += (size_t)r_;              \
	} while (0)

/* [@tag] @data, as one element of a SEQUENCE. Return: its length or -ENOSPC. */
static int tls_der_tagged(unsigned char **p, unsigned char *buf, int tag,
			  const unsigned char *data, size_t n)
{
	size_t len = 0;

	DER(mbedtls_asn1_write_raw_buffer(p, buf, data, n));
	DER(mbedtls_asn1_write_len(p, buf, n));
	DER(mbedtls_asn1_write_tag(p, buf, (unsigned char)tag));
	return (int)len;
}

/*
 * mbedTLS 2.28 writes no subjectAltName itself. The DER, written
 * backwards as mbedtls_asn1_write_*() do:
 *   SEQUENCE { [2] IA5String dNSName, [7] OCTET STRING iPAddress... }
 * Return: its length (at the end of @buf), or -EINVAL / -ENOSPC.
 */
static int tls_san_der(unsigned char *buf, size_t size, const char *name,
		       const char *const ips[], int nips)
{
	unsigned char *p = buf + size, addr[16];
	size_t len = 0;
	int i, alen;

	for (i = nips - 1; i >= 0; i--) {
		if (inet_pton(AF_INET, ips[i], addr) == 1) {
			alen = 4;
		} else if (inet_pton(AF_INET6, ips[i], addr) == 1) {
			alen = 16;
		} else {
			return -EINVAL;
		}
		DER(tls_der_tagged(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7, addr,
				   (size_t)alen));
	}
	DER(tls_der_tagged(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2,
			   (const unsigned char *)name, strlen(name)));
	DER(mbedtls_asn1_write_len(&p, buf, len));
	DER(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
	return (int)len;
}

/* Nor extendedKeyUsage: SEQUENCE { id-kp-serverAuth } (macOS and iOS
 * want it on a server certificate). */
static int tls_eku_der(unsigned char *buf, size_t size)
{
	unsigned char *p = buf + size;
	size_t len = 0;

	DER(mbedtls_asn1_write_oid(&p, buf, MBEDTLS_OID_SERVER_AUTH,
				   MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)));
	DER(mbedtls_asn1_write_len(&p, buf, len));
	DER(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
	return (int)len;
}

/* mbedTLS errors while making the pair: allocation, else our own bug. */
static int tls_mk_err(int r)
{
	switch (r) {
	case MBEDTLS_ERR_ECP_ALLOC_FAILED:
	case MBEDTLS_ERR_MPI_ALLOC_FAILED:
	case MBEDTLS_ERR_ASN1_ALLOC_FAILED:
	case MBEDTLS_ERR_X509_ALLOC_FAILED:
	case MBEDTLS_ERR_PK_ALLOC_FAILED:
		return -ENOMEM;
	case MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED:
		return -EIO;
	default:
		return -EINVAL;
	}
}

#define TLS_CERT_PEM_MAX 2048	/* ~800 bytes with 8 IPv6 addresses */
#define TLS_KEY_PEM_MAX 512	/* 227 bytes for P-256 */

int tls_make_self_signed(const struct sys_ops *sys, const char *cert_path,
			 const char *key_path, const char *hostname,
			 const char *const ips[], int nips)
{
	unsigned char serial[16], san[TLS_NAME_MAX + 4 + TLS_IPS_MAX * 18 + 8], eku[16];
	unsigned char *certpem = NULL, *keypem = NULL;
	char subject[TLS_NAME_MAX + 4], from[15], to[15];
	mbedtls_x509write_cert crt;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_pk_context key;
	mbedtls_mpi sn;
	const char *step;
	time_t now = time(NULL);
	int rc, r, sanlen, ekulen;

	if (!tls_name_ok(hostname) || nips < 0 || nips > TLS_IPS_MAX || (nips && !ips)) {
		return -EINVAL;
	}
	sanlen = tls_san_der(san, sizeof(san), hostname, ips, nips);
	if (sanlen < 0) {
		return sanlen;
	}
	ekulen = tls_eku_der(eku, sizeof(eku));
	if (ekulen < 0) {
		return ekulen;
	}

	mbedtls_x509write_crt_init(&crt);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_pk_init(&key);
	mbedtls_mpi_init(&sn);
	certpem = calloc(1, TLS_CERT_PEM_MAX);
	keypem = calloc(1, TLS_KEY_PEM_MAX);
	if (!certpem || !keypem) {
		rc = -ENOMEM;
		goto out;
	}
	rc = tls_seed(&drbg, &sys);
	if (rc < 0) {
		goto out;
	}
	r = mbedtls_pk_setup(&key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
	if (r == 0) {
		r = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(key),
					mbedtls_ctr_drbg_random, &drbg);
	}
	/* A positive 16-byte serial (RFC 5280: positive, at most 20 bytes). */
	if (r == 0) {
		r = mbedtls_ctr_drbg_random(&drbg, serial, sizeof(serial));
	}
	if (r == 0) {
		serial[0] = (unsigned char)((serial[0] & 0x7f) | 0x40);
		r = mbedtls_mpi_read_binary(&sn, serial, sizeof(serial));
	}
	if (r != 0) {
		rc = tls_mk_err(r);
		goto out;
	}

	snprintf(subject, sizeof(subject), "CN=%s", hostname);
	if (now < TLS_CLOCK_FLOOR) {
		now = TLS_CLOCK_FLOOR;
	}
	tls_validity_time(now, 0, from);
	tls_validity_time(now, TLS_VALID_YEARS, to);
	mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&crt, &key);
	mbedtls_x509write_crt_set_issuer_key(&crt, &key);
	r = mbedtls_x509write_crt_set_serial(&crt, &sn);
	if (r == 0) {
		r = mbedtls_x509write_crt_set_subject_name(&crt, subject);
	}
	if (r == 0) {
		r = mbedtls_x509write_crt_set_issuer_name(&crt, subject);
	}
	if (r == 0) {
		r = mbedtls_x509write_crt_set_validity(&crt, from, to);
	}
	if (r == 0) {
		r = mbedtls_x509write_crt_set_basic_constraints(&crt, 0, -1);
	}
	if (r == 0) {
		r = mbedtls_x509write_crt_set_key_usage(&crt, MBEDTLS_X509_KU_DIGITAL_SIGNATURE);
	}
	if (r == 0) {
		r = mbedtls_x509write_crt_set_extension(
			&crt, MBEDTLS_OID_EXTENDED_KEY_USAGE,
			MBEDTLS_OID_SIZE(MBEDTLS_OID_EXTENDED_KEY_USAGE), 0,
			eku + sizeof(eku) - ekulen, (size_t)ekulen);
	}
	if (r == 0) {
		/* Not critical: the subject (CN) is not empty. */
		r = mbedtls_x509write_crt_set_extension(
			&crt, MBEDTLS_OID_SUBJECT_ALT_NAME,
			MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME), 0,
			san + sizeof(san) - sanlen, (size_t)sanlen);
	}
	if (r == 0) {
		r = mbedtls_x509write_crt_pem(&crt, certpem, TLS_CERT_PEM_MAX,
					      mbedtls_ctr_drbg_random, &drbg);
	}
	if (r == 0) {
		r = mbedtls_pk_write_key_pem(&key, keypem, TLS_KEY_PEM_MAX);
	}
	if (r != 0) {
		rc = tls_mk_err(r);
		goto out;
	}

	/* The key first: a cut before the certificate is written leaves a
	 * pair that tls_server_init() refuses, never a usable stale one. */
	rc = sys_save_file(sys, key_path, keypem, strlen((char *)keypem), 0600, &step);
	if (rc >= 0) {
		rc = sys_save_file(sys, cert_path, certpem, strlen((char *)certpem), 0644, &step);
	}
	rc = rc < 0 ? rc : 0;	/* 1: only the directory fsync failed; both are in place */
out:
	if (keypem) {
		mbedtls_platform_zeroize(keypem, TLS_KEY_PEM_MAX);
	}
	free(keypem);
	free(certpem);
	mbedtls_mpi_free(&sn);
	mbedtls_pk_free(&key);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_x509write_crt_free(&crt);
	return rc;
}

/* ---- connections ---- */

static int tls_send(void *ctx, const unsigned char *buf, size_t len)
{
	struct tls_conn *c = ctx;
	ssize_t n;

	do {
		n = send(c->fd, buf, len, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	if (n >= 0) {
		return (int)n;
	}
	if (errno == EAGAIN || errno == EWOULDBLOCK) {
		return MBEDTLS_ERR_SSL_WANT_WRITE;
	}
	c->io_err = errno;
	return MBEDTLS_ERR_NET_SEND_FAILED;
}

static int tls_recv(void *ctx, unsigned char *buf, size_t len)
{
	struct tls_conn *c = ctx;
	ssize_t n;

	do {
		n = recv(c->fd, buf, len, 0);
	} while (n < 0 && errno == EINTR);
	if (n >= 0) {
		return (int)n;	/* 0: mbedTLS reports the end of the stream */
	}
	if (errno == EAGAIN || errno == EWOULDBLOCK) {
		return MBEDTLS_ERR_SSL_WANT_READ;
	}
	c->io_err = errno;
	return MBEDTLS_ERR_NET_RECV_FAILED;
}

/* An mbedTLS result (< 0) as -errno, with @c->want set for -EAGAIN. */
static int tls_result(struct tls_conn *c, int r)
{
	c->want = 0;
	if (r == MBEDTLS_ERR_SSL_WANT_READ) {
		c->want = TLS_WANT_READ;
		return -EAGAIN;
	}
	if (r == MBEDTLS_ERR_SSL_WANT_WRITE) {
		c->want = TLS_WANT_WRITE;
		return -EAGAIN;
	}
	c->tls_err = r;
	if (c->io_err) {
		return -c->io_err;
	}
	switch (r) {
	case MBEDTLS_ERR_SSL_CONN_EOF:
	case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
		return -ECONNRESET;
	case MBEDTLS_ERR_SSL_ALLOC_FAILED:
		return -ENOMEM;
	default:
		return -EPROTO;
	}
}

int tls_conn_init(struct tls_conn *c, struct tls_server *srv, int fd)
{
	c->fd = fd;
	c->want = 0;
	c->tls_err = 0;
	c->io_err = 0;
	c->wpending = 0;
	c->notify_sent = 0;
	mbedtls_ssl_init(&c->ssl);
	if (mbedtls_ssl_setup(&c->ssl, &srv->conf) != 0) {
		mbedtls_ssl_free(&c->ssl);
		return -ENOMEM;
	}
	mbedtls_ssl_set_bio(&c->ssl, c, tls_send, tls_recv, NULL);
	return 0;
}

int tls_conn_handshake(struct tls_conn *c)
{
	int r = mbedtls_ssl_handshake(&c->ssl);

	return r == 0 ? 0 : tls_result(c, r);
}

ssize_t tls_conn_read(struct tls_conn *c, void *buf, size_t len)
{
	int r;

	if (len == 0) {
		return -EINVAL;	/* 0 would read as the client's close_notify */
	}
	r = mbedtls_ssl_read(&c->ssl, buf, len);
	if (r > 0) {
		return r;
	}
	if (r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
		return 0;
	}
	/* 0: the stream ended without close_notify. */
	return tls_result(c, r == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : r);
}

int tls_conn_pending(const struct tls_conn *c)
{
	return mbedtls_ssl_check_pending(&c->ssl) != 0;
}

ssize_t tls_conn_write(struct tls_conn *c, const void *buf, size_t len)
{
	int handshake_over = c->ssl.state == MBEDTLS_SSL_HANDSHAKE_OVER;
	size_t n;
	int r;

	/* A record of ours went out in part: finish it, then report it.
	 * (mbedtls_ssl_write() would trust the caller's @len instead.) */
	if (c->wpending) {
		if (c->ssl.out_left) {
			r = mbedtls_ssl_flush_output(&c->ssl);
			if (r != 0) {
				return tls_result(c, r);
			}
		}
		n = c->wpending;
		c->wpending = 0;
		return (ssize_t)n;
	}
	if (len == 0) {
		return 0;	/* mbedTLS would send an empty record */
	}
	r = mbedtls_ssl_write(&c->ssl, buf, len);
	if (r >= 0) {
		return r;
	}
	if (r == MBEDTLS_ERR_SSL_WANT_WRITE && handshake_over && c->ssl.out_left) {
		/* Encrypted, not all sent: the data is ours now. */
		r = mbedtls_ssl_get_max_out_record_payload(&c->ssl);
		c->wpending = r > 0 && (size_t)r < len ? (size_t)r : len;
		r = MBEDTLS_ERR_SSL_WANT_WRITE;
	}
	return tls_result(c, r);
}

int tls_conn_close_notify(struct tls_conn *c)
{
	int r;

	/* mbedtls_ssl_close_notify() only flushes a half-sent record (and
	 * says done) when there is one: flush first, then send the alert. */
	if (c->ssl.out_left) {
		r = mbedtls_ssl_flush_output(&c->ssl);
		if (r != 0) {
			return tls_result(c, r);
		}
		c->wpending = 0;
	}
	if (!c->notify_sent) {
		c->notify_sent = 1;
		r = mbedtls_ssl_close_notify(&c->ssl);
		if (r != 0) {
			return tls_result(c, r);
		}
	}
	return 0;
}

void tls_conn_free(struct tls_conn *c)
{
	mbedtls_ssl_free(&c->ssl);
}

#else /* !NETD_TLS: netd without TLS */

int tls_server_init(struct tls_server *srv, const struct sys_ops *sys,
		    const char *cert_path, const char *key_path)
{
	(void)sys;
	(void)cert_path;
	(void)key_path;
	srv->why = "netd was built without TLS";
	srv->tls_err = 0;
	return -EOPNOTSUPP;
}

void tls_server_free(struct tls_server *srv)
{
	(void)srv;
}

int tls_make_self_signed(const struct sys_ops *sys, const char *cert_path,
			 const char *key_path, const char *hostname,
			 const char *const ips[], int nips)
{
	(void)sys;
	(void)cert_path;
	(void)key_path;
	(void)hostname;
	(void)ips;
	(void)nips;
	return -EOPNOTSUPP;
}

int tls_conn_init(struct tls_conn *c, struct tls_server *srv, int fd)
{
	(void)srv;
	c->fd = fd;
	c->want = 0;
	c->tls_err = 0;
	return -EOPNOTSUPP;
}

int tls_conn_handshake(struct tls_conn *c)
{
	(void)c;
	return -EOPNOTSUPP;
}

ssize_t tls_conn_read(struct tls_conn *c, void *buf, size_t len)
{
	(void)c;
	(void)buf;
	(void)len;
	return -EOPNOTSUPP;
}

int tls_conn_pending(const struct tls_conn *c)
{
	(void)c;
	return 0;
}

ssize_t tls_conn_write(struct tls_conn *c, const void *buf, size_t len)
{
	(void)c;
	(void)buf;
	(void)len;
	return -EOPNOTSUPP;
}

int tls_conn_close_notify(struct tls_conn *c)
{
	(void)c;
	return -EOPNOTSUPP;
}

void tls_conn_free(struct tls_conn *c)
{
	(void)c;
}

#endif
