/* Unit tests for netd/cmd.c: the tokenizer, reply quoting, and the
 * settings commands on a store in a temp dir. */
#define _GNU_SOURCE
#include <errno.h>
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

#include "cmd.h"

/* ---- the tokenizer ---- */

static struct cmd_words w;

/* Split @line; on success, check the words against the NULL-ended list. */
static int split(const char *line, size_t len, const char **why)
{
	*why = NULL;
	return cmd_split(line, len, &w, why);
}

static void words_are(const char *line, ...)
{
	const char *why, *exp;
	va_list ap;
	int i = 0;

	if (split(line, strlen(line), &why) != 0) {
		fail_msg("'%s': %s", line, why);
	}
	va_start(ap, line);
	while ((exp = va_arg(ap, const char *)) != NULL) {
		assert_true(i < w.argc);
		assert_string_equal(w.argv[i], exp);
		i++;
	}
	va_end(ap);
	assert_int_equal(w.argc, i);
	assert_null(w.argv[i]);
}

static void refused(const char *line, size_t len, int err, const char *msg)
{
	const char *why;

	assert_int_equal(split(line, len, &why), err);
	assert_non_null(why);
	assert_non_null(strstr(why, msg));
}

static void test_split_words(void **state)
{
	(void)state;
	words_are("", NULL);
	words_are("   \t ", NULL);
	words_are("status", "status", NULL);
	words_are("  get\thostname  ", "get", "hostname", NULL);
	words_are("set a b", "set", "a", "b", NULL);
	words_are("set wifi.ssid \"Home net\"", "set", "wifi.ssid", "Home net", NULL);
	words_are("a 'b c' d", "a", "b c", "d", NULL);
	words_are("'it''s'", "its", NULL);
	words_are("a'b'\"c\"d", "abcd", NULL);
	words_are("'' \"\" x", "", "", "x", NULL);
	words_are("''", "", NULL);
	/* single quotes: everything literal */
	words_are("'a\\b \"c\" \\'", "a\\b \"c\" \\", NULL);
	/* double quotes: only \" and \\ are escapes */
	words_are("\"a\\\"b\\\\c\\n\\'d\"", "a\"b\\c\\n\\'d", NULL);
	words_are("\"it's\"", "it's", NULL);
	/* backslash outside quotes: the next character is literal */
	words_are("a\\ b c\\'d \\\\ \\\"", "a b", "c'd", "\\", "\"", NULL);
	words_are("x\\\ty", "x\ty", NULL);
	/* the sh idiom for a quote inside single quotes */
	words_are("'don'\\''t'", "don't", NULL);
	words_are("\"tab\tinside\"", "tab\tinside", NULL);
	/* UTF-8 passes through */
	words_are("set x 'h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e'", "set", "x",
		  "h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e", NULL);
	words_are("ssh key add \"ssh-ed25519 AAAA me@laptop\"", "ssh", "key", "add",
		  "ssh-ed25519 AAAA me@laptop", NULL);
}

static void test_split_errors(void **state)
{
	(void)state;
	refused("'abc", 4, -EINVAL, "unterminated single quote");
	refused("a \"abc", 6, -EINVAL, "unterminated double quote");
	refused("\"abc\\\"", 6, -EINVAL, "unterminated double quote");
	refused("abc\\", 4, -EINVAL, "backslash at the end");
	refused("a\0b", 3, -EINVAL, "NUL byte");
	refused("\0", 1, -EINVAL, "NUL byte");
	refused("a\rb", 3, -EINVAL, "control character");
	refused("a\nb", 3, -EINVAL, "control character");
	refused("'a\x1b[2Jb'", 8, -EINVAL, "control character");
	refused("a\x7f", 2, -EINVAL, "control character");
	/* invalid UTF-8: a stray continuation, overlongs, surrogates, too big, cut short */
	refused("\x80", 1, -EINVAL, "invalid UTF-8");
	refused("\xc0\x80", 2, -EINVAL, "invalid UTF-8");
	refused("\xc1\xbf", 2, -EINVAL, "invalid UTF-8");
	refused("\xe0\x80\xaf", 3, -EINVAL, "invalid UTF-8");
	refused("\xf0\x80\x80\xaf", 4, -EINVAL, "invalid UTF-8");
	refused("\xed\xa0\x80", 3, -EINVAL, "invalid UTF-8");
	refused("\xf4\x90\x80\x80", 4, -EINVAL, "invalid UTF-8");
	refused("\xf5\x80\x80\x80", 4, -EINVAL, "invalid UTF-8");
	refused("\xff", 1, -EINVAL, "invalid UTF-8");
	refused("'\xe2\x82'", 4, -EINVAL, "invalid UTF-8");
	refused("x\xe2\x82", 3, -EINVAL, "invalid UTF-8");
	refused("\xc3 ", 2, -EINVAL, "invalid UTF-8");
}

static void test_split_limits(void **state)
{
	char *line = malloc(CMD_LINE_MAX + 2);
	const char *why;
	size_t i;

	(void)state;
	/* one word of exactly the maximum */
	memset(line, 'x', CMD_LINE_MAX + 1);
	assert_int_equal(split(line, CMD_LINE_MAX, &why), 0);
	assert_int_equal(w.argc, 1);
	assert_int_equal(strlen(w.argv[0]), CMD_LINE_MAX);
	refused(line, CMD_LINE_MAX + 1, -E2BIG, "line too long");
	/* the most words: "a a a ... a" with single-char words */
	for (i = 0; i < CMD_WORDS_MAX; i++) {
		line[2 * i] = 'a';
		line[2 * i + 1] = ' ';
	}
	assert_int_equal(split(line, 2 * CMD_WORDS_MAX, &why), 0);
	assert_int_equal(w.argc, CMD_WORDS_MAX);
	line[2 * CMD_WORDS_MAX] = 'b';
	refused(line, 2 * CMD_WORDS_MAX + 1, -E2BIG, "too many words");
	/* a line of empty words fills the word list, not the buffer */
	for (i = 0; i + 3 <= CMD_LINE_MAX; i += 3) {
		memcpy(line + i, "'' ", 3);
	}
	refused(line, i, -E2BIG, "too many words");
	assert_int_equal(split(line, 3 * CMD_WORDS_MAX, &why), 0);
	assert_int_equal(w.argc, CMD_WORDS_MAX);
	/* a maximal line of quoted text */
	line[0] = '"';
	memset(line + 1, '\\', CMD_LINE_MAX - 2);
	line[CMD_LINE_MAX - 1] = '"';
	assert_int_equal(split(line, CMD_LINE_MAX, &why), 0);
	assert_int_equal(strlen(w.argv[0]), (CMD_LINE_MAX - 2) / 2);
	free(line);
}

/* ---- the command set ---- */

struct fx {
	char dir[64];
	char path[96];
	char out[65536];
	size_t olen;
	int writes;
	unsigned applied;
	int apply_rc;
	const char *kv_value;
	struct cmd_sink sink;
	struct settings s;
	struct cmd c;
};

static void sink_write(void *arg, const char *buf, size_t len)
{
	struct fx *f = arg;

	assert_true(f->olen + len < sizeof(f->out));
	memcpy(f->out + f->olen, buf, len);
	f->olen += len;
	f->out[f->olen] = '\0';
	f->writes++;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/test_cmd.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/netd.conf", f->dir);
	assert_int_equal(settings_init(&f->s, f->path, &sys_linux, NULL, NULL), 0);
	cmd_init(&f->c, &f->s);
	f->c.arg = f;
	f->sink.write = sink_write;
	f->sink.arg = f;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char tmp[128];

	snprintf(tmp, sizeof(tmp), "%s.tmp", f->path);
	unlink(tmp);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Run one request; Return: its reply. */
static const char *run_len(struct fx *f, const char *line, size_t len)
{
	f->olen = 0;
	f->out[0] = '\0';
	cmd_run(&f->c, line, len, &f->sink);
	return f->out;
}

static const char *run(struct fx *f, const char *line)
{
	return run_len(f, line, strlen(line));
}

static void test_get_set(void **state)
{
	struct fx *f = *state;

	assert_string_equal(run(f, "get hostname"), "hostname=tinyfw\nok\n");
	assert_string_equal(run(f, "get net.ip"), "net.ip=''\nok\n");
	assert_string_equal(run(f, "set hostname dev2"), "ok\n");
	assert_string_equal(run(f, "get hostname"), "hostname=tinyfw\nhostname.staged=dev2\nok\n");
	assert_string_equal(run(f, "set net.dns '1.1.1.1 8.8.8.8'"), "ok\n");
	assert_string_equal(run(f, "get net.dns"), "net.dns=''\nnet.dns.staged='1.1.1.1 8.8.8.8'\nok\n");
	assert_string_equal(run(f, "unset hostname"), "ok\n");
	assert_string_equal(run(f, "get hostname"), "hostname=tinyfw\nhostname.staged=tinyfw\nok\n");
	assert_string_equal(run(f, "revert"), "reverted=2\nok\n");
	assert_string_equal(run(f, "get hostname"), "hostname=tinyfw\nok\n");
	/* a final newline, or CR LF, is not part of the request */
	assert_string_equal(run(f, "get ssh.port\n"), "ssh.port=22\nok\n");
	assert_string_equal(run(f, "get ssh.port\r\n"), "ssh.port=22\nok\n");
	assert_string_equal(run(f, ""), "ok\n");
	assert_string_equal(run(f, "  "), "ok\n");
}

static void test_errors(void **state)
{
	struct fx *f = *state;

	assert_string_equal(run(f, "set net.ip 999.1.1.1"),
			    "error: net.ip: '999.1.1.1' is not an IPv4 address (a.b.c.d, each 0-255, "
			    "no leading zeros); nothing changed\n");
	assert_string_equal(run(f, "set hostname 'a b'"),
			    "error: hostname: 'a b' is not a host name (1-63 letters, digits and '-', "
			    "not starting or ending with '-'); nothing changed\n");
	assert_string_equal(run(f, "set nope 1"), "error: unknown key 'nope'; nothing changed\n");
	assert_string_equal(run(f, "get nope"), "error: unknown key 'nope'; see show for the keys\n");
	assert_string_equal(run(f, "frobnicate"), "error: unknown command 'frobnicate'; try help\n");
	assert_string_equal(run(f, "set net.dns 1.1.1.1 8.8.8.8"),
			    "error: usage: set KEY VALUE (quote words with spaces)\n");
	assert_string_equal(run(f, "set hostname"), "error: usage: set KEY VALUE\n");
	assert_string_equal(run(f, "get"), "error: usage: get KEY\n");
	assert_string_equal(run(f, "show me"), "error: usage: show\n");
	assert_string_equal(run(f, "set 'unterminated"), "error: unterminated single quote\n");
	assert_string_equal(run_len(f, "get\0hostname", 12), "error: NUL byte in the request\n");
	assert_string_equal(run(f, "get \xc3\x28"), "error: invalid UTF-8 in the request\n");
	assert_int_equal(settings_pending(&f->s), 0);
	/* an unknown word is clipped, on a character boundary */
	run(f, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
	       "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
	       "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
	assert_true(cmd_utf8_valid(f->out, f->olen));
	assert_non_null(strstr(f->out, "...'; try help\n"));
	/* the return code follows the reply */
	f->olen = 0;
	assert_int_equal(cmd_run(&f->c, "get nope", 8, &f->sink), -ENOENT);
	assert_int_equal(cmd_run(&f->c, "get hostname", 12, &f->sink), 0);
}

static void test_long_line(void **state)
{
	struct fx *f = *state;
	char *line = malloc(CMD_LINE_MAX + 64);
	int n;

	n = sprintf(line, "set hostname ");
	memset(line + n, 'a', CMD_LINE_MAX - (size_t)n);
	assert_string_equal(run_len(f, line, CMD_LINE_MAX),
			    "error: hostname: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' "
			    "is longer than 255 bytes; nothing changed\n");
	memset(line + n, 'a', CMD_LINE_MAX + 1 - (size_t)n);
	assert_string_equal(run_len(f, line, CMD_LINE_MAX + 1),
			    "error: line too long (at most 4096 bytes)\n");
	free(line);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++) {
		n++;
	}
	return n;
}

static void test_show_and_secrets(void **state)
{
	struct fx *f = *state;
	const char *out;
	int id;

	out = run(f, "show");
	for (id = 0; id < SET_COUNT; id++) {
		char k[64];

		snprintf(k, sizeof(k), "%s=", settings_schema[id].key);
		assert_non_null(strstr(out, k));
	}
	assert_int_equal(count(out, "\n"), SET_COUNT + 1);
	assert_non_null(strstr(out, "admin.password='(unset)'\n"));
	assert_non_null(strstr(out, "\nok\n"));

	assert_string_equal(run(f, "set admin.password 'my secret pw'"), "ok\n");
	assert_string_equal(run(f, "set ssh.port 2022"), "ok\n");
	out = run(f, "show");
	assert_null(strstr(out, "my secret pw"));
	assert_null(strstr(out, "$6$"));
	assert_non_null(strstr(out, "admin.password='(unset)'\nadmin.password.staged='(set)'\n"));
	assert_non_null(strstr(out, "ssh.port=22\nssh.port.staged=2022\n"));
	assert_string_equal(run(f, "get admin.password"),
			    "admin.password='(unset)'\nadmin.password.staged='(set)'\nok\n");
	assert_string_equal(run(f, "commit"), "restart='sshd auth'\nok\n");
	assert_string_equal(run(f, "get admin.password"), "admin.password='(set)'\nok\n");
	out = run(f, "show");
	assert_null(strstr(out, "$6$"));
	assert_null(strstr(out, "my secret pw"));
	/* an error about the password does not echo it either */
	out = run(f, "set admin.password short7");
	assert_null(strstr(out, "short7"));
	assert_non_null(strstr(out, "error: admin.password: a password needs 8-128"));
}

static int apply_hook(struct cmd *c, unsigned svc)
{
	struct fx *f = c->arg;

	f->applied = svc;
	if (f->apply_rc) {
		return cmd_fail(c, f->apply_rc, "dropbear would not start");
	}
	return 0;
}

static void test_commit(void **state)
{
	struct fx *f = *state;
	struct settings s2;

	f->c.apply = apply_hook;
	assert_string_equal(run(f, "commit"), "restart=''\nok\n");
	assert_int_equal(f->applied, 0);
	assert_string_equal(run(f, "set hostname dev3"), "ok\n");
	assert_string_equal(run(f, "commit"), "restart='dhcp hostname'\nok\n");
	assert_int_equal(f->applied, SVC_DHCP | SVC_HOSTNAME);
	assert_string_equal(run(f, "get hostname"), "hostname=dev3\nok\n");
	/* what commit saved loads back */
	settings_init(&s2, f->path, &sys_linux, NULL, NULL);
	assert_int_equal(settings_load(&s2), 0);
	assert_string_equal(settings_get(&s2, SET_HOSTNAME), "dev3");
	/* cross-field failure: nothing saved, the stage stays */
	assert_string_equal(run(f, "set net.mode static"), "ok\n");
	assert_string_equal(run(f, "commit"),
			    "error: net.mode=static needs net.ip and net.mask; nothing saved, "
			    "the staged changes are kept\n");
	assert_string_equal(run(f, "set net.ip 192.168.7.2"), "ok\n");
	assert_string_equal(run(f, "set net.mask 255.255.255.0"), "ok\n");
	f->apply_rc = -EIO;
	assert_string_equal(run(f, "commit"),
			    "restart='net dhcp'\n"
			    "error: settings saved, but applying them failed: dropbear would not start\n");
	assert_int_equal(f->applied, SVC_NET | SVC_DHCP);
	assert_string_equal(run(f, "get net.mode"), "net.mode=static\nok\n");
}

static void test_commit_write_fails(void **state)
{
	struct fx *f = *state;

	/* the directory is gone: the temp file cannot be created */
	assert_string_equal(run(f, "set ssh.enabled 0"), "ok\n");
	assert_int_equal(rmdir(f->dir), 0);
	run(f, "commit");
	assert_non_null(strstr(f->out, "error: cannot create "));
	assert_non_null(strstr(f->out, "nothing saved, the staged changes are kept\n"));
	assert_string_equal(run(f, "get ssh.enabled"), "ssh.enabled=1\nssh.enabled.staged=0\nok\n");
	assert_int_equal(mkdir(f->dir, 0700), 0);
}

static int status_hook(struct cmd *c, int argc, char **argv)
{
	if (argc > 1) {
		return cmd_fail(c, -EINVAL, "bad\nnews\x1b[2J for '%s'", argv[1]);
	}
	cmd_kv(c, "hostname", settings_get(c->set, SET_HOSTNAME));
	cmd_kv(c, "uptime", "1 day");
	return 0;
}

static void test_hooks(void **state)
{
	struct fx *f = *state;

	assert_string_equal(run(f, "status"), "error: not available\n");
	assert_string_equal(run(f, "reboot"), "error: not available\n");
	assert_string_equal(run(f, "ssh key list"), "error: not available\n");
	assert_string_equal(run(f, "password set"), "error: not available\n");
	assert_string_equal(run(f, "factory-reset"), "error: not available\n");
	assert_string_equal(run(f, "log 20"), "error: not available\n");
	f->c.hook[CMD_HOOK_STATUS] = status_hook;
	assert_string_equal(run(f, "status"), "hostname=tinyfw\nuptime='1 day'\nok\n");
	/* an error reason is one line of printable text */
	assert_string_equal(run(f, "status x"), "error: bad?news?[2J for 'x'\n");
}

static void test_help(void **state)
{
	struct fx *f = *state;
	const char *out = run(f, "help");

	assert_non_null(strstr(out, "get='get KEY: "));
	assert_non_null(strstr(out, "\nset='set KEY VALUE: "));
	assert_non_null(strstr(out, "\ncommit='commit: "));
	assert_non_null(strstr(out, "\nfactory-reset='factory-reset: "));
	assert_true(strlen(out) > 3 && strcmp(out + strlen(out) - 4, "\nok\n") == 0);
}

static void words_are_len(const char *line, size_t len, const char *expect)
{
	const char *why;

	if (split(line, len, &why) != 0) {
		fail_msg("'%.*s': %s", (int)len, line, why);
	}
	assert_int_equal(w.argc, 1);
	assert_int_equal(strncmp(w.argv[0], "k=", 2), 0);
	assert_string_equal(w.argv[0] + 2, expect);
}

static int kv_hook(struct cmd *c, int argc, char **argv)
{
	struct fx *f = c->arg;

	(void)argc;
	(void)argv;
	cmd_kv(c, "k", f->kv_value);
	return 0;
}

/* Every reply line must split back into the one word key=value. */
static void roundtrip(struct fx *f, const char *value, const char *expect)
{
	char *nl;

	f->c.hook[CMD_HOOK_LOG] = kv_hook;
	f->kv_value = value;
	run(f, "log");
	nl = strchr(f->out, '\n');
	assert_non_null(nl);
	assert_string_equal(nl + 1, "ok\n");
	words_are_len(f->out, (size_t)(nl - f->out), expect);
}

static void test_reply_quoting(void **state)
{
	static const char *same[] = {
		"plain", "a b", "", " ", "it's", "''", "'\\''", "\"", "\\", "a\\b", "$HOME",
		"`x`", "a;b|c&d", "#x", "tab\there", "h\xc3\xa9", "1.1.1.1 8.8.8.8", "x=y",
		"(set)", "'", "\\'", "*?[", "~",
	};
	struct fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		roundtrip(f, same[i], same[i]);
	}
	/* controls and broken UTF-8 are shown as '?' */
	roundtrip(f, "a\nb\rc\x1b", "a?b?c?");
	roundtrip(f, "x\xff\xc3", "x??");
	roundtrip(f, "\xed\xa0\x80", "???");
	/* plain values stay unquoted: scripts can cut at '=' */
	f->kv_value = "a.b-c_d:e/f@g+h,i%j=k";
	assert_string_equal(run(f, "log"), "k=a.b-c_d:e/f@g+h,i%j=k\nok\n");
}

static void test_big_reply(void **state)
{
	struct fx *f = *state;
	char *v = malloc(3000);

	/* longer than the output buffer: it is flushed in parts, in order */
	memset(v, 'q', 2999);
	v[2999] = '\0';
	v[100] = '\'';
	roundtrip(f, v, v);
	assert_true(f->writes > 1);
	free(v);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_words),
		cmocka_unit_test(test_split_errors),
		cmocka_unit_test(test_split_limits),
		T(test_get_set),
		T(test_errors),
		T(test_long_line),
		T(test_show_and_secrets),
		T(test_commit),
		T(test_commit_write_fails),
		T(test_hooks),
		T(test_help),
		T(test_reply_quoting),
		T(test_big_reply),
	};

	return cmocka_run_group_tests_name("cmd", tests, NULL, NULL);
}
