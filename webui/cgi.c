/* webui: the pages. Every form works without JavaScript; POSTs redirect
 * back (POST-redirect-GET) on success and re-render with the error next to
 * the field on failure, having changed nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgi.h"
#include "cmd.h"
#include "http.h"
#include "netctl.h"
#include "netd.h"

#define REPLY_MAX 65536
#define BODY_MAX 8192

/* One request's context: the form, netd's last reply, what to show. */
struct page {
	const char *name;
	const char *csrf;
	char body[BODY_MAX + 1];
	size_t blen;
	char reply[REPLY_MAX];
	const char *err_field;	/* the field the error belongs to, or NULL */
	char err[CMD_WHY_MAX + 64];
	char notice[128];
};

/* ---- output ---- */

static void esc(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", stdout);
			break;
		case '>':
			fputs("&gt;", stdout);
			break;
		case '&':
			fputs("&amp;", stdout);
			break;
		case '"':
			fputs("&quot;", stdout);
			break;
		case '\'':
			fputs("&#39;", stdout);
			break;
		default:
			putchar(*s);
		}
	}
}

static const char *const pages[][2] = {
	{ "status", "Status" }, { "network", "Network" }, { "wifi", "Wi-Fi" },
	{ "ssh", "SSH keys" }, { "system", "System" }, { "log", "Log" },
};
#define NPAGES (int)(sizeof(pages) / sizeof(pages[0]))

static void head(struct page *p, const char *title, int refresh)
{
	int i;

	fputs("Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n\r\n"
	      "<!doctype html><html lang=en><head><meta charset=utf-8>"
	      "<meta name=viewport content=\"width=device-width,initial-scale=1\">", stdout);
	if (refresh) {
		printf("<meta http-equiv=refresh content=%d>", refresh);
	}
	fputs("<link rel=stylesheet href=\"/style.css\"><title>", stdout);
	esc(title);
	fputs(" - tinyfw</title></head><body><header><b>tinyfw</b><nav>", stdout);
	for (i = 0; i < NPAGES; i++) {
		printf("<a href=\"/cgi-bin/%s\"%s>%s</a>", pages[i][0],
		       strcmp(p->name, pages[i][0]) ? "" : " aria-current=page", pages[i][1]);
	}
	fputs("</nav><form method=post action=\"/logout?csrf=", stdout);
	esc(p->csrf);
	fputs("\"><button class=link>Log out</button></form></header><main><h1>", stdout);
	esc(title);
	fputs("</h1>", stdout);
	if (*p->notice) {
		fputs("<p class=ok>", stdout);
		esc(p->notice);
		fputs("</p>", stdout);
	}
	if (*p->err && !p->err_field) {
		fputs("<p class=err role=alert>", stdout);
		esc(p->err);
		fputs("</p>", stdout);
	}
}

static void foot(void)
{
	fputs("</main></body></html>\n", stdout);
}

/* <form method=post action="/cgi-bin/NAME?csrf=TOKEN"> */
static void form_open(struct page *p, const char *op)
{
	printf("<form method=post action=\"/cgi-bin/%s?csrf=", p->name);
	esc(p->csrf);
	fputs("\"><input type=hidden name=op value=\"", stdout);
	esc(op);
	fputs("\">", stdout);
}

/* A labelled text field, with the error next to it if it is its. */
static void field(struct page *p, const char *name, const char *label, const char *type,
		  const char *value, const char *extra)
{
	printf("<label for=%s>%s</label><input id=%s name=%s type=%s value=\"", name, label, name,
	       name, type);
	esc(value ? value : "");
	printf("\"%s%s>", extra ? " " : "", extra ? extra : "");
	if (p->err_field && strcmp(p->err_field, name) == 0) {
		printf("<span class=err role=alert>");
		esc(p->err);
		fputs("</span>", stdout);
	}
}

static void redirect(struct page *p, const char *query)
{
	printf("Status: 303 See Other\r\nLocation: /cgi-bin/%s%s%s\r\n\r\n", p->name,
	       query ? "?" : "", query ? query : "");
}

/* ---- netd ---- */

static int ask(struct page *p, const char *const words[])
{
	const char *sock = getenv("NETD_SOCKET");

	return netctl_request(sock ? sock : NETD_SOCKET, words, p->reply, sizeof(p->reply));
}

/* Call @fn(key, value) for each key=value line of the last reply. */
static void reply_each(struct page *p, void (*fn)(const char *k, const char *v, void *arg),
		       void *arg)
{
	static struct cmd_words w;
	const char *line = p->reply, *why;
	size_t len;
	char *eq;

	for (; *line; line += len + (line[len] == '\n')) {
		len = strcspn(line, "\n");
		if (cmd_split(line, len, &w, &why) == 0 && w.argc == 1 &&
		    (eq = strchr(w.argv[0], '=')) != NULL) {
			*eq = '\0';
			fn(w.argv[0], eq + 1, arg);
		}
	}
}

struct lookup {
	const char *key;
	char *out;
	size_t n;
	int found;
};

static void lookup_one(const char *k, const char *v, void *arg)
{
	struct lookup *l = arg;

	if (!l->found && strcmp(k, l->key) == 0) {
		snprintf(l->out, l->n, "%s", v);
		l->found = 1;
	}
}

/* The value of KEY in the last reply (unquoted into @out), or NULL. */
static const char *reply_get(struct page *p, const char *key, char *out, size_t n)
{
	struct lookup l = { key, out, n, 0 };

	reply_each(p, lookup_one, &l);
	return l.found ? out : NULL;
}

/* netd's error line into p->err; the field it names (the text before the
 * first ':' when it is a setting) gets it, else the page. */
static void take_error(struct page *p, const char *const fields[][2])
{
	const char *e = strstr(p->reply, "error: ");
	int i;

	char *tail;

	snprintf(p->err, sizeof(p->err), "%.*s", e ? (int)strcspn(e + 7, "\n") : 15,
		 e ? e + 7 : "unknown error");
	/* netd speaks to netctl users about its stage; the page reverts it */
	tail = strstr(p->err, "; nothing saved, the staged changes are kept");
	if (tail) {
		strcpy(tail, "; nothing was changed");
	}
	p->err_field = NULL;
	for (i = 0; fields && fields[i][0]; i++) {
		size_t n = strlen(fields[i][0]);

		if (strncmp(p->err, fields[i][0], n) == 0 && p->err[n] == ':') {
			/* next to its field, the key's name would only repeat it */
			p->err_field = fields[i][1];
			memmove(p->err, p->err + n + 2, strlen(p->err + n + 2) + 1);
		}
	}
}

/* ---- the form ---- */

static const char *form(struct page *p, const char *name, char *out, size_t n)
{
	return http_form_get(p->body, p->blen, name, out, n) >= 0 ? out : NULL;
}

static int read_body(struct page *p)
{
	const char *cl = getenv("CONTENT_LENGTH");
	/* no CONTENT_LENGTH (a chunked request): up to the end of stdin */
	size_t want = cl ? strtoul(cl, NULL, 10) : BODY_MAX + 1;
	ssize_t r;

	if (cl && want > BODY_MAX) {
		return -E2BIG;
	}
	while (p->blen < want && (r = read(0, p->body + p->blen, want - p->blen)) > 0) {
		p->blen += (size_t)r;
	}
	if (!cl && p->blen > BODY_MAX) {
		return -E2BIG;
	}
	p->body[p->blen] = '\0';
	return !cl || p->blen == want ? 0 : -EIO;
}

/* ---- pages ---- */

static void status_row(const char *k, const char *v, void *arg)
{
	(void)arg;
	fputs("<tr><th>", stdout);
	esc(k);
	fputs("</th><td>", stdout);
	esc(v);
	fputs("</td></tr>", stdout);
}

static int page_status(struct page *p, int post)
{
	static const char *const req[] = { "status", NULL };

	(void)post;
	ask(p, req);
	head(p, "Status", 10);
	fputs("<table>", stdout);
	reply_each(p, status_row, NULL);
	fputs("</table>", stdout);
	foot();
	return 0;
}

static const char *const net_fields[][2] = {
	{ "net.mode", "mode" }, { "net.ip", "ip" }, { "net.mask", "mask" },
	{ "net.gw", "gw" }, { "net.dns", "dns" }, { NULL, NULL },
};

static int page_network(struct page *p, int post)
{
	static const char *const show[] = { "show", NULL };
	static const char *const commit[] = { "commit", NULL };
	static const char *const revert[] = { "revert", NULL };
	char v[5][256];
	const char *mode = v[0];
	int i, rc = 0;

	if (post) {
		for (i = 0; net_fields[i][0] && rc == 0; i++) {
			const char *val = form(p, net_fields[i][1], v[i], sizeof(v[i]));
			const char *set[] = { "set", net_fields[i][0], val, NULL };
			const char *unset[] = { "unset", net_fields[i][0], NULL };

			if (!val) {
				val = v[i];
				v[i][0] = '\0';
			}
			rc = ask(p, *val ? set : unset);
		}
		if (rc == 0) {
			rc = ask(p, commit);
		}
		if (rc == 0) {
			redirect(p, "saved=1");
			return 0;
		}
		take_error(p, net_fields);
		ask(p, revert);
	} else {
		ask(p, show);
		for (i = 0; net_fields[i][0]; i++) {
			if (!reply_get(p, net_fields[i][0], v[i], sizeof(v[i]))) {
				v[i][0] = '\0';
			}
		}
		if (getenv("QUERY_STRING") && strstr(getenv("QUERY_STRING"), "saved=1")) {
			snprintf(p->notice, sizeof(p->notice), "Saved and applied.");
		}
	}
	head(p, "Network", 0);
	form_open(p, "net");
	fputs("<fieldset><legend>Addressing</legend>", stdout);
	printf("<label><input type=radio name=mode value=dhcp%s> DHCP</label>"
	       "<label><input type=radio name=mode value=static%s> Static</label>",
	       strcmp(mode, "static") ? " checked" : "", strcmp(mode, "static") ? "" : " checked");
	if (p->err_field && strcmp(p->err_field, "mode") == 0) {
		fputs("<span class=err role=alert>", stdout);
		esc(p->err);
		fputs("</span>", stdout);
	}
	fputs("</fieldset>", stdout);
	field(p, "ip", "Address", "text", v[1], "inputmode=decimal placeholder=192.168.1.20");
	field(p, "mask", "Netmask", "text", v[2], "inputmode=decimal placeholder=255.255.255.0");
	field(p, "gw", "Gateway", "text", v[3], "inputmode=decimal");
	field(p, "dns", "DNS servers", "text", v[4], "placeholder=\"1.1.1.1 8.8.8.8\"");
	fputs("<p class=hint>With DHCP the static fields are kept but not used.</p>"
	      "<button>Save and apply</button></form>", stdout);
	foot();
	return 0;
}

struct keyrow {
	struct page *p;
	int n;
};

static void key_row(const char *k, const char *v, void *arg)
{
	struct keyrow *r = arg;

	if (strncmp(k, "key.", 4) != 0) {
		return;
	}
	r->n++;
	fputs("<li><code>", stdout);
	esc(v);
	fputs("</code>", stdout);
	form_open(r->p, "del");
	printf("<input type=hidden name=n value=%s><button class=danger>Delete</button></form>"
	       "</li>", k + 4);
}

static int page_ssh(struct page *p, int post)
{
	static const char *const list[] = { "ssh", "key", "list", NULL };
	char op[8], arg[4096];
	struct keyrow r = { p, 0 };
	int rc;

	if (post) {
		form(p, "op", op, sizeof(op)) || (op[0] = '\0');
		if (strcmp(op, "add") == 0 && form(p, "key", arg, sizeof(arg))) {
			const char *add[] = { "ssh", "key", "add", arg, NULL };

			arg[strcspn(arg, "\r\n")] = '\0';
			rc = ask(p, add);
		} else if (strcmp(op, "del") == 0 && form(p, "n", arg, sizeof(arg))) {
			const char *del[] = { "ssh", "key", "del", arg, NULL };

			rc = ask(p, del);
		} else {
			rc = 1;
			snprintf(p->reply, sizeof(p->reply), "error: the form is incomplete\n");
		}
		if (rc == 0) {
			redirect(p, "saved=1");
			return 0;
		}
		take_error(p, NULL);
		p->err_field = strcmp(op, "add") == 0 ? "key" : NULL;
	} else if (getenv("QUERY_STRING") && strstr(getenv("QUERY_STRING"), "saved=1")) {
		snprintf(p->notice, sizeof(p->notice), "Saved.");
	}
	head(p, "SSH keys", 0);
	ask(p, list);
	fputs("<ul class=keys>", stdout);
	reply_each(p, key_row, &r);
	fputs("</ul>", stdout);
	if (r.n == 0) {
		fputs("<p>No keys: nobody can log in with SSH.</p>", stdout);
	}
	form_open(p, "add");
	fputs("<label for=key>Add a public key (one line of a <code>.pub</code> file)</label>"
	      "<textarea id=key name=key rows=3 required></textarea>", stdout);
	if (p->err_field) {
		fputs("<span class=err role=alert>", stdout);
		esc(p->err);
		fputs("</span>", stdout);
	}
	fputs("<button>Add</button></form>", stdout);
	foot();
	return 0;
}

static int page_system(struct page *p, int post)
{
	static const char *const fields[][2] = { { "hostname", "hostname" },
						  { "admin.password", "password" },
						  { NULL, NULL } };
	char op[16], a[256], b[256], host[256] = "";
	const char *const get[] = { "get", "hostname", NULL };
	int rc = 1;

	if (post) {
		form(p, "op", op, sizeof(op)) || (op[0] = '\0');
		if (strcmp(op, "hostname") == 0 && form(p, "hostname", a, sizeof(a))) {
			const char *set[] = { "set", "hostname", a, NULL };
			const char *const commit[] = { "commit", NULL };
			const char *const revert[] = { "revert", NULL };

			rc = ask(p, set);
			rc = rc ? rc : ask(p, commit);
			if (rc) {
				take_error(p, fields);
				ask(p, revert);
			}
			snprintf(host, sizeof(host), "%s", a);
		} else if (strcmp(op, "password") == 0 && form(p, "password", a, sizeof(a)) &&
			   form(p, "confirm", b, sizeof(b))) {
			const char *set[] = { "password", "set", a, NULL };

			if (strcmp(a, b) != 0) {
				snprintf(p->reply, sizeof(p->reply),
					 "error: admin.password: the two passwords differ\n");
			} else {
				rc = ask(p, set);
			}
			if (rc) {
				take_error(p, fields);
			}
		} else if (strcmp(op, "reboot") == 0 && form(p, "confirm", a, sizeof(a))) {
			const char *const req[] = { "reboot", NULL };

			rc = ask(p, req);
		} else if (strcmp(op, "reset") == 0 && form(p, "confirm", a, sizeof(a)) &&
			   strcmp(a, "RESET") == 0) {
			const char *const req[] = { "factory-reset", NULL };

			rc = ask(p, req);
		} else {
			snprintf(p->reply, sizeof(p->reply), "error: %s\n",
				 strcmp(op, "reset") == 0 ? "type RESET to confirm the factory reset"
							  : "tick the box to confirm");
		}
		if (rc == 0 && (strcmp(op, "reboot") == 0 || strcmp(op, "reset") == 0)) {
			head(p, "Restarting", 0);
			fputs("<p>The device is restarting. This page works again once it is "
			      "back.</p>", stdout);
			foot();
			return 0;
		}
		if (rc == 0 && strcmp(op, "password") == 0) {
			/* every session ended with the change: log in again */
			fputs("Status: 303 See Other\r\nLocation: /login?changed=1\r\n\r\n", stdout);
			return 0;
		}
		if (rc == 0) {
			redirect(p, "saved=1");
			return 0;
		}
		if (!*p->err) {
			take_error(p, fields);
		}
	} else if (getenv("QUERY_STRING") && strstr(getenv("QUERY_STRING"), "saved=1")) {
		snprintf(p->notice, sizeof(p->notice), "Saved and applied.");
	}
	if (!*host) {
		ask(p, get);
		reply_get(p, "hostname", host, sizeof(host));
	}
	head(p, "System", 0);
	form_open(p, "hostname");
	field(p, "hostname", "Host name", "text", host, "required maxlength=63");
	fputs("<button>Save</button></form>", stdout);
	form_open(p, "password");
	fputs("<h2>Admin password</h2>", stdout);
	field(p, "password", "New password (8 to 128 characters)", "password", "",
	      "required minlength=8 maxlength=128 autocomplete=new-password");
	field(p, "confirm", "Again", "password", "", "required autocomplete=new-password");
	fputs("<button>Change</button></form>", stdout);
	form_open(p, "reboot");
	fputs("<h2>Restart</h2><label><input type=checkbox name=confirm value=1 required> "
	      "Yes, restart the device</label><button>Reboot</button></form>", stdout);
	form_open(p, "reset");
	fputs("<h2>Factory reset</h2><p>Erases every setting, SSH keys and the admin "
	      "password, then restarts.</p><label for=rc>Type RESET to confirm</label>"
	      "<input id=rc name=confirm required pattern=RESET autocomplete=off>"
	      "<button class=danger>Erase everything</button></form>", stdout);
	foot();
	return 0;
}

static void log_line(const char *k, const char *v, void *arg)
{
	(void)k;
	(void)arg;
	esc(v);
	putchar('\n');
}

static int page_log(struct page *p, int post)
{
	static const char *const req[] = { "log", "200", NULL };

	(void)post;
	ask(p, req);
	head(p, "Log", 0);
	fputs("<pre class=log>", stdout);
	reply_each(p, log_line, NULL);
	fputs("</pre>", stdout);
	foot();
	return 0;
}

/* ---- Wi-Fi ---- */

struct wifi_view {
	char state[32], ssid[64], error[160], addr[32], ap[64];
	int row;
};

static void wifi_kv(const char *k, const char *v, void *arg)
{
	struct wifi_view *w = arg;

	if (strcmp(k, "wifi.state") == 0) {
		snprintf(w->state, sizeof(w->state), "%s", v);
	} else if (strcmp(k, "wifi.ssid") == 0) {
		snprintf(w->ssid, sizeof(w->ssid), "%s", v);
	} else if (strcmp(k, "wifi.error") == 0) {
		snprintf(w->error, sizeof(w->error), "%s", v);
	} else if (strcmp(k, "wlan0.addr") == 0) {
		snprintf(w->addr, sizeof(w->addr), "%s", v);
	} else if (strcmp(k, "wifi.ap_ssid") == 0) {
		snprintf(w->ap, sizeof(w->ap), "%s", v);
	}
}

struct scan_row {
	char ssid[64], security[8], signal[8];
	int first;
};

/* bss.N.ssid, .signal, .security, .freq come in that order: a row is out
 * once its .freq is read. */
static void scan_kv(const char *k, const char *v, void *arg)
{
	struct scan_row *r = arg;
	const char *dot;

	if (strncmp(k, "bss.", 4) != 0 || !(dot = strchr(k + 4, '.'))) {
		return;
	}
	dot++;
	if (strcmp(dot, "ssid") == 0) {
		snprintf(r->ssid, sizeof(r->ssid), "%s", v);
	} else if (strcmp(dot, "signal") == 0) {
		snprintf(r->signal, sizeof(r->signal), "%s", v);
	} else if (strcmp(dot, "security") == 0) {
		snprintf(r->security, sizeof(r->security), "%s", v);
	} else if (strcmp(dot, "freq") == 0) {
		int usable = strcmp(r->security, "open") == 0 || strcmp(r->security, "psk") == 0;

		fputs("<label class=net><input type=radio name=ssid value=\"", stdout);
		esc(r->ssid);
		printf("\"%s%s> ", usable ? "" : " disabled", r->first ? " checked" : "");
		esc(r->ssid);
		printf(" <small>%s dBm, %s</small></label>", r->signal,
		       strcmp(r->security, "psk") == 0 ? "WPA2" : strcmp(r->security, "open") == 0 ?
		       "open" : "not supported");
		r->first = 0;
	}
}

static int page_wifi(struct page *p, int post)
{
	static const char *const fields[][2] = { { "wifi.ssid", "other" }, { "wifi.psk", "psk" },
						  { "wifi.security", "psk" }, { NULL, NULL } };
	static const char *const status[] = { "wifi", "status", NULL };
	static const char *const scan[] = { "wifi", "scan", NULL };
	static const char *const forget[] = { "wifi", "forget", NULL };
	char op[16], ssid[256] = "", psk[256] = "";
	struct wifi_view w = { "", "", "", "", "", 0 };
	struct scan_row r = { "", "", "", 1 };
	int rc = 1;

	if (post) {
		form(p, "op", op, sizeof(op)) || (op[0] = '\0');
		if (strcmp(op, "connect") == 0) {
			const char *con[] = { "wifi", "connect", ssid, psk, NULL };

			/* a network typed in wins over one picked from the list */
			if (!form(p, "other", ssid, sizeof(ssid)) || !*ssid) {
				form(p, "ssid", ssid, sizeof(ssid)) || (ssid[0] = '\0');
			}
			form(p, "psk", psk, sizeof(psk)) || (psk[0] = '\0');
			if (!*psk) {
				con[3] = NULL;
			}
			rc = ask(p, con);
			memset(psk, 0, sizeof(psk));
		} else if (strcmp(op, "forget") == 0) {
			rc = ask(p, forget);
		} else {
			snprintf(p->reply, sizeof(p->reply), "error: the form is incomplete\n");
		}
		if (rc == 0) {
			redirect(p, "saved=1");
			return 0;
		}
		take_error(p, fields);
	} else if (getenv("QUERY_STRING") && strstr(getenv("QUERY_STRING"), "saved=1")) {
		snprintf(p->notice, sizeof(p->notice), "Saved: the device is joining the network.");
	}
	ask(p, status);
	reply_each(p, wifi_kv, &w);
	head(p, "Wi-Fi", 0);
	fputs("<table><tr><th>State</th><td>", stdout);
	esc(w.state);
	fputs("</td></tr>", stdout);
	if (*w.ssid) {
		fputs("<tr><th>Network</th><td>", stdout);
		esc(w.ssid);
		fputs("</td></tr>", stdout);
	}
	if (*w.ap) {
		fputs("<tr><th>Setup access point</th><td>", stdout);
		esc(w.ap);
		fputs("</td></tr>", stdout);
	}
	if (*w.addr) {
		fputs("<tr><th>Address</th><td>", stdout);
		esc(w.addr);
		fputs("</td></tr>", stdout);
	}
	if (*w.error) {
		fputs("<tr><th>Problem</th><td class=err>", stdout);
		esc(w.error);
		fputs("</td></tr>", stdout);
	}
	fputs("</table>", stdout);
	form_open(p, "connect");
	fputs("<fieldset><legend>Networks in range</legend>", stdout);
	if (ask(p, scan) == 0) {
		reply_each(p, scan_kv, &r);
	}
	if (r.first) {
		fputs("<p class=hint>No network found (the radio may be off or absent).</p>", stdout);
	}
	fputs("</fieldset>", stdout);
	field(p, "other", "Or another network (its name)", "text", "", "maxlength=32");
	field(p, "psk", "Passphrase (empty for an open network)", "password", "",
	      "autocomplete=off maxlength=63");
	fputs("<button>Connect</button></form>", stdout);
	if (*w.ssid) {
		form_open(p, "forget");
		fputs("<p class=hint>Forgetting the network starts the setup access point.</p>"
		      "<button class=danger>Forget this network</button></form>", stdout);
	}
	foot();
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(struct page *p, int post);
} cgis[] = {
	{ "status", page_status }, { "network", page_network }, { "wifi", page_wifi },
	{ "ssh", page_ssh }, { "system", page_system }, { "log", page_log },
};

static int find(const char *path)
{
	const char *name = strrchr(path, '/');
	int i;

	name = name ? name + 1 : path;
	for (i = 0; i < (int)(sizeof(cgis) / sizeof(cgis[0])); i++) {
		if (strcmp(cgis[i].name, name) == 0) {
			return i;
		}
	}
	return -1;
}

/* netd runs a CGI by its path (/www/cgi-bin/NAME); another CGI/1.1 server
 * may exec it by its bare name (BusyBox httpd: argv[0] "status", in
 * cgi-bin), which GATEWAY_INTERFACE tells apart from a daemon started under
 * that name (it would take netd's socket). */
int webui_is_cgi(const char *path)
{
	return find(path) >= 0 && (strstr(path, "/cgi-bin/") != NULL ||
				   getenv("GATEWAY_INTERFACE") != NULL);
}

int webui_main(int argc, char **argv)
{
	static struct page p;
	const char *method = getenv("REQUEST_METHOD");
	int i = find(argv[0]), post = method && strcmp(method, "POST") == 0;

	(void)argc;
	if (i < 0 || !getenv("GATEWAY_INTERFACE")) {
		fputs("Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\nno such page\n",
		      stdout);
		return 1;
	}
	p.name = cgis[i].name;
	p.csrf = getenv("CSRF_TOKEN") ? getenv("CSRF_TOKEN") : "";
	if (post && read_body(&p) < 0) {
		fputs("Status: 413 Payload Too Large\r\nContent-Type: text/plain\r\n\r\n"
		      "the form is too large\n", stdout);
		return 1;
	}
	return cgis[i].fn(&p, post);
}
