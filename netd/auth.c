/* auth: sessions, CSRF tokens, login back-off. */
#include <crypt.h>
#include <errno.h>
#include <string.h>

#include "auth.h"

void auth_init(struct auth *a, const struct sys_ops *sys)
{
	memset(a, 0, sizeof(*a));
	a->sys = sys;
}

static int token(struct auth *a, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[AUTH_TOKEN_LEN / 2];
	int i;

	if (a->sys->getrandom(r, sizeof(r)) < 0) {
		return -EIO;
	}
	for (i = 0; i < (int)sizeof(r); i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[AUTH_TOKEN_LEN] = '\0';
	return 0;
}

/* Equal byte strings, in time independent of where they differ (the
 * lengths are not secret: tokens and hashes have fixed lengths). */
static int same(const char *a, size_t alen, const char *b, size_t blen)
{
	unsigned char d = 0;
	size_t i;

	if (alen != blen) {
		return 0;
	}
	for (i = 0; i < alen; i++) {
		d |= (unsigned char)(a[i] ^ b[i]);
	}
	return d == 0;
}

static int expired(const struct auth_session *s, long long now)
{
	return now - s->last > AUTH_IDLE_MS;
}

struct auth_session *auth_open(struct auth *a, long long now)
{
	struct auth_session *s = NULL;
	int i;

	for (i = 0; i < AUTH_SESSIONS; i++) {
		struct auth_session *t = &a->s[i];

		if (!t->used || expired(t, now)) {
			s = t;
			break;
		}
		if (!s || t->last < s->last) {
			s = t;	/* all taken: the least recently used goes */
		}
	}
	if (token(a, s->id) < 0 || token(a, s->csrf) < 0) {
		memset(s, 0, sizeof(*s));
		return NULL;
	}
	s->last = now;
	s->used = 1;
	return s;
}

static struct auth_client *client_of(struct auth *a, uint32_t addr, int create)
{
	struct auth_client *old = &a->c[0];
	int i;

	for (i = 0; i < AUTH_CLIENTS; i++) {
		if (a->c[i].fails && a->c[i].addr == addr) {
			return &a->c[i];
		}
		if (a->c[i].last < old->last) {
			old = &a->c[i];
		}
	}
	if (!create) {
		return NULL;
	}
	memset(old, 0, sizeof(*old));
	old->addr = addr;
	return old;
}

unsigned auth_backoff_ms(const struct auth *a, uint32_t client, long long now)
{
	struct auth_client *c = client_of((struct auth *)a, client, 0);

	return c && c->until > now ? (unsigned)(c->until - now) : 0;
}

struct auth_session *auth_login(struct auth *a, const char *hash, const char *password,
				uint32_t client, long long now, unsigned *retry_ms, int *err)
{
	struct auth_client *c;
	const char *h;
	unsigned wait;

	*retry_ms = 0;
	if (!hash || !*hash) {
		*err = -ENOENT;
		return NULL;
	}
	wait = auth_backoff_ms(a, client, now);
	if (wait) {
		*retry_ms = wait;
		*err = -EAGAIN;
		return NULL;
	}
	h = crypt(password, hash);
	if (!h || !same(h, strlen(h), hash, strlen(hash))) {
		c = client_of(a, client, 1);
		c->fails++;
		c->last = now;
		if (c->fails >= AUTH_FREE_TRIES) {
			unsigned shift = c->fails - AUTH_FREE_TRIES;
			unsigned long long ms = 1000ull << (shift > 6 ? 6 : shift);

			c->until = now + (long long)(ms > AUTH_BACKOFF_MAX_MS ? AUTH_BACKOFF_MAX_MS : ms);
			*retry_ms = (unsigned)(c->until - now);
		}
		*err = h ? -EPERM : -EIO;
		return NULL;
	}
	c = client_of(a, client, 0);
	if (c) {
		memset(c, 0, sizeof(*c));
	}
	*err = -EIO;
	return auth_open(a, now);
}

struct auth_session *auth_check(struct auth *a, const char *cookie, long long now)
{
	const char *p = cookie, *v, *end;
	int i;

	/* Cookie: a=b; sid=...; c=d */
	while (p && *p) {
		p += strspn(p, " ;");
		end = p + strcspn(p, ";");
		if (strncmp(p, "sid=", 4) == 0) {
			v = p + 4;
			for (i = 0; i < AUTH_SESSIONS; i++) {
				struct auth_session *s = &a->s[i];

				if (s->used && !expired(s, now) &&
				    same(s->id, AUTH_TOKEN_LEN, v, (size_t)(end - v))) {
					s->last = now;
					return s;
				}
			}
		}
		p = end;
	}
	return NULL;
}

int auth_csrf_ok(const struct auth_session *s, const char *token)
{
	return token && same(s->csrf, AUTH_TOKEN_LEN, token, strlen(token));
}

void auth_logout(struct auth_session *s)
{
	memset(s, 0, sizeof(*s));
}

void auth_logout_all(struct auth *a)
{
	memset(a->s, 0, sizeof(a->s));
}
