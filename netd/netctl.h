/* netctl: the command-line client of the unix socket door (netd under
 * another name). Exit codes: 0 ok, 1 error (netd's or reaching netd),
 * 2 usage. */
#ifndef NETD_NETCTL_H
#define NETD_NETCTL_H

#include <stddef.h>

#define NETCTL_TIMEOUT_MS 30000

int netctl_main(int argc, char **argv);

/**
 * netctl_request() - send one request to netd and wait for the reply.
 * @sock: netd's socket
 * @words: the request's words, NULL-terminated (each is quoted)
 * @reply: the whole reply, NUL-terminated (key=value lines, then "ok" or
 *         "error: ..."), or a made-up "error: ..." line if netd could not
 *         be reached; @n its size
 * Return: 0 (ok), 1 (error: from netd), -1 (netd unreachable, or the
 * reply did not fit).
 */
int netctl_request(const char *sock, const char *const words[], char *reply, size_t n);

/**
 * netctl_quote() - append @word to @out (size @n, at offset *@len) as one
 * word of the request grammar (single-quoted), with a space before it
 * unless it is the first.
 * Return: 0, or -E2BIG if it does not fit.
 */
int netctl_quote(char *out, size_t n, size_t *len, const char *word);

/**
 * netctl_json_string() - @s as a JSON string (quotes included) into @out.
 * Control characters are escaped; bytes >= 0x80 pass as they are (replies
 * are valid UTF-8). Return: the length, or -E2BIG.
 */
int netctl_json_string(const char *s, char *out, size_t n);

#endif
