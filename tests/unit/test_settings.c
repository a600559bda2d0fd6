/* Unit tests for netd/settings.c: validators, the file parser, the
 * transaction, the atomic save (with injected failures) and secrets. */
#define _GNU_SOURCE
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "settings.h"

/* ---- a sys layer that fails the Nth call of one operation ---- */
static struct {
	const char *op;	/* which operation fails */
	int nth;	/* its how-many-th call from now (1 = the next) */
	int err;	/* with this -errno */
	int short_writes;	/* write one byte per call */
} inj;

static int hit(const char *op)
{
	if (inj.op && strcmp(inj.op, op) == 0 && --inj.nth == 0) {
		inj.op = NULL;
		return 1;
	}
	return 0;
}

static int f_open(const char *p, int fl, mode_t m)
{
	return hit("open") ? inj.err : sys_linux.open(p, fl, m);
}

static ssize_t f_read(int fd, void *b, size_t n)
{
	return hit("read") ? inj.err : sys_linux.read(fd, b, n);
}

static ssize_t f_write(int fd, const void *b, size_t n)
{
	if (hit("write")) {
		return inj.err;
	}
	return sys_linux.write(fd, b, inj.short_writes && n > 1 ? 1 : n);
}

static int f_fsync(int fd)
{
	return hit("fsync") ? inj.err : sys_linux.fsync(fd);
}

static int f_close(int fd)
{
	int rc = sys_linux.close(fd);	/* the fd is gone either way, as on Linux */

	return hit("close") ? inj.err : rc;
}

static int f_rename(const char *a, const char *b)
{
	return hit("rename") ? inj.err : sys_linux.rename(a, b);
}

static int f_getrandom(void *b, size_t n)
{
	return hit("getrandom") ? inj.err : sys_linux.getrandom(b, n);
}

static int f_unlink(const char *p)
{
	return sys_linux.unlink(p);
}

static const struct sys_ops fake_ops = {
	.open = f_open, .read = f_read, .write = f_write, .fsync = f_fsync,
	.close = f_close, .rename = f_rename, .unlink = f_unlink, .getrandom = f_getrandom,
};

/* ---- fixture: a store on a file in a fresh temp dir ---- */
struct fx {
	char dir[64];
	char path[96];
	char tmp[104];
	char reports[8192];
	int nreports;
	struct settings s;
};

static void collect(void *arg, const char *msg)
{
	struct fx *f = arg;
	size_t len = strlen(f->reports);

	snprintf(f->reports + len, sizeof(f->reports) - len, "%s\n", msg);
	f->nreports++;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	memset(&inj, 0, sizeof(inj));
	strcpy(f->dir, "/tmp/test_settings.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/netd.conf", f->dir);
	snprintf(f->tmp, sizeof(f->tmp), "%s/netd.conf.tmp", f->dir);
	assert_int_equal(settings_init(&f->s, f->path, &fake_ops, collect, f), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	unlink(f->path);
	unlink(f->tmp);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	fclose(fp);
}

/* The file's content, NUL-terminated, or NULL when there is no file. */
static char *read_file(const char *path)
{
	static char buf[1 << 17];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp) {
		return NULL;
	}
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int load_str(struct fx *f, const char *content)
{
	f->reports[0] = '\0';
	f->nreports = 0;
	write_file(f->path, content, strlen(content));
	return settings_load(&f->s);
}

/* ---- the schema ---- */

static void test_defaults(void **state)
{
	struct fx *f = *state;

	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "tinyfw");
	assert_string_equal(settings_get(&f->s, SET_NET_MODE), "dhcp");
	assert_string_equal(settings_get(&f->s, SET_NET_IP), "");
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 22);
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_ENABLED), 1);
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PASSWORD_AUTH), 0);
	assert_int_equal(settings_get_uint(&f->s, SET_CONSOLE_LOGIN), 0);
	assert_int_equal(settings_get_uint(&f->s, SET_HOSTNAME), 0);
	assert_string_equal(settings_shown(SET_ADMIN_PASSWORD, settings_get(&f->s, SET_ADMIN_PASSWORD)),
			    "(unset)");
	assert_int_equal(settings_find("hostname"), SET_HOSTNAME);
	assert_int_equal(settings_find("admin.password"), SET_ADMIN_PASSWORD);
	assert_int_equal(settings_find("nope"), -ENOENT);
	assert_int_equal(settings_find("Hostname"), -ENOENT);
	assert_int_equal(settings_pending(&f->s), 0);
	/* no load: a missing file is the first boot, not an error */
	assert_int_equal(settings_load(&f->s), 0);
	assert_int_equal(f->nreports, 0);
}

static void test_schema_sane(void **state)
{
	char why[256];
	int id;

	(void)state;
	for (id = 0; id < SET_COUNT; id++) {
		const struct setting_def *d = &settings_schema[id];

		assert_non_null(d->key);
		assert_non_null(d->help);
		assert_true(d->svc != 0);
		/* every default passes its own validator */
		assert_int_equal(d->check(d->def, why, sizeof(why)), 0);
	}
}

struct vcase {
	const char *key, *value;
	int ok;
};

static const struct vcase cases[] = {
	{ "hostname", "tinyfw", 1 },
	{ "hostname", "a", 1 },
	{ "hostname", "Dev-01", 1 },
	{ "hostname", "0abc", 1 },
	{ "hostname", "a23456789012345678901234567890123456789012345678901234567890123", 1 },
	{ "hostname", "a234567890123456789012345678901234567890123456789012345678901234", 0 },
	{ "hostname", "", 0 },
	{ "hostname", "-a", 0 },
	{ "hostname", "a-", 0 },
	{ "hostname", "-", 0 },
	{ "hostname", "a b", 0 },
	{ "hostname", "a.b", 0 },
	{ "hostname", "a_b", 0 },
	{ "hostname", "h\xc3\xa9", 0 },
	{ "hostname", "a\x01", 0 },
	{ "net.mode", "dhcp", 1 },
	{ "net.mode", "static", 1 },
	{ "net.mode", "DHCP", 0 },
	{ "net.mode", "", 0 },
	{ "net.mode", "none", 0 },
	{ "net.mode", "static ", 0 },
	{ "net.ip", "192.168.1.10", 1 },
	{ "net.ip", "0.0.0.0", 1 },
	{ "net.ip", "255.255.255.255", 1 },
	{ "net.ip", "10.0.0.1", 1 },
	{ "net.ip", "", 1 },
	{ "net.ip", "999.1.1.1", 0 },
	{ "net.ip", "256.1.1.1", 0 },
	{ "net.ip", "1.2.3.256", 0 },
	{ "net.ip", "1.2.3", 0 },
	{ "net.ip", "1.2.3.4.5", 0 },
	{ "net.ip", "01.2.3.4", 0 },
	{ "net.ip", "1.2.3.04", 0 },
	{ "net.ip", "1.2.3.00", 0 },
	{ "net.ip", "1..2.3", 0 },
	{ "net.ip", "1.2.3.", 0 },
	{ "net.ip", ".1.2.3", 0 },
	{ "net.ip", " 1.2.3.4", 0 },
	{ "net.ip", "1.2.3.4 ", 0 },
	{ "net.ip", "0x1.2.3.4", 0 },
	{ "net.ip", "1.2.3.-1", 0 },
	{ "net.ip", "+1.2.3.4", 0 },
	{ "net.ip", "1.2.3.4/24", 0 },
	{ "net.ip", "1234.1.1.1", 0 },
	{ "net.ip", "0001.1.1.1", 0 },
	{ "net.ip", "16909060", 0 },
	{ "net.ip", "::1", 0 },
	{ "net.mask", "255.255.255.0", 1 },
	{ "net.mask", "255.255.255.255", 1 },
	{ "net.mask", "255.255.252.0", 1 },
	{ "net.mask", "128.0.0.0", 1 },
	{ "net.mask", "", 1 },
	{ "net.mask", "0.0.0.0", 0 },
	{ "net.mask", "255.0.255.0", 0 },
	{ "net.mask", "255.255.255.1", 0 },
	{ "net.mask", "0.255.255.255", 0 },
	{ "net.mask", "24", 0 },
	{ "net.mask", "/24", 0 },
	{ "net.mask", "255.255.255.00", 0 },
	{ "net.gw", "", 1 },
	{ "net.gw", "192.168.1.1", 1 },
	{ "net.gw", "192.168.1", 0 },
	{ "net.gw", "gateway", 0 },
	{ "net.dns", "", 1 },
	{ "net.dns", "1.1.1.1", 1 },
	{ "net.dns", "1.1.1.1 8.8.8.8", 1 },
	{ "net.dns", "1.1.1.1 8.8.8.8 9.9.9.9", 1 },
	{ "net.dns", "1.1.1.1 8.8.8.8 9.9.9.9 1.0.0.1", 0 },
	{ "net.dns", "1.1.1.1  8.8.8.8", 0 },
	{ "net.dns", " 1.1.1.1", 0 },
	{ "net.dns", "1.1.1.1 ", 0 },
	{ "net.dns", "1.1.1.1,8.8.8.8", 0 },
	{ "net.dns", "1.1.1.1\t8.8.8.8", 0 },
	{ "net.dns", "dns.example", 0 },
	{ "net.dns", " ", 0 },
	{ "ssh.enabled", "0", 1 },
	{ "ssh.enabled", "1", 1 },
	{ "ssh.enabled", "2", 0 },
	{ "ssh.enabled", "yes", 0 },
	{ "ssh.enabled", "true", 0 },
	{ "ssh.enabled", "01", 0 },
	{ "ssh.enabled", "", 0 },
	{ "ssh.password_auth", "1", 1 },
	{ "ssh.password_auth", "on", 0 },
	{ "console.login", "1", 1 },
	{ "console.login", "0", 1 },
	{ "console.login", " 1", 0 },
	{ "ssh.port", "22", 1 },
	{ "ssh.port", "1", 1 },
	{ "ssh.port", "2222", 1 },
	{ "ssh.port", "65535", 1 },
	{ "ssh.port", "0", 0 },
	{ "ssh.port", "65536", 0 },
	{ "ssh.port", "022", 0 },
	{ "ssh.port", "-1", 0 },
	{ "ssh.port", "+22", 0 },
	{ "ssh.port", "22a", 0 },
	{ "ssh.port", "", 0 },
	{ "ssh.port", "99999999999999999999", 0 },
	{ "ssh.port", "0x16", 0 },
	{ "admin.password", "correct horse", 1 },
	{ "admin.password", "12345678", 1 },
	{ "admin.password", "$6$abc$def", 1 },	/* a plaintext like any other */
	{ "admin.password", "short", 0 },
	{ "admin.password", "", 0 },
	{ "admin.password", "tab\there12345", 0 },
	{ "admin.password", "p\xc3\xa4sswort123", 0 },
	{ "wifi.mode", "sta", 1 },
	{ "wifi.mode", "ap", 1 },
	{ "wifi.mode", "off", 1 },
	{ "wifi.mode", "AP", 0 },
	{ "wifi.mode", "", 0 },
	{ "wifi.ssid", "tinyfw-test", 1 },
	{ "wifi.ssid", "", 1 },			/* none: setup mode */
	{ "wifi.ssid", "caf\xc3\xa9 \"o'k\"", 1 },	/* UTF-8 and quotes */
	{ "wifi.ssid", "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		       "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xf0\x9f\x98\x80" "abcd", 1 }, /* 32 bytes */
	{ "wifi.ssid", "012345678901234567890123456789012", 0 },	/* 33 bytes */
	{ "wifi.ssid", "caf\xc3", 0 },		/* cut UTF-8 */
	{ "wifi.ssid", "\xc0\xaf", 0 },		/* overlong */
	{ "wifi.ssid", "\xed\xa0\x80", 0 },	/* a surrogate */
	{ "wifi.ssid", "a\xc2\x85" "b", 0 },		/* C1 control (NEL) */
	{ "wifi.ssid", "a\nb", 0 },
	{ "wifi.psk", "correct horse battery", 1 },
	{ "wifi.psk", "12345678", 1 },
	{ "wifi.psk", "", 1 },			/* open */
	{ "wifi.psk", "1234567", 0 },
	{ "wifi.psk", "0123456789012345678901234567890123456789012345678901234567890123", 0 },
	{ "wifi.psk", "caf\xc3\xa9 au lait", 0 },	/* not ASCII */
	{ "wifi.security", "psk", 1 },
	{ "wifi.security", "open", 1 },
	{ "wifi.security", "wep", 0 },
	{ "wifi.country", "DE", 1 },
	{ "wifi.country", "", 1 },
	{ "wifi.country", "de", 0 },
	{ "wifi.country", "DEU", 0 },
	{ "wifi.setup_timeout", "0", 1 },
	{ "wifi.setup_timeout", "300", 1 },
	{ "wifi.setup_timeout", "0300", 0 },
	{ "wifi.setup_timeout", "-1", 0 },
	{ "wifi.setup_timeout", "1000000", 0 },
	{ "ap.ssid", "", 1 },
	{ "ap.psk", "short", 0 },
	{ "ap.open", "1", 1 },
	{ "ap.open", "yes", 0 },
};

static void test_values(void **state)
{
	struct fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcase *c = &cases[i];
		int rc = settings_set(&f->s, c->key, c->value);

		if (c->ok) {
			if (rc != 0) {
				fail_msg("%s='%s' refused: %s", c->key, c->value, settings_error(&f->s));
			}
			assert_non_null(settings_staged(&f->s, settings_find(c->key)));
		} else {
			if (rc != -EINVAL) {
				fail_msg("%s='%s' accepted (rc %d)", c->key, c->value, rc);
			}
			/* the message names the key and says nothing changed */
			assert_non_null(strstr(settings_error(&f->s), c->key));
			assert_non_null(strstr(settings_error(&f->s), "nothing changed"));
		}
		settings_revert(&f->s);
	}
}

static void test_value_limits(void **state)
{
	struct fx *f = *state;
	char big[300];

	memset(big, 'a', sizeof(big));
	big[256] = '\0';
	assert_int_equal(settings_set(&f->s, "hostname", big), -EINVAL);
	assert_non_null(strstr(settings_error(&f->s), "longer than 255"));
	assert_int_equal(settings_set(&f->s, "net.ip", "1.2.3.4\n"), -EINVAL);
	assert_non_null(strstr(settings_error(&f->s), "not printable"));
	/* the echo of a bad value is printable and short */
	assert_null(strchr(settings_error(&f->s), '\n'));
	assert_int_equal(settings_set(&f->s, "no.such", "1"), -ENOENT);
	assert_string_equal(settings_error(&f->s), "unknown key 'no.such'; nothing changed");
	assert_int_equal(settings_unset(&f->s, "no.such"), -ENOENT);
	assert_int_equal(settings_pending(&f->s), 0);
	assert_int_equal(settings_set(&f->s, "net.ip", "999.1.1.1"), -EINVAL);
	assert_string_equal(settings_error(&f->s),
			    "net.ip: '999.1.1.1' is not an IPv4 address (a.b.c.d, each 0-255, "
			    "no leading zeros); nothing changed");
}

/* ---- secrets ---- */

static void test_password(void **state)
{
	struct fx *f = *state;
	const char *staged, *file;
	char h1[256];

	assert_int_equal(settings_set(&f->s, "admin.password", "correct horse"), 0);
	staged = settings_staged(&f->s, SET_ADMIN_PASSWORD);
	assert_non_null(staged);
	assert_int_equal(strncmp(staged, "$6$", 3), 0);
	assert_int_equal(strlen(staged), 3 + 16 + 1 + 86);
	assert_string_equal(crypt("correct horse", staged), staged);
	assert_string_equal(settings_shown(SET_ADMIN_PASSWORD, staged), "(set)");
	strcpy(h1, staged);
	/* a fresh salt each time */
	assert_int_equal(settings_set(&f->s, "admin.password", "correct horse"), 0);
	assert_string_not_equal(settings_staged(&f->s, SET_ADMIN_PASSWORD), h1);
	assert_int_equal(settings_commit(&f->s), SVC_AUTH);
	file = read_file(f->path);
	assert_non_null(file);
	assert_null(strstr(file, "correct horse"));
	assert_non_null(strstr(file, "admin.password=$6$"));
	/* the file is root's only: it holds the hash */
	{
		struct stat st;

		assert_int_equal(stat(f->path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
	}
	/* and it loads back */
	assert_int_equal(settings_load(&f->s), 0);
	assert_string_equal(crypt("correct horse", settings_get(&f->s, SET_ADMIN_PASSWORD)),
			    settings_get(&f->s, SET_ADMIN_PASSWORD));
	/* errors about the secret never echo it */
	assert_int_equal(settings_set(&f->s, "admin.password", "hunter2"), -EINVAL);
	assert_null(strstr(settings_error(&f->s), "hunter2"));
	/* no entropy: nothing staged */
	inj.op = "getrandom", inj.nth = 1, inj.err = -ENOSYS;
	assert_int_equal(settings_set(&f->s, "admin.password", "correct horse"), -ENOSYS);
	assert_int_equal(settings_pending(&f->s), 0);
	assert_non_null(strstr(settings_error(&f->s), "nothing changed"));
	/* unset: back to no password */
	assert_int_equal(settings_unset(&f->s, "admin.password"), 0);
	assert_string_equal(settings_shown(SET_ADMIN_PASSWORD, settings_staged(&f->s, SET_ADMIN_PASSWORD)),
			    "(unset)");
	assert_int_equal(settings_commit(&f->s), SVC_AUTH);
	assert_null(strstr(read_file(f->path), "admin.password"));
}

static void test_load_secret_not_echoed(void **state)
{
	struct fx *f = *state;

	char line[256];

	assert_int_equal(load_str(f, "admin.password=hunter2-in-clear\n"
				     "admin.password=$6$pepper$short\n"), 2);
	assert_null(strstr(f->reports, "hunter2"));
	assert_null(strstr(f->reports, "pepper"));
	assert_non_null(strstr(f->reports, "line 1: admin.password: the value is not a SHA-512"));
	assert_string_equal(settings_get(&f->s, SET_ADMIN_PASSWORD), "");
	/* what mkpasswd -m sha-512 -R 10000 writes is accepted */
	snprintf(line, sizeof(line), "admin.password=%s\n",
		 crypt("secret12", "$6$rounds=10000$abcdefgh$"));
	assert_int_equal(load_str(f, line), 0);
	assert_string_equal(settings_shown(SET_ADMIN_PASSWORD, settings_get(&f->s, SET_ADMIN_PASSWORD)),
			    "(set)");
}

/* ---- the file ---- */

static void test_load_good(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load_str(f, "# a comment\n"
				     "\n"
				     "   \t\n"
				     "  # indented comment\n"
				     "hostname=dev1\n"
				     "  net.dns = 1.1.1.1 8.8.8.8  \n"
				     "ssh.port=2222\n"
				     "net.gw=\n"
				     "ssh.password_auth=1"),	/* no final newline */
			 0);
	assert_int_equal(f->nreports, 0);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "dev1");
	assert_string_equal(settings_get(&f->s, SET_NET_DNS), "1.1.1.1 8.8.8.8");
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 2222);
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PASSWORD_AUTH), 1);
	assert_string_equal(settings_get(&f->s, SET_NET_MODE), "dhcp");
}

static void test_load_crlf(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load_str(f, "hostname=win\r\nssh.port=23\r\n"), 0);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "win");
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 23);
}

static void test_load_bad_lines(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load_str(f, "hostname=good\n"	/* 1 */
				     "bogus.key=1\n"	/* 2 */
				     "this is garbage\n"	/* 3 */
				     "net.ip=999.1.1.1\n"	/* 4 */
				     "ssh.port=2222\n"	/* 5 */
				     "hostname=bad name\n"	/* 6: the earlier value stays */
				     "=novalue\n"		/* 7 */
				     "ssh.port=2223\n"	/* 8: duplicate, later wins */
				     "ssh.enabled=0\n"),	/* 9 */
			 6);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "good");
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 2223);
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_ENABLED), 0);
	assert_string_equal(settings_get(&f->s, SET_NET_IP), "");
	assert_non_null(strstr(f->reports, "line 2: unknown key 'bogus.key'; line skipped\n"));
	assert_non_null(strstr(f->reports, "line 3: 'this is garbage' is not key=value; line skipped\n"));
	assert_non_null(strstr(f->reports, "line 4: net.ip: '999.1.1.1' is not an IPv4 address"));
	assert_non_null(strstr(f->reports, "line 6: hostname: 'bad name' is not a host name"));
	assert_non_null(strstr(f->reports, "line 7: unknown key ''"));
	assert_non_null(strstr(f->reports,
			       "line 8: ssh.port was already set on line 5; the later line wins\n"));
}

static void test_load_nul_and_binary(void **state)
{
	struct fx *f = *state;
	static const char content[] = "hostname=a\0b\nssh.port=24\n\xff\xfe=\x01\nnet.mode=st\x7f""atic\n";

	f->reports[0] = '\0';
	write_file(f->path, content, sizeof(content) - 1);
	assert_int_equal(settings_load(&f->s), 3);
	assert_non_null(strstr(f->reports, "line 1: holds a NUL byte; line skipped"));
	assert_non_null(strstr(f->reports, "line 3: unknown key '?\?'"));
	assert_non_null(strstr(f->reports, "line 4: net.mode: 'st?atic' holds a byte that is not printable"));
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "tinyfw");
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 24);
	/* reports are single printable lines */
	{
		const char *p;

		for (p = f->reports; *p; p++) {
			assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
		}
	}
}

static void test_load_long_lines(void **state)
{
	struct fx *f = *state;
	char *buf = malloc(3 * SETTINGS_LINE_MAX);
	size_t n = 0;

	/* a comment longer than a line may be is skipped like any line */
	n += (size_t)sprintf(buf + n, "hostname=");
	memset(buf + n, 'x', 300);
	n += 300;
	n += (size_t)sprintf(buf + n, "\n#");
	memset(buf + n, 'c', SETTINGS_LINE_MAX + 10);
	n += SETTINGS_LINE_MAX + 10;
	n += (size_t)sprintf(buf + n, "\nssh.port=25\n");
	buf[n] = '\0';
	assert_int_equal(load_str(f, buf), 2);
	assert_non_null(strstr(f->reports, "line 1: hostname: 'xxxx"));
	assert_non_null(strstr(f->reports, "...' is longer than 255 bytes"));
	assert_non_null(strstr(f->reports, "line 2: longer than 1024 bytes"));
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 25);
	free(buf);
}

static void test_load_huge_file(void **state)
{
	struct fx *f = *state;
	size_t n = 0, size = SETTINGS_FILE_MAX + 4096;
	char *buf = malloc(size + 1);

	n += (size_t)sprintf(buf, "ssh.port=26\n");
	while (n < SETTINGS_FILE_MAX - 20) {
		n += (size_t)sprintf(buf + n, "# filler filler filler\n");
	}
	/* this line straddles the limit: it must not load cut short */
	n += (size_t)sprintf(buf + n, "hostname=abcdefghijklmnopqrstuvwxyz0123456789\n");
	while (n < size - 30) {
		n += (size_t)sprintf(buf + n, "#\n");
	}
	n += (size_t)sprintf(buf + n, "console.login=1\n");
	assert_int_equal(load_str(f, buf), 1);
	assert_non_null(strstr(f->reports, "larger than 65536 bytes; the rest is ignored"));
	assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 26);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "tinyfw");
	assert_int_equal(settings_get_uint(&f->s, SET_CONSOLE_LOGIN), 0);
	free(buf);
}

static void test_load_cross_field(void **state)
{
	struct fx *f = *state;

	assert_int_equal(load_str(f, "net.mode=static\nnet.ip=10.0.0.2\n"), 1);
	assert_string_equal(settings_get(&f->s, SET_NET_MODE), "dhcp");
	assert_string_equal(settings_get(&f->s, SET_NET_IP), "10.0.0.2");
	assert_non_null(strstr(f->reports, "net.mode=static needs net.ip and net.mask; "
					   "net.mode falls back to its default 'dhcp'"));
	assert_int_equal(load_str(f, "net.mode=static\nnet.ip=10.0.0.2\nnet.mask=255.0.0.0\n"), 0);
	assert_string_equal(settings_get(&f->s, SET_NET_MODE), "static");
}

static void test_load_unreadable(void **state)
{
	struct fx *f = *state;

	load_str(f, "hostname=x1\n");
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "x1");
	inj.op = "read", inj.nth = 1, inj.err = -EIO;
	f->reports[0] = '\0';
	assert_int_equal(settings_load(&f->s), -EIO);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "tinyfw");
	assert_non_null(strstr(f->reports, "using the defaults"));
	inj.op = "open", inj.nth = 1, inj.err = -EACCES;
	assert_int_equal(settings_load(&f->s), -EACCES);
}

static void test_load_drops_staged(void **state)
{
	struct fx *f = *state;

	assert_int_equal(settings_set(&f->s, "hostname", "staged"), 0);
	assert_int_equal(load_str(f, ""), 0);
	assert_int_equal(settings_pending(&f->s), 0);
}

/* ---- the transaction ---- */

static void test_stage_revert(void **state)
{
	struct fx *f = *state;

	assert_int_equal(settings_set(&f->s, "hostname", "new"), 0);
	assert_int_equal(settings_set(&f->s, "ssh.port", "2200"), 0);
	assert_int_equal(settings_set(&f->s, "ssh.port", "2201"), 0);	/* restaging replaces */
	assert_int_equal(settings_pending(&f->s), 2);
	/* get still answers the committed value */
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "tinyfw");
	assert_string_equal(settings_staged(&f->s, SET_HOSTNAME), "new");
	assert_string_equal(settings_staged(&f->s, SET_SSH_PORT), "2201");
	assert_null(settings_staged(&f->s, SET_NET_IP));
	assert_int_equal(settings_revert(&f->s), 2);
	assert_int_equal(settings_pending(&f->s), 0);
	assert_null(settings_staged(&f->s, SET_HOSTNAME));
	assert_int_equal(settings_commit(&f->s), 0);	/* nothing staged: nothing written */
	assert_null(read_file(f->path));
}

static void test_commit_roundtrip(void **state)
{
	struct fx *f = *state;
	struct settings s2;
	char buf[4096];
	int id;

	assert_int_equal(settings_set(&f->s, "hostname", "dev7"), 0);
	assert_int_equal(settings_set(&f->s, "net.dns", "9.9.9.9 1.1.1.1"), 0);
	assert_int_equal(settings_set(&f->s, "ssh.port", "2022"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_HOSTNAME | SVC_DHCP | SVC_NET | SVC_SSHD);
	assert_int_equal(settings_pending(&f->s), 0);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "dev7");
	assert_null(read_file(f->tmp));
	/* the file is what settings_format() says, and loads back the same */
	settings_format(&f->s, buf, sizeof(buf));
	assert_string_equal(read_file(f->path), buf);
	assert_non_null(strstr(buf, "\nhostname=dev7\n"));
	assert_null(strstr(buf, "ssh.enabled"));	/* defaults are not written */
	assert_int_equal(settings_init(&s2, f->path, &sys_linux, NULL, NULL), 0);
	assert_int_equal(settings_load(&s2), 0);
	for (id = 0; id < SET_COUNT; id++) {
		assert_string_equal(settings_get(&s2, id), settings_get(&f->s, id));
	}
	/* unset: back to the default, and out of the file */
	assert_int_equal(settings_unset(&f->s, "hostname"), 0);
	assert_string_equal(settings_staged(&f->s, SET_HOSTNAME), "tinyfw");
	assert_int_equal(settings_commit(&f->s), SVC_HOSTNAME | SVC_DHCP);
	assert_null(strstr(read_file(f->path), "hostname"));
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "tinyfw");
}

static void test_commit_mask(void **state)
{
	struct fx *f = *state;

	/* the same value again: saved, but nothing to restart */
	assert_int_equal(settings_set(&f->s, "hostname", "tinyfw"), 0);
	assert_int_equal(settings_commit(&f->s), 0);
	assert_non_null(strstr(read_file(f->path), "hostname=tinyfw"));
	assert_int_equal(settings_set(&f->s, "ssh.password_auth", "1"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_SSHD);
	/* a console login needs a password to log in with */
	assert_int_equal(settings_set(&f->s, "console.login", "1"), 0);
	assert_int_equal(settings_commit(&f->s), -EINVAL);
	assert_non_null(strstr(settings_error(&f->s), "console.login=1 needs an admin password"));
	assert_int_equal(settings_set(&f->s, "admin.password", "correct-horse"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_CONSOLE | SVC_AUTH);
	assert_int_equal(settings_unset(&f->s, "admin.password"), 0);
	assert_int_equal(settings_commit(&f->s), -EINVAL);
	assert_int_equal(settings_revert(&f->s), 1);
	/* unset of a key at its default changes nothing */
	assert_int_equal(settings_unset(&f->s, "net.gw"), 0);
	assert_int_equal(settings_commit(&f->s), 0);
	assert_int_equal(settings_set(&f->s, "net.gw", "10.0.0.1"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_NET);
}

static void test_commit_cross_field(void **state)
{
	struct fx *f = *state;

	assert_int_equal(settings_set(&f->s, "net.mode", "static"), 0);
	assert_int_equal(settings_set(&f->s, "net.ip", "10.0.0.2"), 0);
	assert_int_equal(settings_commit(&f->s), -EINVAL);
	assert_string_equal(settings_error(&f->s), "net.mode=static needs net.ip and net.mask; "
						   "nothing saved, the staged changes are kept");
	assert_int_equal(settings_pending(&f->s), 2);
	assert_string_equal(settings_get(&f->s, SET_NET_MODE), "dhcp");
	assert_null(read_file(f->path));
	assert_int_equal(settings_set(&f->s, "net.mask", "255.255.255.0"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_NET | SVC_DHCP);
	assert_string_equal(settings_get(&f->s, SET_NET_MODE), "static");
	/* unsetting the address of a static setup is refused as a whole */
	assert_int_equal(settings_unset(&f->s, "net.ip"), 0);
	assert_int_equal(settings_commit(&f->s), -EINVAL);
	assert_string_equal(settings_get(&f->s, SET_NET_IP), "10.0.0.2");
	/* and fine once back on DHCP */
	assert_int_equal(settings_set(&f->s, "net.mode", "dhcp"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_NET | SVC_DHCP);
	assert_string_equal(settings_get(&f->s, SET_NET_IP), "");
}

/* A commit that fails at any step leaves memory, the file and the stage
 * as they were, and no temp file behind. */
static void test_commit_failures(void **state)
{
	static const struct { const char *op; int nth, err; const char *msg; } steps[] = {
		{ "open", 1, -EROFS, "cannot create" },
		{ "write", 1, -ENOSPC, "cannot write" },
		{ "write", 2, -EIO, "cannot write" },	/* after a short write */
		{ "write", 1, 0, "cannot write" },	/* write returning 0 */
		{ "fsync", 1, -EIO, "cannot flush" },
		{ "close", 1, -EIO, "cannot close" },
		{ "rename", 1, -EXDEV, "cannot rename" },
	};
	struct fx *f = *state;
	char before[4096];
	size_t i;

	assert_int_equal(settings_set(&f->s, "hostname", "orig"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_HOSTNAME | SVC_DHCP);
	strcpy(before, read_file(f->path));
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		assert_int_equal(settings_set(&f->s, "hostname", "changed"), 0);
		assert_int_equal(settings_set(&f->s, "ssh.port", "2022"), 0);
		inj.op = steps[i].op, inj.nth = steps[i].nth, inj.err = steps[i].err;
		inj.short_writes = steps[i].nth == 2;
		assert_int_equal(settings_commit(&f->s), steps[i].err ? steps[i].err : -EIO);
		inj.short_writes = 0;
		assert_non_null(strstr(settings_error(&f->s), steps[i].msg));
		assert_non_null(strstr(settings_error(&f->s), "nothing saved, the staged changes are kept"));
		assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "orig");
		assert_int_equal(settings_get_uint(&f->s, SET_SSH_PORT), 22);
		assert_int_equal(settings_pending(&f->s), 2);
		assert_string_equal(read_file(f->path), before);
		assert_null(read_file(f->tmp));
		settings_revert(&f->s);
	}
	/* short writes alone are fine */
	inj.short_writes = 1;
	assert_int_equal(settings_set(&f->s, "hostname", "slow"), 0);
	assert_int_equal(settings_commit(&f->s), SVC_HOSTNAME | SVC_DHCP);
	inj.short_writes = 0;
	assert_non_null(strstr(read_file(f->path), "hostname=slow\n"));
}

/* Once the rename is done the commit stands; a failing directory fsync is
 * only a warning. */
static void test_commit_dir_fsync(void **state)
{
	struct fx *f = *state;

	assert_int_equal(settings_set(&f->s, "hostname", "dirsync"), 0);
	inj.op = "fsync", inj.nth = 2, inj.err = -EIO;
	assert_int_equal(settings_commit(&f->s), SVC_HOSTNAME | SVC_DHCP);
	assert_non_null(strstr(f->reports, "cannot flush"));
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "dirsync");
	assert_non_null(strstr(read_file(f->path), "hostname=dirsync\n"));
}

static void test_commit_fresh_dir_then_reload(void **state)
{
	struct fx *f = *state;

	/* a leftover temp file from a power cut is harmless */
	write_file(f->tmp, "hostname=half", 13);
	assert_int_equal(settings_load(&f->s), 0);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "tinyfw");
	assert_int_equal(settings_set(&f->s, "hostname", "whole"), 0);
	assert_true(settings_commit(&f->s) >= 0);
	assert_null(read_file(f->tmp));
	assert_int_equal(settings_load(&f->s), 0);
	assert_string_equal(settings_get(&f->s, SET_HOSTNAME), "whole");
}

static void test_init_long_path(void **state)
{
	struct settings s;
	char path[SETTINGS_PATH_MAX + 2];

	(void)state;
	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(settings_init(&s, path, &sys_linux, NULL, NULL), -ENAMETOOLONG);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_schema_sane),
		T(test_values),
		T(test_value_limits),
		T(test_password),
		T(test_load_secret_not_echoed),
		T(test_load_good),
		T(test_load_crlf),
		T(test_load_bad_lines),
		T(test_load_nul_and_binary),
		T(test_load_long_lines),
		T(test_load_huge_file),
		T(test_load_cross_field),
		T(test_load_unreadable),
		T(test_load_drops_staged),
		T(test_stage_revert),
		T(test_commit_roundtrip),
		T(test_commit_mask),
		T(test_commit_cross_field),
		T(test_commit_failures),
		T(test_commit_dir_fsync),
		T(test_commit_fresh_dir_then_reload),
		T(test_init_long_path),
	};

	return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
