/* sshd: Dropbear, host key, authorized keys, root's password. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "log.h"
#include "netd.h"

static int dropbear_argv(struct svc *s, const char **out, char *buf, size_t n)
{
	struct netd *nd = s->arg;
	int i = 0;

	snprintf(buf, n, "%lu", settings_get_uint(&nd->set, SET_SSH_PORT));
	out[i++] = "/usr/sbin/dropbear";
	out[i++] = "-F";	/* foreground: netd supervises it */
	out[i++] = "-r";
	out[i++] = SSHD_HOSTKEY;
	out[i++] = "-p";
	out[i++] = buf;
	if (!settings_get_uint(&nd->set, SET_SSH_PASSWORD_AUTH)) {
		out[i++] = "-s";	/* keys only */
	}
	out[i] = NULL;
	return 0;
}

static void keygen_done(struct loop_child *c, int status)
{
	struct sshd *sd = container_of(c, struct sshd, keygen);
	struct netd *nd = sd->nd;
	int rc = -EIO, fd;

	sd->keygen.pid = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		/* Written aside, flushed, then renamed: a power cut never leaves a
		 * half key that would stop Dropbear for good. */
		fd = nd->sys->open(SSHD_HOSTKEY ".tmp", O_RDONLY | O_CLOEXEC, 0);
		if (fd >= 0) {
			nd->sys->fsync(fd);
			nd->sys->close(fd);
		}
		rc = nd->sys->rename(SSHD_HOSTKEY ".tmp", SSHD_HOSTKEY);
	}
	if (rc < 0) {
		log_msg(LOG_ERR, "sshd: cannot create the host key %s (%s)", SSHD_HOSTKEY,
			strerror(-rc));
		nd->sys->unlink(SSHD_HOSTKEY ".tmp");
		sd->svc.state = SVC_FAILED;
		return;
	}
	log_msg(LOG_INFO, "sshd: created the host key %s", SSHD_HOSTKEY);
	sshd_apply(nd);
}

static int have_hostkey(struct netd *nd)
{
	char b[8];

	return sys_read_file(nd->sys, SSHD_HOSTKEY, b, sizeof(b)) > 0;
}

int sshd_apply(struct netd *nd)
{
	static const char *const keygen[] = { "/usr/bin/dropbearkey", "-t", "ed25519", "-f",
					      SSHD_HOSTKEY ".tmp", NULL };
	struct sshd *sd = &nd->sshd;
	pid_t pid;

	if (!settings_get_uint(&nd->set, SET_SSH_ENABLED)) {
		svc_stop(&sd->svc);
		return 0;
	}
	if (sd->keygen.pid > 0) {
		return 0;	/* keygen_done() comes back here */
	}
	if (!have_hostkey(nd)) {
		nd->sys->unlink(SSHD_HOSTKEY ".tmp");
		pid = nd->sys->spawn(keygen);
		if (pid < 0) {
			return cmd_fail(&nd->cmd, pid, "cannot run dropbearkey: %s", strerror(-pid));
		}
		sd->keygen.pid = pid;
		loop_child_add(&nd->loop, &sd->keygen);
		return 0;
	}
	svc_restart(&sd->svc);
	return 0;
}

void sshd_init(struct netd *nd)
{
	struct sshd *sd = &nd->sshd;

	sd->nd = nd;
	sd->keygen.cb = keygen_done;
	sd->svc.name = "dropbear";
	sd->svc.pol = &svc_policy_default;
	sd->svc.sys = nd->sys;
	sd->svc.loop = &nd->loop;
	sd->svc.argv = dropbear_argv;
	sd->svc.arg = nd;
	svc_init(&sd->svc);
}

/* ---- root's password ---- */

int sshd_shadow_root(const char *shadow, const char *hash, char *out, size_t n)
{
	const char *p = shadow, *nl, *f;
	size_t len = 0;
	int found = 0, w;

	for (; *p; p = nl) {
		nl = strchr(p, '\n');
		nl = nl ? nl + 1 : p + strlen(p);
		if (strncmp(p, "root:", 5) == 0 && !found) {
			/* root:HASH:rest... */
			f = memchr(p + 5, ':', (size_t)(nl - p - 5));
			w = snprintf(out + len, n - len, "root:%s%.*s", hash,
				     f ? (int)(nl - f) : 1, f ? f : "\n");
			found = 1;
		} else {
			w = snprintf(out + len, n - len, "%.*s", (int)(nl - p), p);
		}
		if (w < 0 || (size_t)w >= n - len) {
			return -E2BIG;
		}
		len += (size_t)w;
		if (out[len - 1] != '\n') {
			if (len + 1 >= n) {
				return -E2BIG;
			}
			out[len++] = '\n';
			out[len] = '\0';
		}
	}
	if (!found) {
		w = snprintf(out + len, n - len, "root:%s:0:0:99999:7:::\n", hash);
		if (w < 0 || (size_t)w >= n - len) {
			return -E2BIG;
		}
		len += (size_t)w;
	}
	return (int)len;
}

int sshd_apply_auth(struct netd *nd)
{
	const char *hash = settings_get(&nd->set, SET_ADMIN_PASSWORD), *step;
	char old[2048], new[2304];
	ssize_t r;
	int len, rc;

	r = sys_read_file(nd->sys, SSHD_SHADOW, old, sizeof(old));
	if (r < 0) {
		old[0] = '\0';
	}
	len = sshd_shadow_root(old, *hash ? hash : "*", new, sizeof(new));
	if (len < 0) {
		return cmd_fail(&nd->cmd, len, "%s is too large to update", SSHD_SHADOW);
	}
	if (r >= 0 && strcmp(old, new) == 0) {
		return 0;	/* no flash write for nothing (this runs at every boot) */
	}
	rc = sys_save_file(nd->sys, SSHD_SHADOW, new, (size_t)len, 0600, &step);
	if (rc < 0) {
		return cmd_fail(&nd->cmd, rc, "cannot %s %s.tmp: %s", step, SSHD_SHADOW,
				strerror(-rc));
	}
	return 0;
}

/* ---- authorized keys ---- */

static const char *const key_types[] = {
	"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"ssh-rsa", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
};

static int b64_val(char ch)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = ch ? strchr(tab, ch) : NULL;

	return p ? (int)(p - tab) : -1;
}

/* Decode the first @want bytes of base64 @s (@len chars) into @out.
 * Return: the number of bytes decoded, -1 on a bad character. */
static int b64_prefix(const char *s, size_t len, unsigned char *out, size_t want)
{
	unsigned acc = 0;
	size_t i, o = 0;
	int bits = 0, v;

	for (i = 0; i < len && s[i] != '='; i++) {
		v = b64_val(s[i]);
		if (v < 0) {
			return -1;
		}
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o < want) {
				out[o++] = (unsigned char)(acc >> bits);
			}
		}
	}
	for (; i < len; i++) {
		if (s[i] != '=') {
			return -1;
		}
	}
	return (int)o;
}

int sshd_key_check(const char *line, const char **why)
{
	const char *sp = strchr(line, ' '), *blob, *end, *p;
	unsigned char head[64];
	size_t tlen, blen, i;
	int got;

	*why = "not a public key: expected 'TYPE BASE64 [COMMENT]' (one line of a .pub file)";
	if (!sp) {
		return -EINVAL;
	}
	tlen = (size_t)(sp - line);
	for (i = 0; i < sizeof(key_types) / sizeof(key_types[0]); i++) {
		if (strlen(key_types[i]) == tlen && strncmp(line, key_types[i], tlen) == 0) {
			break;
		}
	}
	if (i == sizeof(key_types) / sizeof(key_types[0])) {
		*why = "unsupported key type (ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, "
		       "sk-ssh-ed25519@openssh.com or sk-ecdsa-sha2-nistp256@openssh.com)";
		return -EINVAL;
	}
	blob = sp + 1;
	end = strchr(blob, ' ');
	blen = end ? (size_t)(end - blob) : strlen(blob);
	if (blen < 16 || blen > 4096 || blen % 4 != 0) {
		*why = "the key's base64 part has the wrong length";
		return -EINVAL;
	}
	/* The blob starts with its own type, as a length-prefixed string. */
	got = b64_prefix(blob, blen, head, sizeof(head));
	if (got < 0) {
		*why = "the key's base64 part is not base64";
		return -EINVAL;
	}
	if ((size_t)got < 4 + tlen || head[0] || head[1] || head[2] != 0 ||
	    head[3] != tlen || memcmp(head + 4, line, tlen) != 0) {
		*why = "the key's base64 part does not hold a key of that type";
		return -EINVAL;
	}
	for (p = end; p && *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*why = "control character in the key's comment";
			return -EINVAL;
		}
	}
	return 0;
}

/* The blob (second word) of an authorized_keys line, and its length. */
static size_t blob_of(const char *line, const char **blob)
{
	const char *sp = strchr(line, ' '), *end;

	if (!sp) {
		*blob = line;
		return 0;
	}
	*blob = sp + 1;
	end = strpbrk(*blob, " \n");
	return end ? (size_t)(end - *blob) : strlen(*blob);
}

/* Split the file in @buf into lines (in place); Return: how many. */
static int key_lines(char *buf, char **lines, int max)
{
	char *p = buf, *nl;
	int n = 0;

	while (*p && n < max) {
		nl = strchr(p, '\n');
		if (nl) {
			*nl = '\0';
		}
		if (*p && *p != '#') {
			lines[n++] = p;
		}
		if (!nl) {
			break;
		}
		p = nl + 1;
	}
	return n;
}

static int save_keys(struct netd *nd, struct cmd *c, char **lines, int n, int skip,
		     const char *add)
{
	size_t len = 0, size = SSHD_KEYS_FILE_MAX + 4200;
	char *out = malloc(size);
	const char *step;
	int i, rc;

	if (!out) {
		return cmd_fail(c, -ENOMEM, "out of memory; nothing changed");
	}
	for (i = 0; i < n; i++) {
		if (i != skip) {
			len += (size_t)snprintf(out + len, size - len, "%s\n", lines[i]);
		}
	}
	if (add) {
		len += (size_t)snprintf(out + len, size - len, "%s\n", add);
	}
	if (len >= SSHD_KEYS_FILE_MAX) {
		rc = cmd_fail(c, -E2BIG, "the authorized keys would exceed %d bytes; nothing "
			      "changed", SSHD_KEYS_FILE_MAX);
		goto out;
	}
	rc = sys_save_file(nd->sys, SSHD_AUTH_KEYS, out, len, 0600, &step);
	if (rc < 0) {
		rc = cmd_fail(c, rc, "cannot %s %s.tmp: %s; nothing changed", step,
			      SSHD_AUTH_KEYS, strerror(-rc));
	} else {
		rc = 0;
	}
out:
	free(out);
	return rc;
}

static int keys_cmd(struct netd *nd, struct cmd *c, char **argv, char *buf)
{
	char *lines[SSHD_KEYS_MAX + 1], k[16];
	const char *why, *b1, *b2;
	size_t l1, l2;
	ssize_t r;
	int n, i;

	r = sys_read_file(nd->sys, SSHD_AUTH_KEYS, buf, SSHD_KEYS_FILE_MAX + 1);
	if (r < 0 && r != -ENOENT) {
		return cmd_fail(c, (int)r, "cannot read %s: %s", SSHD_AUTH_KEYS,
				strerror((int)-r));
	}
	if (r < 0) {
		buf[0] = '\0';
	}
	n = key_lines(buf, lines, SSHD_KEYS_MAX + 1);
	if (strcmp(argv[2], "list") == 0) {
		for (i = 0; i < n; i++) {
			snprintf(k, sizeof(k), "key.%d", i + 1);
			cmd_kv(c, k, lines[i]);
		}
		return 0;
	}
	if (strcmp(argv[2], "del") == 0) {
		char *end;
		long idx = strtol(argv[3], &end, 10);

		if (*end || idx < 1 || idx > n) {
			return cmd_fail(c, -EINVAL, "no key number '%.12s' (ssh key list numbers "
					"them 1 to %d); nothing changed", argv[3], n);
		}
		return save_keys(nd, c, lines, n, (int)idx - 1, NULL);
	}
	if (sshd_key_check(argv[3], &why) < 0) {
		return cmd_fail(c, -EINVAL, "%s; nothing changed", why);
	}
	if (n >= SSHD_KEYS_MAX) {
		return cmd_fail(c, -E2BIG, "already %d keys (the most); delete one first",
				SSHD_KEYS_MAX);
	}
	l1 = blob_of(argv[3], &b1);
	for (i = 0; i < n; i++) {
		l2 = blob_of(lines[i], &b2);
		if (l1 == l2 && memcmp(b1, b2, l1) == 0) {
			return cmd_fail(c, -EEXIST, "that key is already there (key.%d); nothing "
					"changed", i + 1);
		}
	}
	return save_keys(nd, c, lines, n, -1, argv[3]);
}

int sshd_cmd(struct cmd *c, int argc, char **argv)
{
	char *buf;
	int rc;

	if (argc < 3 || strcmp(argv[1], "key") != 0 ||
	    (strcmp(argv[2], "list") == 0 ? argc != 3 : argc != 4) ||
	    (strcmp(argv[2], "list") && strcmp(argv[2], "add") && strcmp(argv[2], "del"))) {
		return cmd_fail(c, -EINVAL, "usage: ssh key list | ssh key add 'TYPE BASE64 "
				"[COMMENT]' | ssh key del N");
	}
	buf = malloc(SSHD_KEYS_FILE_MAX + 1);
	if (!buf) {
		return cmd_fail(c, -ENOMEM, "out of memory; nothing changed");
	}
	rc = keys_cmd(c->arg, c, argv, buf);
	free(buf);
	return rc;
}
