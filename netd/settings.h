/* settings: the schema (one const table), the store in /etc/netd.conf, and
 * the transaction (set/unset stage, commit validates, saves, reports which
 * services the change affects, revert drops). See netd/DESIGN.md and
 * docs/settings.md. */
#ifndef NETD_SETTINGS_H
#define NETD_SETTINGS_H

#include <stddef.h>

#include "sys.h"

#define SETTINGS_PATH "/etc/netd.conf"
#define SETTINGS_VALUE_MAX 255	/* bytes, without the NUL */
#define SETTINGS_PATH_MAX 240	/* leaves room for ".tmp" */
#define SETTINGS_ERR_MAX 256
#define SETTINGS_FILE_MAX 65536	/* load reads at most this much */
#define SETTINGS_LINE_MAX 1024	/* longer lines in the file are skipped */

/* Index of every key in settings_schema[]. */
enum setting_id {
	SET_HOSTNAME,
	SET_NET_MODE,
	SET_NET_IP,
	SET_NET_MASK,
	SET_NET_GW,
	SET_NET_DNS,
	SET_SSH_ENABLED,
	SET_SSH_PORT,
	SET_SSH_PASSWORD_AUTH,
	SET_CONSOLE_LOGIN,
	SET_ADMIN_PASSWORD,
	SET_WIFI_MODE,
	SET_WIFI_SSID,
	SET_WIFI_PSK,
	SET_WIFI_SECURITY,
	SET_WIFI_COUNTRY,
	SET_WIFI_SETUP_TIMEOUT,
	SET_AP_SSID,
	SET_AP_PSK,
	SET_AP_OPEN,
	SET_COUNT
};

/* What a change must re-apply; commit returns a mask of these. */
#define SVC_NET		(1u << 0)	/* address, mask, route, resolv.conf */
#define SVC_DHCP	(1u << 1)	/* udhcpc on the uplink */
#define SVC_SSHD	(1u << 2)	/* dropbear */
#define SVC_HOSTNAME	(1u << 3)	/* the kernel's hostname */
#define SVC_CONSOLE	(1u << 4)	/* the serial console's getty/login */
#define SVC_AUTH	(1u << 5)	/* root's hash in /etc/shadow, web login */
#define SVC_WIFI	(1u << 6)	/* wpa_supplicant, the setup access point */

enum setting_type {
	STYPE_STRING,	/* free-form within the validator */
	STYPE_BOOL,	/* "0" or "1" */
	STYPE_UINT,	/* decimal */
};

#define SETF_SECRET	(1u << 0)	/* never read back: get/show say (set)/(unset) */
#define SETF_HASH	(1u << 1)	/* set takes a plaintext and stores crypt($6$) */
#define SETF_UTF8	(1u << 2)	/* UTF-8 allowed, not only printable ASCII */

/**
 * struct setting_def - one row of the schema.
 * @key:   the name used by every door and in the file
 * @type:  how consumers read it (settings_get_uint() checks it)
 * @def:   the default, used when the file does not set the key
 * @check: validator for the stored form; writes why it refused into @why
 *         (without repeating the value); Return: 0 or -EINVAL
 * @flags: SETF_*
 * @svc:   SVC_* mask of what depends on the key
 * @help:  one line for `help` and the docs
 */
struct setting_def {
	const char *key;
	enum setting_type type;
	const char *def;
	int (*check)(const char *v, char *why, size_t n);
	unsigned flags;
	unsigned svc;
	const char *help;
};

extern const struct setting_def settings_schema[SET_COUNT];

/* One value: @set says whether it is in the file (else the default rules). */
struct setting_slot {
	unsigned char set;
	char val[SETTINGS_VALUE_MAX + 1];
};

enum { STAGE_NONE, STAGE_SET, STAGE_UNSET };

/**
 * struct settings - the store. Embed it in the daemon's context; the fields
 * are private to settings.c (read them through the functions below).
 * @report: called once per problem found while loading (line number, what
 *          was wrong, what was kept) and for warnings after a commit;
 *          may be NULL
 */
struct settings {
	const char *path;
	const struct sys_ops *sys;
	void (*report)(void *arg, const char *msg);
	void *report_arg;
	struct setting_slot cur[SET_COUNT];
	struct setting_slot next[SET_COUNT];
	unsigned char stage[SET_COUNT];
	char err[SETTINGS_ERR_MAX];
};

/**
 * settings_init() - an empty store (every key at its default).
 * @s: the store
 * @path: the settings file (SETTINGS_PATH on the device); kept, not copied
 * @sys: OS primitives (&sys_linux, or a fake in tests)
 * @report: problem reporter (may be NULL), @arg its argument
 * Return: 0, or -ENAMETOOLONG if @path is longer than SETTINGS_PATH_MAX.
 */
int settings_init(struct settings *s, const char *path, const struct sys_ops *sys,
		  void (*report)(void *arg, const char *msg), void *arg);

/**
 * settings_load() - read the file into the committed values.
 * @s: the store
 *
 * Starts from the defaults, then applies every valid line; unknown keys,
 * invalid values and garbage are reported (with their line number) and
 * skipped. A missing file is not an error. Drops staged changes.
 * Return: the number of problems reported (0 for a clean file), or -errno
 * if the file exists but cannot be read (the defaults are then in effect).
 */
int settings_load(struct settings *s);

/**
 * settings_load_buf() - settings_load() from a buffer (the file's content).
 * @s: the store
 * @buf: the content, may hold any bytes; @len its length
 * Return: the number of problems reported.
 */
int settings_load_buf(struct settings *s, const char *buf, size_t len);

/**
 * settings_find() - look a key up in the schema.
 * Return: its enum setting_id, or -ENOENT.
 */
int settings_find(const char *key);

/**
 * settings_get() - the committed value of a key, default included.
 * For SETF_SECRET keys this is the stored hash: never hand it to a door;
 * doors use settings_shown().
 * Return: the value (valid until the next load or commit), never NULL.
 */
const char *settings_get(const struct settings *s, enum setting_id id);

/**
 * settings_get_uint() - the committed value of a STYPE_BOOL or STYPE_UINT key.
 * Return: the number (0 for a key of another type).
 */
unsigned long settings_get_uint(const struct settings *s, enum setting_id id);

/**
 * settings_staged() - the value a key will have after commit.
 * Return: that value, or NULL when nothing is staged for the key.
 */
const char *settings_staged(const struct settings *s, enum setting_id id);

/**
 * settings_shown() - what a door may print for a value of key @id:
 * @raw itself, or "(set)"/"(unset)" for a secret.
 */
const char *settings_shown(enum setting_id id, const char *raw);

/**
 * settings_set() - validate @value and stage it for @key.
 * @s: the store
 * @key: the key's name
 * @value: the new value (a plaintext for SETF_HASH keys: it is hashed here
 *         with a fresh salt, and only the hash is kept)
 * Return: 0, -ENOENT (unknown key), -EINVAL (invalid value) or another
 * -errno (no entropy, crypt failed); on error nothing is staged and
 * settings_error() says why.
 */
int settings_set(struct settings *s, const char *key, const char *value);

/**
 * settings_unset() - stage a return of @key to its default.
 * Return: 0 or -ENOENT.
 */
int settings_unset(struct settings *s, const char *key);

/**
 * settings_revert() - drop every staged change.
 * Return: the number of changes dropped.
 */
int settings_revert(struct settings *s);

/**
 * settings_pending() - Return: the number of staged changes.
 */
int settings_pending(const struct settings *s);

/**
 * settings_commit() - validate the staged and committed values together,
 * save them atomically (temp file, fsync, rename, fsync of the directory)
 * and make them the committed values.
 * @s: the store
 *
 * With nothing staged this does nothing and returns 0. On error the
 * committed values, the file and the staged changes are all unchanged,
 * and settings_error() says why.
 * Return: the SVC_* mask of what depends on a key whose value changed
 * (>= 0), or -EINVAL (cross-field check failed) or the -errno of the save.
 */
int settings_commit(struct settings *s);

/**
 * settings_format() - the file content for the committed values.
 * @s: the store
 * @buf: output, NUL-terminated when @n > 0; @n its size
 * Return: the length of the whole content (as snprintf: if >= @n, it was cut).
 */
size_t settings_format(const struct settings *s, char *buf, size_t n);

/**
 * settings_error() - the message of the last failed call: what was wrong
 * and what was kept, e.g. "net.ip: '999.1.1.1' is not an IPv4 address;
 * nothing changed".
 */
const char *settings_error(const struct settings *s);

#endif
