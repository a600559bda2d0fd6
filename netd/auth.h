/* auth: the web UI's login, in netd, before any CGI runs. Sessions are
 * random ids in a cookie with an idle expiry, each with its own CSRF token;
 * failed logins back off per client address. No password, no session: the
 * first-run page sets one. */
#ifndef NETD_AUTH_H
#define NETD_AUTH_H

#include <stdint.h>

#include "sys.h"

#define AUTH_SESSIONS 8			/* at once; the oldest goes first */
#define AUTH_TOKEN_LEN 32		/* hex characters of a session id or CSRF token */
#define AUTH_IDLE_MS (15 * 60 * 1000)	/* a session unused this long is gone */
#define AUTH_CLIENTS 16			/* addresses whose failures are remembered */
#define AUTH_FREE_TRIES 3		/* failures before the back-off starts */
#define AUTH_BACKOFF_MAX_MS 60000

/**
 * struct auth_session - one logged-in browser.
 * @id: the cookie's value; @csrf: the token every POST must carry
 * @last: loop_now() of its last use; @used: the slot is taken
 */
struct auth_session {
	char id[AUTH_TOKEN_LEN + 1];
	char csrf[AUTH_TOKEN_LEN + 1];
	long long last;
	int used;
};

struct auth_client {
	uint32_t addr;
	unsigned fails;
	long long until, last;
};

struct auth {
	const struct sys_ops *sys;
	struct auth_session s[AUTH_SESSIONS];
	struct auth_client c[AUTH_CLIENTS];
};

void auth_init(struct auth *a, const struct sys_ops *sys);

/**
 * auth_login() - check @password against @hash (the admin.password
 * setting) for a request from @client at @now, and open a session.
 * @retry_ms: when refused because of the back-off, how long to wait
 * Return: the new session, or NULL with *@err: -ENOENT (no password set:
 * the first-run page applies), -EAGAIN (backing off; nothing was
 * checked), -EPERM (wrong password; the failure counts), -EIO (no
 * randomness or crypt failed).
 */
struct auth_session *auth_login(struct auth *a, const char *hash, const char *password,
				uint32_t client, long long now, unsigned *retry_ms, int *err);

/**
 * auth_open() - a session without a password check (right after the
 * first-run page set the password). Return: it, or NULL (-EIO).
 */
struct auth_session *auth_open(struct auth *a, long long now);

/**
 * auth_check() - the live session named by the "sid" cookie in @cookie
 * (a Cookie header's value, may be NULL), touched at @now; ids are
 * compared in constant time. Return: it, or NULL.
 */
struct auth_session *auth_check(struct auth *a, const char *cookie, long long now);

/** auth_csrf_ok() - does @token match @s's CSRF token (constant time)? */
int auth_csrf_ok(const struct auth_session *s, const char *token);

/** auth_logout() - end @s. auth_logout_all() ends every session (the
 * password changed). */
void auth_logout(struct auth_session *s);
void auth_logout_all(struct auth *a);

/** auth_backoff_ms() - how long @client must still wait before a login. */
unsigned auth_backoff_ms(const struct auth *a, uint32_t client, long long now);

#endif
