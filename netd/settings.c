/* settings: schema, validators, the file, the transaction. */
#define _GNU_SOURCE
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

/* Admin password policy: long enough to resist guessing over the doors,
 * short enough that crypt() stays fast on a 240 MHz MIPS. */
#define PASSWORD_MIN 8
#define PASSWORD_MAX 128

/* The saved file: every key at its longest, plus the header. */
#define FILE_OUT_MAX (SET_COUNT * (SETTINGS_VALUE_MAX + 32) + 256)

#define WHY(...) (snprintf(why, n, __VA_ARGS__), -EINVAL)

/* Strict dotted quad: exactly four decimal octets 0-255 without leading
 * zeros, because inet_aton() would read "010" as octal and "1" as 0.0.0.1. */
static int parse_ipv4(const char *s, size_t len, uint32_t *out)
{
	uint32_t addr = 0;
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned v = 0;
		size_t start = i;

		if (part > 0) {
			if (i >= len || s[i] != '.') {
				return -EINVAL;
			}
			start = ++i;
		}
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 3) {
			v = v * 10 + (unsigned)(s[i++] - '0');
		}
		if (i == start || v > 255 || (s[start] == '0' && i - start > 1)) {
			return -EINVAL;
		}
		addr = addr << 8 | v;
	}
	if (i != len) {
		return -EINVAL;
	}
	*out = addr;
	return 0;
}

static int check_hostname(const char *v, char *why, size_t n)
{
	size_t i, len = strlen(v);

	for (i = 0; i < len; i++) {
		char c = v[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9');

		if (!alnum && (c != '-' || i == 0 || i == len - 1)) {
			break;
		}
	}
	if (len == 0 || len > 63 || i != len) {
		return WHY("is not a host name (1-63 letters, digits and '-', "
			   "not starting or ending with '-')");
	}
	return 0;
}

static int check_mode(const char *v, char *why, size_t n)
{
	if (strcmp(v, "dhcp") != 0 && strcmp(v, "static") != 0) {
		return WHY("must be dhcp or static");
	}
	return 0;
}

/* Empty means "not configured": net.mode decides whether that is fine. */
static int check_ipv4(const char *v, char *why, size_t n)
{
	uint32_t a;

	if (*v && parse_ipv4(v, strlen(v), &a) < 0) {
		return WHY("is not an IPv4 address (a.b.c.d, each 0-255, no leading zeros)");
	}
	return 0;
}

static int check_netmask(const char *v, char *why, size_t n)
{
	uint32_t m;

	/* Contiguous ones from the top: ~m + 1 is then a power of two. */
	if (*v && (parse_ipv4(v, strlen(v), &m) < 0 || m == 0 || ((~m + 1) & ~m) != 0)) {
		return WHY("is not a netmask (a dotted quad of contiguous ones, "
			   "128.0.0.0 to 255.255.255.255)");
	}
	return 0;
}

static int check_dns(const char *v, char *why, size_t n)
{
	const char *p = v;
	uint32_t a;
	int count = 0;

	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p);

		if (++count > 3 || parse_ipv4(p, len, &a) < 0 || (sp && sp[1] == '\0')) {
			return WHY("is not a list of 1-3 IPv4 addresses separated by single spaces");
		}
		p += len + (sp != NULL);
	}
	return 0;
}

static int check_bool(const char *v, char *why, size_t n)
{
	if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
		return WHY("must be 0 or 1");
	}
	return 0;
}

static int check_port(const char *v, char *why, size_t n)
{
	unsigned long p = 0;
	size_t i;

	for (i = 0; v[i] >= '0' && v[i] <= '9' && i < 5; i++) {
		p = p * 10 + (unsigned long)(v[i] - '0');
	}
	if (i == 0 || v[i] || v[0] == '0' || p > 65535) {
		return WHY("is not a port number (1-65535)");
	}
	return 0;
}

static int is_b64(char c)
{
	return c == '.' || c == '/' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

/* "$6$[rounds=N$]salt$hash": what our setter and mkpasswd -m sha-512 write. */
static int check_sha512(const char *v, char *why, size_t n)
{
	const char *p = v + 3;
	size_t i;

	if (!*v) {
		return 0;
	}
	if (strncmp(v, "$6$", 3) != 0) {
		goto bad;
	}
	if (strncmp(p, "rounds=", 7) == 0) {
		for (p += 7, i = 0; p[i] >= '0' && p[i] <= '9' && i < 9; i++) {
		}
		if (i == 0 || p[i] != '$') {
			goto bad;
		}
		p += i + 1;
	}
	for (i = 0; is_b64(p[i]) && i < 16; i++) {
	}
	if (i == 0 || p[i] != '$') {
		goto bad;
	}
	p += i + 1;
	for (i = 0; is_b64(p[i]); i++) {
	}
	if (i == 86 && p[i] == '\0') {
		return 0;
	}
bad:
	return WHY("is not a SHA-512 crypt hash ($6$salt$hash)");
}

static int check_wifi_mode(const char *v, char *why, size_t n)
{
	if (strcmp(v, "sta") != 0 && strcmp(v, "ap") != 0 && strcmp(v, "off") != 0) {
		return WHY("must be sta (join wifi.ssid; the setup access point while none "
			   "is set), ap (always the setup access point) or off");
	}
	return 0;
}

/* An SSID netd can be given: 1-32 bytes. The command grammar already
 * refuses control characters and invalid UTF-8, so a configured SSID is
 * printable UTF-8 (an SSID with other bytes cannot be joined by name). */
static int check_ssid(const char *v, char *why, size_t n)
{
	if (strlen(v) > 32) {
		return WHY("is not an SSID (at most 32 bytes)");
	}
	return 0;
}

/* WPA2 personal: a passphrase of 8-63 printable ASCII characters. */
static int check_psk(const char *v, char *why, size_t n)
{
	size_t i, len = strlen(v);

	for (i = 0; i < len && v[i] >= 32 && v[i] <= 126; i++) {
	}
	if (*v && (len < 8 || len > 63 || i != len)) {
		return WHY("is not a WPA passphrase (8-63 printable ASCII characters)");
	}
	return 0;
}

static int check_security(const char *v, char *why, size_t n)
{
	if (*v && strcmp(v, "psk") != 0 && strcmp(v, "open") != 0) {
		return WHY("must be psk (WPA2/WPA3 personal), open, or empty (psk when "
			   "wifi.psk is set)");
	}
	return 0;
}

static int check_country(const char *v, char *why, size_t n)
{
	if (*v && (strlen(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z')) {
		return WHY("is not a country code (two capital letters, ISO 3166-1, e.g. DE)");
	}
	return 0;
}

static int check_timeout(const char *v, char *why, size_t n)
{
	size_t i;

	for (i = 0; v[i] >= '0' && v[i] <= '9' && i < 6; i++) {
	}
	if (i == 0 || v[i] || (v[0] == '0' && i > 1)) {
		return WHY("is not a number of seconds (0 to 999999; 0: never)");
	}
	return 0;
}

const struct setting_def settings_schema[SET_COUNT] = {
	[SET_HOSTNAME] = { "hostname", STYPE_STRING, "tinyfw", check_hostname, 0,
			   SVC_HOSTNAME | SVC_DHCP, "the device's name (RFC 1123 label)" },
	[SET_NET_MODE] = { "net.mode", STYPE_STRING, "dhcp", check_mode, 0,
			   SVC_NET | SVC_DHCP, "dhcp or static addressing" },
	[SET_NET_IP] = { "net.ip", STYPE_STRING, "", check_ipv4, 0, SVC_NET,
			 "static IPv4 address" },
	[SET_NET_MASK] = { "net.mask", STYPE_STRING, "", check_netmask, 0, SVC_NET,
			   "static netmask (dotted quad)" },
	[SET_NET_GW] = { "net.gw", STYPE_STRING, "", check_ipv4, 0, SVC_NET,
			 "static default gateway (may be empty)" },
	[SET_NET_DNS] = { "net.dns", STYPE_STRING, "", check_dns, 0, SVC_NET,
			  "static DNS servers (up to 3, space-separated)" },
	[SET_SSH_ENABLED] = { "ssh.enabled", STYPE_BOOL, "1", check_bool, 0, SVC_SSHD,
			      "run the SSH server" },
	[SET_SSH_PORT] = { "ssh.port", STYPE_UINT, "22", check_port, 0, SVC_SSHD,
			   "SSH server port" },
	[SET_SSH_PASSWORD_AUTH] = { "ssh.password_auth", STYPE_BOOL, "0", check_bool, 0,
				    SVC_SSHD, "allow SSH password login" },
	[SET_CONSOLE_LOGIN] = { "console.login", STYPE_BOOL, "0", check_bool, 0, SVC_CONSOLE,
				"ask for a password on the serial console" },
	[SET_ADMIN_PASSWORD] = { "admin.password", STYPE_STRING, "", check_sha512,
				 SETF_SECRET | SETF_HASH, SVC_AUTH,
				 "the admin (root) password; write-only" },
	[SET_WIFI_MODE] = { "wifi.mode", STYPE_STRING, "sta", check_wifi_mode, 0, SVC_WIFI,
			    "sta, ap (setup access point only) or off" },
	[SET_WIFI_SSID] = { "wifi.ssid", STYPE_STRING, "", check_ssid, SETF_UTF8, SVC_WIFI,
			    "the Wi-Fi network to join (empty: none, setup mode)" },
	[SET_WIFI_PSK] = { "wifi.psk", STYPE_STRING, "", check_psk, SETF_SECRET, SVC_WIFI,
			   "its passphrase (8-63 characters; empty: open); write-only" },
	[SET_WIFI_SECURITY] = { "wifi.security", STYPE_STRING, "", check_security, 0, SVC_WIFI,
				"psk or open (empty: from wifi.psk)" },
	[SET_WIFI_COUNTRY] = { "wifi.country", STYPE_STRING, "", check_country, 0, SVC_WIFI,
			       "regulatory country (two letters; empty: world)" },
	[SET_WIFI_SETUP_TIMEOUT] = { "wifi.setup_timeout", STYPE_UINT, "300", check_timeout, 0,
				     SVC_WIFI, "seconds without a connection before the setup "
				     "access point starts (0: never)" },
	[SET_AP_SSID] = { "ap.ssid", STYPE_STRING, "", check_ssid, SETF_UTF8, SVC_WIFI,
			  "the setup access point's name (empty: tinyfw-XXXX from the MAC)" },
	[SET_AP_PSK] = { "ap.psk", STYPE_STRING, "", check_psk, SETF_SECRET, SVC_WIFI,
			 "the setup access point's passphrase (made on first boot); "
			 "write-only" },
	[SET_AP_OPEN] = { "ap.open", STYPE_BOOL, "0", check_bool, 0, SVC_WIFI,
			  "the setup access point without a passphrase" },
};

static const char *eff(const struct setting_slot *v, int id)
{
	return v[id].set ? v[id].val : settings_schema[id].def;
}

static void fail(struct settings *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
}

static void report(struct settings *s, const char *fmt, ...)
{
	char msg[SETTINGS_ERR_MAX + 32];
	va_list ap;

	if (!s->report) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->report(s->report_arg, msg);
}

/* A value echoed in a message: printable, short, so the message stays one
 * readable line whatever the input was. */
static const char *echo(const char *v, size_t len, char *out, size_t n)
{
	size_t i, max = n - 4;

	for (i = 0; i < len && i < max; i++) {
		out[i] = v[i] >= 0x20 && v[i] < 0x7f ? v[i] : '?';
	}
	strcpy(out + i, i < len ? "..." : "");
	return out;
}

/* The checks every value passes, then the key's own validator. The
 * message names the key, and the value unless it is a secret. */
/* Valid UTF-8 without control characters (C0, DEL, C1). */
static int utf8_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	unsigned cp, need, min;

	while (p < end) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f) {
				return 0;
			}
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			need = 1, cp = *p & 0x1f, min = 0x80;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			need = 2, cp = *p & 0x0f, min = 0x800;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			need = 3, cp = *p & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if ((size_t)(end - p) <= need) {
			return 0;
		}
		for (p++; need; need--, p++) {
			if ((*p & 0xc0) != 0x80) {
				return 0;
			}
			cp = cp << 6 | (*p & 0x3f);
		}
		/* overlong forms, surrogates, beyond U+10FFFF, C1 controls */
		if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp < 0xa0) {
			return 0;
		}
	}
	return 1;
}

static int check_value(int id, const char *v, char *msg, size_t n)
{
	const struct setting_def *d = &settings_schema[id];
	char why[160], e[52];
	size_t i, len = strlen(v);
	int rc = 0;

	for (i = 0; i < len && v[i] >= 0x20 && v[i] < 0x7f; i++) {
	}
	if (len > SETTINGS_VALUE_MAX) {
		rc = snprintf(why, sizeof(why), "is longer than %d bytes", SETTINGS_VALUE_MAX);
	} else if (i != len && (d->flags & SETF_UTF8)) {
		if (!utf8_text(v, len)) {
			rc = snprintf(why, sizeof(why), "is not UTF-8 text");
		} else {
			rc = d->check(v, why, sizeof(why));
		}
	} else if (i != len) {
		rc = snprintf(why, sizeof(why), "holds a byte that is not printable ASCII");
	} else {
		rc = d->check(v, why, sizeof(why));
	}
	if (rc == 0) {
		return 0;
	}
	if (d->flags & SETF_SECRET) {
		snprintf(msg, n, "%s: the value %s", d->key, why);
	} else {
		snprintf(msg, n, "%s: '%s' %s", d->key, echo(v, len, e, sizeof(e)), why);
	}
	return -EINVAL;
}

/* Cross-field rules. Return: the key to blame, or -1 when all is well. */
static int check_together(const struct setting_slot *v, char *why, size_t n)
{
	if (strcmp(eff(v, SET_NET_MODE), "static") == 0 &&
	    (!*eff(v, SET_NET_IP) || !*eff(v, SET_NET_MASK))) {
		snprintf(why, n, "net.mode=static needs net.ip and net.mask");
		return SET_NET_MODE;
	}
	if (strcmp(eff(v, SET_WIFI_SECURITY), "psk") == 0 && !*eff(v, SET_WIFI_PSK)) {
		snprintf(why, n, "wifi.security=psk needs wifi.psk");
		return SET_WIFI_SECURITY;
	}
	if (strcmp(eff(v, SET_WIFI_SECURITY), "open") == 0 && *eff(v, SET_WIFI_PSK)) {
		snprintf(why, n, "wifi.security=open takes no wifi.psk (unset it)");
		return SET_WIFI_SECURITY;
	}
	/* A login prompt with no password to give would lock the console. */
	if (strcmp(eff(v, SET_CONSOLE_LOGIN), "1") == 0 && !*eff(v, SET_ADMIN_PASSWORD)) {
		snprintf(why, n, "console.login=1 needs an admin password (password set) first");
		return SET_CONSOLE_LOGIN;
	}
	return -1;
}

int settings_init(struct settings *s, const char *path, const struct sys_ops *sys,
		  void (*rep)(void *arg, const char *msg), void *arg)
{
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->sys = sys;
	s->report = rep;
	s->report_arg = arg;
	if (strlen(path) > SETTINGS_PATH_MAX) {
		fail(s, "settings file name too long");
		return -ENAMETOOLONG;
	}
	return 0;
}

int settings_find(const char *key)
{
	int id;

	for (id = 0; id < SET_COUNT; id++) {
		if (strcmp(settings_schema[id].key, key) == 0) {
			return id;
		}
	}
	return -ENOENT;
}

const char *settings_get(const struct settings *s, enum setting_id id)
{
	return eff(s->cur, id);
}

unsigned long settings_get_uint(const struct settings *s, enum setting_id id)
{
	if (settings_schema[id].type == STYPE_STRING) {
		return 0;
	}
	return strtoul(eff(s->cur, id), NULL, 10);
}

const char *settings_staged(const struct settings *s, enum setting_id id)
{
	switch (s->stage[id]) {
	case STAGE_SET:
		return s->next[id].val;
	case STAGE_UNSET:
		return settings_schema[id].def;
	default:
		return NULL;
	}
}

const char *settings_shown(enum setting_id id, const char *raw)
{
	if (settings_schema[id].flags & SETF_SECRET) {
		return *raw ? "(set)" : "(unset)";
	}
	return raw;
}

const char *settings_error(const struct settings *s)
{
	return s->err;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* One line of the file. Return: 1 if it was reported as a problem. */
static int load_line(struct settings *s, const char *raw, size_t len, unsigned lineno,
		     unsigned *seen)
{
	char line[SETTINGS_LINE_MAX + 1], msg[SETTINGS_ERR_MAX], e[52];
	char *k, *v, *end;
	int id;

	if (len > 0 && raw[len - 1] == '\r') {
		len--;	/* a file edited on Windows */
	}
	if (len > SETTINGS_LINE_MAX) {
		report(s, "line %u: longer than %d bytes; line skipped", lineno, SETTINGS_LINE_MAX);
		return 1;
	}
	if (memchr(raw, '\0', len)) {
		report(s, "line %u: holds a NUL byte; line skipped", lineno);
		return 1;
	}
	memcpy(line, raw, len);
	line[len] = '\0';
	for (k = line; is_space(*k); k++) {
	}
	if (*k == '\0' || *k == '#') {
		return 0;
	}
	v = strchr(k, '=');
	if (!v) {
		report(s, "line %u: '%s' is not key=value; line skipped", lineno,
		       echo(k, strlen(k), e, sizeof(e)));
		return 1;
	}
	for (end = v; end > k && is_space(end[-1]); end--) {
	}
	*end = '\0';
	for (v++; is_space(*v); v++) {
	}
	for (end = v + strlen(v); end > v && is_space(end[-1]); end--) {
	}
	*end = '\0';
	id = settings_find(k);
	if (id < 0) {
		report(s, "line %u: unknown key '%s'; line skipped", lineno,
		       echo(k, strlen(k), e, sizeof(e)));
		return 1;
	}
	if (check_value(id, v, msg, sizeof(msg)) < 0) {
		report(s, "line %u: %s; line skipped", lineno, msg);
		return 1;
	}
	s->cur[id].set = 1;
	strcpy(s->cur[id].val, v);
	if (seen[id]) {
		report(s, "line %u: %s was already set on line %u; the later line wins", lineno,
		       settings_schema[id].key, seen[id]);
		seen[id] = lineno;
		return 1;
	}
	seen[id] = lineno;
	return 0;
}

int settings_load_buf(struct settings *s, const char *buf, size_t len)
{
	unsigned seen[SET_COUNT] = { 0 }, lineno = 0;
	const char *p = buf, *end = buf + len;
	char why[SETTINGS_ERR_MAX];
	int problems = 0, i, id;

	memset(s->cur, 0, sizeof(s->cur));
	settings_revert(s);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);

		problems += load_line(s, p, l, ++lineno, seen);
		p += l + (nl != NULL);
	}
	/* Each round resets one key to its default, and the defaults pass. */
	for (i = 0; i < SET_COUNT; i++) {
		id = check_together(s->cur, why, sizeof(why));
		if (id < 0) {
			break;
		}
		s->cur[id].set = 0;
		report(s, "%s; %s falls back to its default '%s'", why, settings_schema[id].key,
		       settings_schema[id].def);
		problems++;
	}
	return problems;
}

int settings_load(struct settings *s)
{
	char *buf = malloc(SETTINGS_FILE_MAX);
	size_t len = 0;
	ssize_t n = 0;
	int fd, rc;

	memset(s->cur, 0, sizeof(s->cur));
	settings_revert(s);
	if (!buf) {
		fail(s, "%s: out of memory; using the defaults", s->path);
		return -ENOMEM;
	}
	fd = s->sys->open(s->path, O_RDONLY | O_CLOEXEC, 0);
	if (fd == -ENOENT) {
		free(buf);
		return 0;	/* first boot, or after a factory reset */
	}
	if (fd < 0) {
		rc = fd;
		goto err;
	}
	while (len < SETTINGS_FILE_MAX &&
	       (n = s->sys->read(fd, buf + len, SETTINGS_FILE_MAX - len)) > 0) {
		len += (size_t)n;
	}
	s->sys->close(fd);
	if (n < 0) {
		rc = (int)n;
		goto err;
	}
	if (len == SETTINGS_FILE_MAX) {
		/* Parse whole lines only: a line cut in two could still be valid. */
		while (len > 0 && buf[len - 1] != '\n') {
			len--;
		}
		report(s, "%s: larger than %d bytes; the rest is ignored", s->path,
		       SETTINGS_FILE_MAX);
		rc = settings_load_buf(s, buf, len) + 1;
	} else {
		rc = settings_load_buf(s, buf, len);
	}
	free(buf);
	return rc;
err:
	free(buf);
	fail(s, "cannot read %s: %s; using the defaults", s->path, strerror(-rc));
	report(s, "%s", s->err);
	return rc;
}

static int stage_check(struct settings *s, const char *key)
{
	int id = settings_find(key);
	char e[52];

	if (id < 0) {
		fail(s, "unknown key '%s'; nothing changed", echo(key, strlen(key), e, sizeof(e)));
	}
	return id;
}

/* crypt() with "$6$" and 96 random bits of salt (16 characters). */
static int hash_password(struct settings *s, const char *plain, char *out)
{
	static const char b64[] =
		"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	unsigned char rnd[12];
	char salt[3 + 16 + 2] = "$6$", why[8];
	const char *h;
	int i, rc;

	rc = s->sys->getrandom(rnd, sizeof(rnd));
	if (rc < 0) {
		fail(s, "admin.password: no random salt: %s; nothing changed", strerror(-rc));
		return rc;
	}
	for (i = 0; i < 16; i++) {
		unsigned bits = (unsigned)rnd[i / 4 * 3] << 16 | (unsigned)rnd[i / 4 * 3 + 1] << 8 |
				rnd[i / 4 * 3 + 2];

		salt[3 + i] = b64[bits >> (18 - 6 * (i % 4)) & 63];
	}
	strcpy(salt + 19, "$");
	h = crypt(plain, salt);
	/* libxcrypt answers "*0"-style tokens instead of NULL on failure. */
	if (!h || strlen(h) > SETTINGS_VALUE_MAX || check_sha512(h, why, sizeof(why)) < 0) {
		fail(s, "admin.password: crypt() cannot make SHA-512 hashes; nothing changed");
		return -ENOSYS;
	}
	strcpy(out, h);
	return 0;
}

int settings_set(struct settings *s, const char *key, const char *value)
{
	char stored[SETTINGS_VALUE_MAX + 1];
	int id = stage_check(s, key), rc;
	size_t len = strlen(value);

	if (id < 0) {
		return id;
	}
	if (settings_schema[id].flags & SETF_HASH) {
		size_t i;

		for (i = 0; i < len && value[i] >= 0x20 && value[i] < 0x7f; i++) {
		}
		if (len < PASSWORD_MIN || len > PASSWORD_MAX || i != len) {
			fail(s, "%s: a password needs %d-%d printable ASCII characters; "
			     "nothing changed", key, PASSWORD_MIN, PASSWORD_MAX);
			return -EINVAL;
		}
		rc = hash_password(s, value, stored);
		if (rc < 0) {
			return rc;
		}
		value = stored;
	}
	if (check_value(id, value, s->err, sizeof(s->err) - 20) < 0) {
		strcat(s->err, "; nothing changed");
		return -EINVAL;
	}
	strcpy(s->next[id].val, value);
	s->next[id].set = 1;
	s->stage[id] = STAGE_SET;
	return 0;
}

int settings_unset(struct settings *s, const char *key)
{
	int id = stage_check(s, key);

	if (id < 0) {
		return id;
	}
	s->next[id].set = 0;
	s->stage[id] = STAGE_UNSET;
	return 0;
}

int settings_pending(const struct settings *s)
{
	int id, n = 0;

	for (id = 0; id < SET_COUNT; id++) {
		n += s->stage[id] != STAGE_NONE;
	}
	return n;
}

int settings_revert(struct settings *s)
{
	int n = settings_pending(s);

	memset(s->stage, STAGE_NONE, sizeof(s->stage));
	memset(s->next, 0, sizeof(s->next));
	return n;
}

static size_t format_slots(const struct setting_slot *v, char *buf, size_t n)
{
	size_t len;
	int id, w;

	w = snprintf(buf, n, "# netd settings (docs/settings.md), written by netd on commit.\n"
			     "# Change them with: netctl set KEY VALUE; netctl commit\n");
	len = (size_t)w;
	for (id = 0; id < SET_COUNT; id++) {
		if (v[id].set) {
			w = snprintf(len < n ? buf + len : NULL, len < n ? n - len : 0, "%s=%s\n",
				     settings_schema[id].key, v[id].val);
			len += (size_t)w;
		}
	}
	return len;
}

size_t settings_format(const struct settings *s, char *buf, size_t n)
{
	return format_slots(s->cur, buf, n);
}

/* Write @path.tmp, fsync it, rename it over @path, fsync the directory:
 * a power cut at any point leaves the old file or the new one. */
static int save(struct settings *s, const char *buf, size_t len)
{
	const char *step = "create";
	int rc = sys_save_file(s->sys, s->path, buf, len, 0600, &step);

	if (rc == 1) {
		report(s, "saved %s, but cannot flush its directory: a power cut now may "
			  "bring back the previous settings", s->path);
		return 0;
	}
	if (rc < 0) {
		fail(s, "cannot %s %s.tmp: %s; nothing saved, the staged changes are kept", step,
		     s->path, strerror(-rc));
	}
	return rc;
}

int settings_commit(struct settings *s)
{
	struct setting_slot nv[SET_COUNT];
	char buf[FILE_OUT_MAX], why[SETTINGS_ERR_MAX];
	unsigned mask = 0;
	size_t len;
	int id, rc;

	if (settings_pending(s) == 0) {
		return 0;
	}
	for (id = 0; id < SET_COUNT; id++) {
		nv[id] = s->stage[id] == STAGE_NONE ? s->cur[id] : s->next[id];
		if (check_value(id, eff(nv, id), why, sizeof(why)) < 0) {
			fail(s, "%s; nothing saved, the staged changes are kept", why);
			return -EINVAL;
		}
	}
	if (check_together(nv, why, sizeof(why)) >= 0) {
		fail(s, "%s; nothing saved, the staged changes are kept", why);
		return -EINVAL;
	}
	len = format_slots(nv, buf, sizeof(buf));
	if (len >= sizeof(buf)) {
		fail(s, "settings do not fit %zu bytes; nothing saved", sizeof(buf));
		return -EFBIG;
	}
	rc = save(s, buf, len);
	if (rc < 0) {
		return rc;
	}
	for (id = 0; id < SET_COUNT; id++) {
		if (strcmp(eff(s->cur, id), eff(nv, id)) != 0) {
			mask |= settings_schema[id].svc;
		}
	}
	memcpy(s->cur, nv, sizeof(nv));
	settings_revert(s);
	return (int)mask;
}
