/* libFuzzer target: the command line (tokenizer + dispatch) against a
 * store in a temp dir. The input is a session: one request per line.
 * Checks, beyond the sanitizers: every reply is key=value lines that
 * cmd_split() reads back as one word each, then one "ok" or "error: "
 * line; the admin password's hash never appears in a reply. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static char path[64];
static char out[1 << 16];
static size_t olen;

static void sink(void *arg, const char *buf, size_t len)
{
	(void)arg;
	if (olen + len > sizeof(out)) {
		abort();	/* no reply of ours is that big */
	}
	memcpy(out + olen, buf, len);
	olen += len;
}

/* Commits write real files; fsync makes that slow for nothing here. */
static int no_fsync(int fd)
{
	(void)fd;
	return 0;
}

static struct sys_ops ops;

/* Echoes its words back, to push arbitrary values through the quoting. */
static int echo_hook(struct cmd *c, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		cmd_kv(c, "w", argv[i]);
	}
	return argc > 2 ? cmd_fail(c, -22, "%s", argv[2]) : 0;
}

static void check_reply(const struct settings *s)
{
	static struct cmd_words w;
	const char *p = out, *end = out + olen, *nl, *why, *secret[2];
	int i;

	if (olen == 0 || out[olen - 1] != '\n') {
		abort();
	}
	for (; (nl = memchr(p, '\n', (size_t)(end - p))) != NULL; p = nl + 1) {
		size_t len = (size_t)(nl - p);

		if (nl + 1 == end) {
			if (!(len == 2 && memcmp(p, "ok", 2) == 0) &&
			    !(len > 7 && memcmp(p, "error: ", 7) == 0)) {
				abort();
			}
			if (memchr(p, '\0', len) || !cmd_utf8_valid(p, len)) {
				abort();
			}
			break;
		}
		if (cmd_split(p, len, &w, &why) != 0 || w.argc != 1 || !strchr(w.argv[0], '=')) {
			abort();
		}
	}
	secret[0] = settings_get(s, SET_ADMIN_PASSWORD);
	secret[1] = settings_staged(s, SET_ADMIN_PASSWORD);
	for (i = 0; i < 2; i++) {
		if (secret[i] && *secret[i] && memmem(out, olen, secret[i], strlen(secret[i]))) {
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct settings s;
	static struct cmd c;
	const struct cmd_sink to = { sink, NULL };
	const char *p = (const char *)data, *end = p + size;

	if (!*path) {
		strcpy(path, "/tmp/fuzz_cmd.XXXXXX");
		if (!mkdtemp(path)) {
			abort();
		}
		strcat(path, "/netd.conf");
		ops = sys_linux;
		ops.fsync = no_fsync;
	}
	/* every input starts from the defaults */
	unlink(path);
	settings_init(&s, path, &ops, NULL, NULL);
	cmd_init(&c, &s);
	c.hook[CMD_HOOK_STATUS] = echo_hook;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		olen = 0;
		cmd_run(&c, p, len, &to);
		check_reply(&s);
		p += len + (nl != NULL);
	}
	return 0;
}
