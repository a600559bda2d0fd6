/*
 * tinyfw options for Dropbear, on top of default_options.h.
 * Why each: a small device on a hostile network wants few algorithms, no
 * forwarding and no legacy SHA-1. Password logins stay compiled in (netd's
 * ssh.password_auth setting turns them on) but are off at run time ("-s").
 */
#define DROPBEAR_X11FWD 0
#define DROPBEAR_SVR_AGENTFWD 0
#define DROPBEAR_CLI_AGENTFWD 0
#define DROPBEAR_SVR_LOCALTCPFWD 0
#define DROPBEAR_SVR_REMOTETCPFWD 0
#define DROPBEAR_CLI_LOCALTCPFWD 0
#define DROPBEAR_CLI_REMOTETCPFWD 0
#define DROPBEAR_CLI_PROXYCMD 0
#define DROPBEAR_CLI_NETCAT 0

/* ciphers and MACs every current OpenSSH client offers */
#define DROPBEAR_AES128 1
#define DROPBEAR_AES256 1
#define DROPBEAR_CHACHA20POLY1305 1
#define DROPBEAR_SHA1_HMAC 0
#define DROPBEAR_SHA2_256_HMAC 1

/* host keys: ed25519 (generated on first boot, fast); users may bring
 * ed25519, ecdsa or rsa (rsa-sha2 only) keys */
#define DROPBEAR_RSA 1
#define DROPBEAR_RSA_SHA1 0
#define DROPBEAR_DSS 0
#define DROPBEAR_ECDSA 1
#define DROPBEAR_ED25519 1
#define DROPBEAR_SK_KEYS 0

/* key exchange: curve25519 and ECDH; no finite-field DH */
#define DROPBEAR_DH_GROUP14_SHA1 0
#define DROPBEAR_DH_GROUP14_SHA256 0
#define DROPBEAR_DH_GROUP16 0
#define DROPBEAR_CURVE25519 1
#define DROPBEAR_ECDH 1

#define DO_MOTD 0
#define MAX_AUTH_TRIES 5
#define DROPBEAR_SFTPSERVER 0
#define DROPBEAR_PIDFILE "/run/dropbear.pid"
#define DEFAULT_PATH "/usr/bin:/bin"
#define DEFAULT_ROOT_PATH "/usr/sbin:/usr/bin:/sbin:/bin"
