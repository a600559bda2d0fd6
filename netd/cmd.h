/* cmd: the command set shared by every door (unix socket, serial, CGI):
 * the line tokenizer, the dispatch table, the settings commands, and hooks
 * for the commands that need the rest of netd. Grammar: docs/commands.md. */
#ifndef NETD_CMD_H
#define NETD_CMD_H

#include <stddef.h>

#include "settings.h"

#define CMD_LINE_MAX 4096	/* bytes in one request, without the newline */
#define CMD_WORDS_MAX 32	/* words in one request, the command included */
#define CMD_WHY_MAX 256		/* the reason of an error: reply */

/**
 * struct cmd_words - a request split into words.
 * @argc: number of words
 * @argv: the words, NUL-terminated, @argv[@argc] is NULL
 * @buf:  their storage (unquoting only shrinks a line, so a line's size
 *        plus its final NUL always fits)
 */
struct cmd_words {
	int argc;
	char *argv[CMD_WORDS_MAX + 1];
	char buf[CMD_LINE_MAX + 1];
};

/**
 * cmd_split() - split one request line into words, shell-like.
 * @line: the request, without its newline; any bytes
 * @len: its length
 * @w: the result
 * @why: on error, set to a static message saying what was wrong
 *
 * Words are separated by spaces or tabs. 'single quotes' keep everything
 * literally; "double quotes" keep everything but \" and \\, which stand
 * for " and \; outside quotes a backslash makes the next character
 * literal. Quoted and unquoted parts next to each other form one word; ''
 * is an empty word. Refused: lines over CMD_LINE_MAX bytes, more than
 * CMD_WORDS_MAX words, NUL bytes, control characters other than tab,
 * invalid UTF-8, an unterminated quote and a backslash at the end.
 * Return: 0, -E2BIG (too long, too many words) or -EINVAL.
 */
int cmd_split(const char *line, size_t len, struct cmd_words *w, const char **why);

/**
 * cmd_utf8_valid() - is @s (@len bytes) well-formed UTF-8 (no overlong
 * forms, no surrogates, nothing above U+10FFFF)?
 * Return: 1 or 0.
 */
int cmd_utf8_valid(const char *s, size_t len);

/**
 * struct cmd_sink - where a reply goes.
 * @write: called with parts of the reply, in order
 * @arg: its first argument
 */
struct cmd_sink {
	void (*write)(void *arg, const char *buf, size_t len);
	void *arg;
};

struct cmd;

/**
 * typedef cmd_fn - a command handler.
 * @c: the command context
 * @argc: words in the request, @argv[0] being the command
 * @argv: the words
 *
 * Prints its result with cmd_kv(). The final "ok" or "error: ..." line is
 * added by cmd_run().
 * Return: 0 for ok, or -errno, with the reason set by cmd_fail().
 */
typedef int cmd_fn(struct cmd *c, int argc, char **argv);

/* Commands that need the rest of netd; unset hooks answer "not available". */
enum cmd_hook {
	CMD_HOOK_STATUS,
	CMD_HOOK_SSH,		/* ssh key add|list|del */
	CMD_HOOK_PASSWORD,	/* password set */
	CMD_HOOK_REBOOT,
	CMD_HOOK_FACTORY_RESET,
	CMD_HOOK_LOG,
	CMD_HOOK_LEASE,		/* internal: udhcpc's script reports a lease */
	CMD_HOOK_HTTPS,		/* https cert regen|install */
	CMD_HOOK_WIFI,		/* wifi scan|status|connect|forget */
	CMD_HOOK_COUNT
};

/**
 * struct cmd - the command set's context, one per daemon; requests are
 * handled one at a time.
 * @set:   the settings store the settings commands work on
 * @hook:  handlers of the commands in enum cmd_hook (NULL: not available)
 * @apply: called after a successful commit with the SVC_* mask of what
 *         changed, to restart those services (NULL: nothing to apply);
 *         Return: 0 or -errno (with cmd_fail())
 * @arg:   for the hooks and @apply (e.g. the daemon's context)
 * @internal: set by a door, per request, when the request comes from one
 *         of netd's own helpers (root on the unix socket): allows the
 *         internal commands (lease), which no other door reaches
 *
 * The other members are private to cmd.c.
 */
struct cmd {
	struct settings *set;
	cmd_fn *hook[CMD_HOOK_COUNT];
	int (*apply)(struct cmd *c, unsigned svc);
	void *arg;
	int internal;

	const struct cmd_sink *out;
	size_t olen;
	char obuf[512];
	char why[CMD_WHY_MAX];
	struct cmd_words words;
};

/**
 * cmd_init() - a command context on store @set, with no hooks.
 */
void cmd_init(struct cmd *c, struct settings *set);

/**
 * cmd_run() - handle one request and write the whole reply to @out:
 * zero or more key=value lines, then "ok" or "error: <reason>".
 * @c: the context
 * @line: the request (a final "\n" or "\r\n" is ignored)
 * @len: its length
 * @out: the reply's destination
 * Return: 0 if the reply ended in ok, else the -errno of the error.
 */
int cmd_run(struct cmd *c, const char *line, size_t len, const struct cmd_sink *out);

/**
 * cmd_kv() - print one "key=value" line of a reply.
 * @c: the context
 * @key: the key (plain characters, printed as is)
 * @value: the value; quoted with '...' (a ' inside as '\'') unless it is
 *         non-empty and made only of letters, digits and ._-:/@+,%=, so
 *         that cmd_split() and sh read it back as one word. Control
 *         characters other than tab and invalid UTF-8 bytes become '?'.
 */
void cmd_kv(struct cmd *c, const char *key, const char *value);

/**
 * cmd_fail() - set the reason of the error reply; printf-like.
 * @c: the context
 * @err: the -errno to return
 * Return: @err, so handlers can `return cmd_fail(c, -EINVAL, ...)`.
 */
int cmd_fail(struct cmd *c, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * cmd_commit() - what `commit` does (save the staged changes, print
 * `restart=...`, apply), for commands that stage and commit at once.
 * Return: 0 or -errno (the reason set).
 */
int cmd_commit(struct cmd *c);

#endif
