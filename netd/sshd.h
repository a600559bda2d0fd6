/* sshd: Dropbear under supervision (its command line follows the ssh.*
 * settings), the host key made on first boot, root's authorized keys
 * (`ssh key add|list|del`) and root's password (the admin password, for
 * SSH password logins when ssh.password_auth=1 and the console login). */
#ifndef NETD_SSHD_H
#define NETD_SSHD_H

#include <stddef.h>

#include "svc.h"

#define SSHD_DIR "/etc/dropbear"
#define SSHD_HOSTKEY SSHD_DIR "/dropbear_ed25519_host_key"
#define SSHD_AUTH_KEYS SSHD_DIR "/authorized_keys"
#define SSHD_SHADOW "/etc/shadow"
#define SSHD_KEYS_MAX 32
#define SSHD_KEYS_FILE_MAX 32768

struct netd;
struct cmd;

/**
 * struct sshd - Dropbear and its key generator.
 * @keygen: dropbearkey, running while the host key is made
 */
struct sshd {
	struct svc svc;
	struct loop_child keygen;
	struct netd *nd;
};

void sshd_init(struct netd *nd);

/**
 * sshd_apply() - start, restart or stop Dropbear after the ssh.* settings
 * (making the host key first if there is none).
 */
int sshd_apply(struct netd *nd);

/**
 * sshd_apply_auth() - put the admin password's hash (or "*": no password
 * login) in root's /etc/shadow entry.
 * Return: 0 or -errno (reason set on @nd->cmd).
 */
int sshd_apply_auth(struct netd *nd);

/** sshd_cmd() - the `ssh key add|list|del` commands. */
int sshd_cmd(struct cmd *c, int argc, char **argv);

/**
 * sshd_key_check() - is @line an acceptable authorized_keys entry:
 * "TYPE BASE64 [COMMENT]", a known key type, a base64 blob that decodes
 * to a key of that type, a comment of printable characters, no options?
 * @why: the reason when it is not (static text)
 * Return: 0 or -EINVAL.
 */
int sshd_key_check(const char *line, const char **why);

/**
 * sshd_shadow_root() - @shadow (the file's content) with root's password
 * field set to @hash, into @out (size @n). A missing root line is added.
 * Return: the new length, or -E2BIG / -EINVAL.
 */
int sshd_shadow_root(const char *shadow, const char *hash, char *out, size_t n);

#endif
