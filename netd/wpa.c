/* wpa: wpa_supplicant's control protocol, the text side. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wpa.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

int wpa_unescape(const char *in, char *out, size_t n)
{
	size_t len = 0;
	int hi, lo;
	char c;

	while (*in) {
		c = *in++;
		if (c == '\\') {
			switch (*in++) {
			case '\\': c = '\\'; break;
			case '"': c = '"'; break;
			case 'e': c = '\033'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'x':
				hi = hexval(in[0]);
				lo = hi < 0 ? -1 : hexval(in[1]);
				if (lo < 0) {
					return -EINVAL;
				}
				c = (char)(hi << 4 | lo);
				in += 2;
				break;
			default:
				return -EINVAL;
			}
		}
		if (len >= n) {
			return -EINVAL;
		}
		out[len++] = c;
	}
	return (int)len;
}

static const char *security_of(const char *flags)
{
	if (strstr(flags, "EAP")) {
		return "eap";
	}
	if (strstr(flags, "PSK") || strstr(flags, "SAE")) {
		return "psk";
	}
	if (strstr(flags, "WEP")) {
		return "wep";
	}
	return "open";
}

int wpa_scan_line(const char *line, struct wpa_bss *b)
{
	const char *f[5], *p = line;
	char flags[256], *end;
	size_t flen;
	long v;
	int i, len;

	/* five tab-separated fields, the SSID last (it may not hold a tab:
	 * printf_encode() writes one as \t) */
	for (i = 0; i < 5; i++) {
		f[i] = p;
		if (i < 4) {
			p = strchr(p, '\t');
			if (!p) {
				return -EINVAL;
			}
			p++;
		}
	}
	if (f[1] - f[0] != 18 || strchr(f[4], '\t') || strchr(f[4], '\n')) {
		return -EINVAL;
	}
	memcpy(b->bssid, f[0], 17);
	b->bssid[17] = '\0';
	for (i = 0; i < 17; i++) {
		if (i % 3 == 2 ? b->bssid[i] != ':' : hexval(b->bssid[i]) < 0) {
			return -EINVAL;
		}
	}
	v = strtol(f[1], &end, 10);
	if (end != f[2] - 1 || v <= 0 || v > 100000) {
		return -EINVAL;
	}
	b->freq = (unsigned)v;
	v = strtol(f[2], &end, 10);
	if (end != f[3] - 1 || end == f[2] || v < -200 || v > 100) {
		return -EINVAL;
	}
	b->signal = (int)v;
	flen = (size_t)(f[4] - 1 - f[3]);
	if (flen >= sizeof(flags)) {
		return -EINVAL;
	}
	memcpy(flags, f[3], flen);
	flags[flen] = '\0';
	b->security = security_of(flags);
	len = wpa_unescape(f[4], b->ssid, WPA_SSID_MAX);
	if (len < 0) {
		return -EINVAL;
	}
	b->ssid_len = (size_t)len;
	b->ssid[len] = '\0';
	return 0;
}

static int same_ssid(const struct wpa_bss *a, const struct wpa_bss *b)
{
	return a->ssid_len == b->ssid_len && memcmp(a->ssid, b->ssid, a->ssid_len) == 0;
}

int wpa_scan_parse(const char *reply, struct wpa_bss *out, int max)
{
	char line[512];
	const char *p = reply, *nl;
	struct wpa_bss b;
	int n = 0, i, j;

	for (; *p; p = nl ? nl + 1 : p + strlen(p)) {
		size_t l;

		nl = strchr(p, '\n');
		l = nl ? (size_t)(nl - p) : strlen(p);
		if (l >= sizeof(line)) {
			continue;
		}
		memcpy(line, p, l);
		line[l] = '\0';
		if (wpa_scan_line(line, &b) < 0 || b.ssid_len == 0) {
			continue;
		}
		for (i = 0; i < n && !same_ssid(&out[i], &b); i++) {
		}
		if (i < n) {
			if (b.signal <= out[i].signal) {
				continue;
			}
			/* a stronger access point of the same network */
			for (j = i; j < n - 1; j++) {
				out[j] = out[j + 1];
			}
			n--;
		}
		/* insert by signal, strongest first; a full list drops the weakest */
		for (i = 0; i < n && out[i].signal >= b.signal; i++) {
		}
		if (i >= max) {
			continue;
		}
		if (n == max) {
			n--;
		}
		for (j = n; j > i; j--) {
			out[j] = out[j - 1];
		}
		out[i] = b;
		n++;
	}
	return n;
}

int wpa_kv(const char *reply, const char *key, char *out, size_t n)
{
	size_t kl = strlen(key), l;
	const char *p = reply;

	while (p && *p) {
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			p += kl + 1;
			l = strcspn(p, "\n");
			if (l >= n) {
				l = n - 1;
			}
			memcpy(out, p, l);
			out[l] = '\0';
			return (int)l;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return -ENOENT;
}

static int starts(const char *msg, size_t len, const char *word)
{
	size_t l = strlen(word);

	return len >= l && memcmp(msg, word, l) == 0;
}

enum wpa_event wpa_event(const char *msg, size_t len)
{
	static const struct {
		const char *word;
		enum wpa_event ev;
	} evs[] = {
		{ "CTRL-EVENT-CONNECTED ", WPA_EV_CONNECTED },
		{ "CTRL-EVENT-DISCONNECTED ", WPA_EV_DISCONNECTED },
		{ "CTRL-EVENT-NETWORK-NOT-FOUND", WPA_EV_NOT_FOUND },
		{ "CTRL-EVENT-SCAN-RESULTS", WPA_EV_SCAN_RESULTS },
		{ "CTRL-EVENT-TERMINATING", WPA_EV_TERMINATING },
		{ "AP-ENABLED", WPA_EV_AP_ENABLED },
		{ "AP-DISABLED", WPA_EV_AP_DISABLED },
		{ "AP-STA-CONNECTED ", WPA_EV_STA_JOINED },
		{ "AP-STA-DISCONNECTED ", WPA_EV_STA_LEFT },
	};
	size_t i;

	/* the priority prefix, "<3>" */
	if (len > 2 && msg[0] == '<') {
		for (i = 1; i < len && i < 4 && msg[i] != '>'; i++) {
		}
		if (i < len && msg[i] == '>') {
			msg += i + 1;
			len -= i + 1;
		}
	}
	if (starts(msg, len, "CTRL-EVENT-SSID-TEMP-DISABLED ")) {
		/* the reason is the last field (an SSID, quoted before it,
		 * could hold the same words) */
		static const char tail[] = " reason=WRONG_KEY";

		return len >= sizeof(tail) - 1 &&
		       memcmp(msg + len - (sizeof(tail) - 1), tail, sizeof(tail) - 1) == 0 ?
		       WPA_EV_WRONG_KEY : WPA_EV_OTHER;
	}
	for (i = 0; i < sizeof(evs) / sizeof(evs[0]); i++) {
		if (starts(msg, len, evs[i].word)) {
			return evs[i].ev;
		}
	}
	return WPA_EV_OTHER;
}

int wpa_psk_ok(const char *psk)
{
	size_t i, len = strlen(psk);

	if (len == 0) {
		return 1;
	}
	if (len < 8 || len > 63) {
		return 0;
	}
	for (i = 0; i < len; i++) {
		if (psk[i] < 32 || psk[i] > 126) {
			return 0;
		}
	}
	return 1;
}

int wpa_conf(const char *ctrl_dir, const struct wpa_net *net, char *out, size_t n)
{
	size_t len = 0, i;
	int w;

#define ADD(...) do { \
		w = snprintf(out + len, n - len, __VA_ARGS__); \
		if (w < 0 || (size_t)w >= n - len) { \
			return -ENOSPC; \
		} \
		len += (size_t)w; \
	} while (0)

	/* no update_config: the build has no config writing (it is an
	 * unknown field there, and wpa_supplicant refuses the file) */
	ADD("ctrl_interface=%s\n", ctrl_dir);
	if (net && net->country && *net->country) {
		if (strlen(net->country) != 2 || net->country[0] < 'A' || net->country[0] > 'Z' ||
		    net->country[1] < 'A' || net->country[1] > 'Z') {
			return -EINVAL;
		}
		ADD("country=%s\n", net->country);
	}
	if (!net) {
		return (int)len;
	}
	if (net->ssid_len == 0 || net->ssid_len > WPA_SSID_MAX || !wpa_psk_ok(net->psk)) {
		return -EINVAL;
	}
	ADD("network={\n\tssid=");
	for (i = 0; i < net->ssid_len; i++) {
		ADD("%02x", (unsigned char)net->ssid[i]);
	}
	ADD("\n");
	if (net->ap) {
		ADD("\tmode=2\n\tfrequency=%u\n", net->freq ? net->freq : 2412);
	} else {
		ADD("\tscan_ssid=1\n");
	}
	if (*net->psk) {
		/* wpa_supplicant takes the passphrase up to the last quote */
		ADD("\tkey_mgmt=WPA-PSK\n\tproto=RSN\n\tpairwise=CCMP\n\tgroup=CCMP\n"
		    "\tpsk=\"%s\"\n", net->psk);
	} else {
		ADD("\tkey_mgmt=NONE\n");
	}
	ADD("}\n");
#undef ADD
	return (int)len;
}
