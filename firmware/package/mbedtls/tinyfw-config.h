/*
 * tinyfw's mbedTLS 2.28 configuration: a TLS 1.2 server for netd's HTTPS
 * door, and what netd needs to make its own self-signed certificate.
 *
 * Installed as <mbedtls/config.h> (it replaces upstream's), so the library
 * and everything that includes its headers see the same options: the
 * layout of mbedtls_ssl_context depends on them.
 *
 * What is in: TLS 1.2, server side, ECDHE-ECDSA only; curves secp256r1
 * (certificates, ECDHE) and x25519 (ECDHE: the curve clients prefer, and
 * faster than P-256 in software); ChaCha20-Poly1305 (preferred: no table
 * lookups, quick without AES instructions), AES-128-GCM and AES-256-GCM;
 * SHA-256 and SHA-384 (SHA-384 is SHA512_C's code: the AES-256 suite and
 * clients' signature preferences need it); X.509 parsing and certificate
 * writing, PEM both ways; CTR_DRBG seeded by netd from getrandom(2).
 * What is out: TLS client, RSA, DHE, PSK, CBC, TLS 1.0/1.1, DTLS, session
 * tickets and cache, renegotiation, net_sockets (netd does its own I/O),
 * file helpers (netd reads the PEM files itself), threads, debug, error
 * strings (error codes are logged as hex), PSA, self tests.
 */
#ifndef MBEDTLS_CONFIG_H
#define MBEDTLS_CONFIG_H

/* System support */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME		/* time() in the hello random */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY		/* lets netd count or cap TLS's heap */

/* Size over speed where the difference is small */
#define MBEDTLS_AES_ROM_TABLES		/* tables in .rodata, not built in RAM */
#define MBEDTLS_AES_FEWER_TABLES	/* 2 KB of tables instead of 8 KB */
#define MBEDTLS_SHA256_SMALLER
#define MBEDTLS_SHA512_SMALLER

/* Key exchange, curves, ciphers */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM		/* fast P-256 reduction: a few hundred bytes */
/* Comb window 4, no fixed-point table: the group copies that hold it live
 * only for one handshake here, so it bought no time we could measure
 * (qemu-mipsel, against the defaults 6 and 1) and cost 0.8 KB of peak heap. */
#define MBEDTLS_ECP_WINDOW_SIZE 4
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#define MBEDTLS_MPI_MAX_SIZE 48		/* bytes: P-256 and x25519 need 32 */

#define MBEDTLS_SSL_CIPHERSUITES \
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, \
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, \
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384

/* TLS */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
/*
 * Record buffers, per connection (the payload plus ~100 bytes of header,
 * IV and tag each). OUT: we choose our record size, and every client takes
 * small records: 4096. IN: a client may send records of up to 16384 bytes
 * and browsers never negotiate anything smaller; with a smaller buffer a
 * request over ~4 KB (a big cookie, a form, any header block the server
 * must answer 431 to) resets the connection instead of getting its answer.
 * So IN is the full 16384 (12 KB more per TLS client, for at most
 * HTTPD_CONNS clients, and only while they are connected).
 */
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#define MBEDTLS_SSL_OUT_CONTENT_LEN 4096

/* Crypto modules */
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PEM_WRITE_C

/* X.509: parse our chain, write our self-signed certificate */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CREATE_C
#define MBEDTLS_X509_CRT_WRITE_C
#define MBEDTLS_X509_CHECK_KEY_USAGE
#define MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE

#include "mbedtls/check_config.h"

#endif /* MBEDTLS_CONFIG_H */
