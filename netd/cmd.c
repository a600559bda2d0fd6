/* cmd: tokenizer, dispatch table, settings commands. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* Length of the well-formed UTF-8 sequence at @s, or 0 if it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	size_t need, k;
	uint32_t cp, min;

	if (s[0] < 0x80) {
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1, cp = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		need = 2, cp = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3, cp = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len <= need) {
		return 0;
	}
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xc0) != 0x80) {
			return 0;
		}
		cp = cp << 6 | (s[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		return 0;
	}
	return need + 1;
}

int cmd_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		n = utf8_seq(p + i, len - i);
		if (n == 0) {
			return 0;
		}
	}
	return 1;
}

static int is_ctl(unsigned char ch)
{
	return (ch < 0x20 && ch != '\t') || ch == 0x7f;
}

int cmd_split(const char *line, size_t len, struct cmd_words *w, const char **why)
{
	char *o = w->buf;
	size_t i = 0;

	w->argc = 0;
	w->argv[0] = NULL;
	if (len > CMD_LINE_MAX) {
		*why = "line too long (at most 4096 bytes)";
		return -E2BIG;
	}
	if (memchr(line, '\0', len)) {
		*why = "NUL byte in the request";
		return -EINVAL;
	}
	for (i = 0; i < len && !is_ctl((unsigned char)line[i]); i++) {
	}
	if (i < len) {
		*why = "control character in the request";
		return -EINVAL;
	}
	if (!cmd_utf8_valid(line, len)) {
		*why = "invalid UTF-8 in the request";
		return -EINVAL;
	}
	for (i = 0;;) {
		while (i < len && (line[i] == ' ' || line[i] == '\t')) {
			i++;
		}
		if (i == len) {
			break;
		}
		if (w->argc == CMD_WORDS_MAX) {
			*why = "too many words (at most 32)";
			return -E2BIG;
		}
		w->argv[w->argc++] = o;
		while (i < len && line[i] != ' ' && line[i] != '\t') {
			char ch = line[i++];
			const char *q;

			if (ch == '\'') {
				q = memchr(line + i, '\'', len - i);
				if (!q) {
					*why = "unterminated single quote";
					return -EINVAL;
				}
				memcpy(o, line + i, (size_t)(q - line) - i);
				o += (size_t)(q - line) - i;
				i = (size_t)(q - line) + 1;
			} else if (ch == '"') {
				for (;;) {
					if (i == len) {
						*why = "unterminated double quote";
						return -EINVAL;
					}
					ch = line[i++];
					if (ch == '"') {
						break;
					}
					if (ch == '\\' && i < len && (line[i] == '"' || line[i] == '\\')) {
						ch = line[i++];
					}
					*o++ = ch;
				}
			} else if (ch == '\\') {
				if (i == len) {
					*why = "backslash at the end of the line";
					return -EINVAL;
				}
				*o++ = line[i++];
			} else {
				*o++ = ch;
			}
		}
		*o++ = '\0';
	}
	w->argv[w->argc] = NULL;
	return 0;
}

static void flush(struct cmd *c)
{
	if (c->olen > 0) {
		c->out->write(c->out->arg, c->obuf, c->olen);
		c->olen = 0;
	}
}

static void put(struct cmd *c, const char *s, size_t n)
{
	while (n > 0) {
		size_t k = sizeof(c->obuf) - c->olen;

		if (k > n) {
			k = n;
		}
		memcpy(c->obuf + c->olen, s, k);
		c->olen += k;
		s += k;
		n -= k;
		if (c->olen == sizeof(c->obuf)) {
			flush(c);
		}
	}
}

static void puts_(struct cmd *c, const char *s)
{
	put(c, s, strlen(s));
}

static int is_plain(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || (ch && strchr("._-:/@+,%=", ch));
}

/* Print @s (@len bytes), controls and broken UTF-8 as '?', and ' as '\''
 * when @quoted, so that the line stays one line our tokenizer accepts. */
static void put_clean(struct cmd *c, const char *s, size_t len, int quoted)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		n = utf8_seq(p + i, len - i);
		if (n == 0 || is_ctl(p[i])) {
			puts_(c, "?");
			n = 1;
		} else if (quoted && p[i] == '\'') {
			puts_(c, "'\\''");
		} else {
			put(c, s + i, n);
		}
	}
}

void cmd_kv(struct cmd *c, const char *key, const char *value)
{
	size_t i, len = strlen(value);

	for (i = 0; i < len && is_plain((unsigned char)value[i]); i++) {
	}
	puts_(c, key);
	if (len > 0 && i == len) {
		puts_(c, "=");
		put(c, value, len);
		puts_(c, "\n");
		return;
	}
	puts_(c, "='");
	put_clean(c, value, len, 1);
	puts_(c, "'\n");
}

int cmd_fail(struct cmd *c, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
	return err;
}

/* A word of the request quoted in a message: at most 40 bytes, cut on a
 * character boundary so the error line stays valid UTF-8. */
static const char *clip(const char *w, char *out)
{
	size_t n = strlen(w);

	if (n > 40) {
		for (n = 40; n > 0 && ((unsigned char)w[n] & 0xc0) == 0x80; n--) {
		}
	}
	memcpy(out, w, n);
	strcpy(out + n, n < strlen(w) ? "..." : "");
	return out;
}

static int key_id(struct cmd *c, const char *key)
{
	char e[48];
	int id = settings_find(key);

	if (id < 0) {
		return cmd_fail(c, -ENOENT, "unknown key '%s'; see show for the keys", clip(key, e));
	}
	return id;
}

/* KEY=committed value, and KEY.staged=the value commit would give it. */
static void print_setting(struct cmd *c, int id)
{
	const char *key = settings_schema[id].key, *staged = settings_staged(c->set, id);
	char k[64];

	cmd_kv(c, key, settings_shown(id, settings_get(c->set, id)));
	if (staged) {
		snprintf(k, sizeof(k), "%s.staged", key);
		cmd_kv(c, k, settings_shown(id, staged));
	}
}

static int do_get(struct cmd *c, int argc, char **argv)
{
	int id = key_id(c, argv[1]);

	(void)argc;
	if (id < 0) {
		return id;
	}
	print_setting(c, id);
	return 0;
}

static int do_show(struct cmd *c, int argc, char **argv)
{
	int id;

	(void)argc;
	(void)argv;
	for (id = 0; id < SET_COUNT; id++) {
		print_setting(c, id);
	}
	return 0;
}

static int do_set(struct cmd *c, int argc, char **argv)
{
	int rc = argc == 3 ? settings_set(c->set, argv[1], argv[2])
			   : settings_unset(c->set, argv[1]);

	if (rc < 0) {
		return cmd_fail(c, rc, "%s", settings_error(c->set));
	}
	return 0;
}

int cmd_commit(struct cmd *c)
{
	static const char *const names[] = { "net", "dhcp", "sshd", "hostname", "console", "auth",
					       "wifi" };
	char list[80] = "";
	int mask, rc, i;

	mask = settings_commit(c->set);
	if (mask < 0) {
		return cmd_fail(c, mask, "%s", settings_error(c->set));
	}
	for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++) {
		if (mask & (1 << i)) {
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 *list ? " " : "", names[i]);
		}
	}
	cmd_kv(c, "restart", list);
	if (mask && c->apply) {
		rc = c->apply(c, (unsigned)mask);
		if (rc < 0) {
			char why[CMD_WHY_MAX];

			snprintf(why, sizeof(why), "%s", *c->why ? c->why : strerror(-rc));
			return cmd_fail(c, rc, "settings saved, but applying them failed: %s", why);
		}
	}
	return 0;
}

static int do_commit(struct cmd *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_commit(c);
}

static int do_revert(struct cmd *c, int argc, char **argv)
{
	char n[16];

	(void)argc;
	(void)argv;
	snprintf(n, sizeof(n), "%d", settings_revert(c->set));
	cmd_kv(c, "reverted", n);
	return 0;
}

static int do_help(struct cmd *c, int argc, char **argv);

/**
 * struct cmd_def - one command.
 * @name: first word; @usage and @help: for help and usage errors
 * @min, @max: how many words may follow the name
 * @fn: the handler, or NULL to call hook[@hook]
 */
struct cmd_def {
	const char *name, *usage, *help;
	signed char min, max, hook;
	cmd_fn *fn;
};

/* An internal command (for netd's own helpers only, not in help) has no
 * help text. */
#define INTERNAL(d) (!(d)->help)

#define HOOK(name, usage, help, h) { name, usage, help, 0, CMD_WORDS_MAX - 1, h, NULL }

static const struct cmd_def cmds[] = {
	{ "get", "get KEY", "print a setting (KEY.staged: its staged value)", 1, 1, -1, do_get },
	{ "set", "set KEY VALUE", "stage a value (quote values with spaces)", 2, 2, -1, do_set },
	{ "unset", "unset KEY", "stage a return to the default", 1, 1, -1, do_set },
	{ "show", "show", "print every setting and staged value", 0, 0, -1, do_show },
	{ "commit", "commit", "check, save and apply the staged values", 0, 0, -1, do_commit },
	{ "revert", "revert", "drop the staged values", 0, 0, -1, do_revert },
	HOOK("status", "status", "the device and its services", CMD_HOOK_STATUS),
	HOOK("ssh", "ssh key add|list|del [KEY]", "SSH authorized keys", CMD_HOOK_SSH),
	HOOK("password", "password set", "set the admin password", CMD_HOOK_PASSWORD),
	HOOK("reboot", "reboot", "restart the device", CMD_HOOK_REBOOT),
	HOOK("factory-reset", "factory-reset", "erase every setting and reboot",
	     CMD_HOOK_FACTORY_RESET),
	HOOK("log", "log [N]", "the last N lines of the log", CMD_HOOK_LOG),
	HOOK("https", "https cert regen | https cert install CERT.pem KEY.pem",
	     "the web UI's certificate", CMD_HOOK_HTTPS),
	HOOK("wifi", "wifi scan | wifi status | wifi connect SSID [PASSPHRASE] | wifi forget",
	     "Wi-Fi networks", CMD_HOOK_WIFI),
	{ "lease", "lease EVENT [NAME=VALUE...]", NULL, 1, CMD_WORDS_MAX - 1, CMD_HOOK_LEASE,
	  NULL },
	{ "help", "help", "this list", 0, 0, -1, do_help },
};

#define NCMDS (int)(sizeof(cmds) / sizeof(cmds[0]))

static int do_help(struct cmd *c, int argc, char **argv)
{
	char line[128];
	int i;

	(void)argc;
	(void)argv;
	for (i = 0; i < NCMDS; i++) {
		if (INTERNAL(&cmds[i])) {
			continue;
		}
		snprintf(line, sizeof(line), "%s: %s", cmds[i].usage, cmds[i].help);
		cmd_kv(c, cmds[i].name, line);
	}
	return 0;
}

static int dispatch(struct cmd *c, int argc, char **argv)
{
	const struct cmd_def *d;
	char e[48];
	int i;

	for (i = 0; i < NCMDS && strcmp(cmds[i].name, argv[0]) != 0; i++) {
	}
	if (i == NCMDS || (INTERNAL(&cmds[i]) && !c->internal)) {
		return cmd_fail(c, -ENOENT, "unknown command '%s'; try help", clip(argv[0], e));
	}
	d = &cmds[i];
	if (argc - 1 < d->min || argc - 1 > d->max) {
		return cmd_fail(c, -EINVAL, "usage: %s%s", d->usage,
				argc - 1 > d->max && d->max > 0 ? " (quote words with spaces)" : "");
	}
	if (d->fn) {
		return d->fn(c, argc, argv);
	}
	if (!c->hook[d->hook]) {
		return cmd_fail(c, -ENOSYS, "not available");
	}
	return c->hook[d->hook](c, argc, argv);
}

void cmd_init(struct cmd *c, struct settings *set)
{
	memset(c, 0, sizeof(*c));
	c->set = set;
}

int cmd_run(struct cmd *c, const char *line, size_t len, const struct cmd_sink *out)
{
	const char *why = NULL;
	int rc;

	c->out = out;
	c->olen = 0;
	c->why[0] = '\0';
	if (len > 0 && line[len - 1] == '\n') {
		len--;
	}
	if (len > 0 && line[len - 1] == '\r') {
		len--;
	}
	rc = cmd_split(line, len, &c->words, &why);
	if (rc < 0) {
		cmd_fail(c, rc, "%s", why);
	} else if (c->words.argc > 0) {
		rc = dispatch(c, c->words.argc, c->words.argv);
	}
	if (rc < 0) {
		why = *c->why ? c->why : strerror(-rc);
		puts_(c, "error: ");
		put_clean(c, why, strlen(why), 0);
		puts_(c, "\n");
	} else {
		puts_(c, "ok\n");
	}
	flush(c);
	c->out = NULL;
	/* The words may hold a plaintext password: do not keep it around. */
	memset(c->words.buf, 0, sizeof(c->words.buf));
	return rc < 0 ? rc : 0;
}
