/* tls: netd's TLS 1.2 server side, over mbedTLS 2.28 (package mbedtls,
 * configured by firmware/package/mbedtls/tinyfw-config.h): the server's
 * certificate and key, a self-signed pair made on the device, and one
 * non-blocking connection per accepted socket, driven by netd's epoll loop.
 *
 * What the library offers: ECDHE-ECDSA only (x25519, then secp256r1),
 * ChaCha20-Poly1305, AES-128-GCM and AES-256-GCM, in that order of
 * preference (the server chooses). Records of up to 4096 bytes each way on
 * the device (MBEDTLS_SSL_IN/OUT_CONTENT_LEN): a client record above that
 * ends the connection with -EPROTO (see the config for why and what it
 * means for uploads).
 *
 * Built only with NETD_TLS=1 (-DNETD_TLS=1, mbedTLS's headers and
 * -lmbedtls -lmbedx509 -lmbedcrypto); with NETD_TLS=0 (the default) the
 * structs keep only their public fields and every function fails with
 * -EOPNOTSUPP, so netd and its host tests build and link without it. */
#ifndef NETD_TLS_H
#define NETD_TLS_H

#include <stddef.h>
#include <sys/types.h>

#include "sys.h"

#ifndef NETD_TLS
#define NETD_TLS 0
#endif

#if NETD_TLS
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#endif

#define TLS_PEM_MAX 8192	/* the largest certificate chain or key file read */
#define TLS_IPS_MAX 8		/* addresses in a self-signed certificate */
#define TLS_NAME_MAX 64		/* a self-signed certificate's host name */
#define TLS_VALID_YEARS 10

/* What a call that returned -EAGAIN waits for (struct tls_conn.want). */
enum tls_want {
	TLS_WANT_READ = 1,
	TLS_WANT_WRITE = 2,
};

/**
 * struct tls_server - what every connection shares: the configuration,
 * the random generator, our certificate chain and key. Set up with
 * tls_server_init(); it must outlive its connections and stay in place.
 * @why: after a failed tls_server_init(), what was wrong (static text)
 * @tls_err: and mbedTLS's error code when there is one (log it as
 *           "-0x%04x", -tls_err), else 0
 */
struct tls_server {
	const char *why;
	int tls_err;
#if NETD_TLS
	const struct sys_ops *sys;	/* private, as is the rest */
	mbedtls_ssl_config conf;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_x509_crt chain;
	mbedtls_pk_context key;
#endif
};

/**
 * struct tls_conn - one TLS connection over a connected, non-blocking
 * stream socket. Set up with tls_conn_init(); it must not move in memory
 * until tls_conn_free() (mbedTLS keeps a pointer to it).
 * @fd: the socket (the caller's: tls_conn_free() does not close it)
 * @want: after a call returned -EAGAIN: TLS_WANT_READ (wait for EPOLLIN)
 *        or TLS_WANT_WRITE (wait for EPOLLOUT), then call it again. Either
 *        may come from any call: a read may have to write and the reverse.
 * @tls_err: mbedTLS's code for the last error (negative), else 0: for
 *        the log ("-0x%04x", -tls_err)
 */
struct tls_conn {
	int fd;
	int want;
	int tls_err;
#if NETD_TLS
	int io_err;		/* private: errno of a failed send/recv */
	size_t wpending;	/* private: bytes of ours in a half-sent record */
	int notify_sent;	/* private */
	mbedtls_ssl_context ssl;
#endif
};

/**
 * tls_server_init() - load the certificate chain (PEM, ours first, then
 * any intermediates) and its private key (PEM, unencrypted, ECDSA), check
 * that they match, seed the random generator from @sys->getrandom and
 * set up the TLS configuration.
 * @srv: the server, uninitialised
 * @sys: the OS primitives (files, getrandom); kept, must outlive @srv
 * @cert_path, @key_path: the files (at most TLS_PEM_MAX bytes each)
 *
 * On failure nothing is left to free, and @srv->why says what was wrong.
 * Return: 0; -ENOENT (or another open/read error) for a missing file;
 * -EFBIG if a file is too large; -EINVAL if a file holds no certificate or
 * key we can use or the key is not the certificate's; -EIO if the random
 * source failed; -ENOMEM.
 */
int tls_server_init(struct tls_server *srv, const struct sys_ops *sys,
		    const char *cert_path, const char *key_path);

/** tls_server_free() - free @srv (after every connection using it). */
void tls_server_free(struct tls_server *srv);

/**
 * tls_make_self_signed() - make a new ECDSA P-256 key and a self-signed
 * certificate for it: subject CN=@hostname, subjectAltName DNS:@hostname
 * and IP:@ips[i] each, a random 128-bit serial, SHA-256 signature, valid
 * for TLS_VALID_YEARS years from now (from 2026-01-01 when the clock is
 * earlier than that: a device without a real-time clock that has not set
 * its time yet), key usage digitalSignature, extended key usage
 * serverAuth, basic constraints CA:FALSE.
 * @sys: the OS primitives (getrandom, the atomic file writes)
 * @cert_path: written with mode 0644
 * @key_path: written with mode 0600, before the certificate
 * @hostname: letters, digits, '-' and '.', 1 to TLS_NAME_MAX bytes
 * @ips: IPv4 or IPv6 addresses as text (e.g. "192.168.1.10", "fe80::1")
 * @nips: how many (0 to TLS_IPS_MAX)
 *
 * Each file is replaced atomically (sys_save_file(): PATH.tmp, fsync,
 * rename, fsync of the directory). A power cut between the two may leave
 * the new key with the old certificate: tls_server_init() then fails with
 * -EINVAL, and the caller makes a new pair.
 * Return: 0; -EINVAL for a bad name or address; -EIO if the random source
 * failed; -ENOMEM; or the -errno of a failed write.
 */
int tls_make_self_signed(const struct sys_ops *sys, const char *cert_path,
			 const char *key_path, const char *hostname,
			 const char *const ips[], int nips);

/**
 * tls_conn_init() - start a server-side connection on @fd (connected,
 * non-blocking; reads and writes with recv(2)/send(2), MSG_NOSIGNAL).
 * Heap on the device (32-bit, measured): 9.0 KB per connection (9.9 KB
 * with AES-GCM), mostly the two record buffers; 11.6 KB at the peak of the
 * handshake. The server: its struct (776 bytes) and 1 KB of heap.
 * Return: 0 or -ENOMEM.
 */
int tls_conn_init(struct tls_conn *c, struct tls_server *srv, int fd);

/**
 * tls_conn_handshake() - advance the handshake as far as the socket
 * allows. Call it again on -EAGAIN, once @c->want allows. (Reads and
 * writes also finish the handshake first, so calling them is enough.)
 * netd should bound the handshake with a timer: a client may stall it.
 * Return: 0 once done; -EAGAIN; -EPROTO (the client's TLS is not ours,
 * @c->tls_err says why); -ECONNRESET (the client went away); another
 * -errno of send/recv; -ENOMEM.
 */
int tls_conn_handshake(struct tls_conn *c);

/**
 * tls_conn_read() - read decrypted application data.
 * @len: the room in @buf (> 0: @len 0 is -EINVAL)
 *
 * Data already decrypted is returned without reading the socket, and a
 * record may hold more than one read takes: keep reading until -EAGAIN,
 * or ask tls_conn_pending(), before waiting for EPOLLIN again.
 * Return: bytes read (> 0); 0 once the client sent close_notify (the end
 * of its data: answer with tls_conn_close_notify() and close); -EAGAIN;
 * -ECONNRESET if the connection ended without close_notify; -EPROTO
 * (a bad or too large record); another -errno of send/recv.
 */
ssize_t tls_conn_read(struct tls_conn *c, void *buf, size_t len);

/**
 * tls_conn_pending() - does decrypted data wait inside @c (so that
 * tls_conn_read() returns data without the socket becoming readable)?
 * Return: 1 or 0.
 */
int tls_conn_pending(const struct tls_conn *c);

/**
 * tls_conn_write() - encrypt and send application data: at most one
 * record (4096 bytes on the device), so the count may be less than @len.
 * After -EAGAIN the data may already sit encrypted inside @c: call again,
 * once @c->want allows, with the same @buf and @len (a longer @len over
 * the same first bytes is fine); that call reports how many were sent.
 * Return: bytes taken (> 0; 0 only for @len 0); -EAGAIN; -EPIPE or
 * -ECONNRESET if the client went away; -EPROTO; another -errno.
 */
ssize_t tls_conn_write(struct tls_conn *c, const void *buf, size_t len);

/**
 * tls_conn_close_notify() - send our close_notify alert (after any record
 * still half sent), before closing the socket. Call again on -EAGAIN. The
 * socket may be closed without waiting for the client's own alert.
 * Return: 0 once sent; -EAGAIN; another -errno.
 */
int tls_conn_close_notify(struct tls_conn *c);

/**
 * tls_conn_free() - free what tls_conn_init() allocated (keys are wiped).
 * Does not close @c->fd.
 */
void tls_conn_free(struct tls_conn *c);

#endif
