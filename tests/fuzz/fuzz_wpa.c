/* libFuzzer target: what netd reads from wpa_supplicant (scan results,
 * STATUS replies, events), whose SSIDs come from the air. Checks, beyond
 * the sanitizers: every network parsed has a 1-32 byte SSID, a known
 * security word and a well-formed BSSID; the list is sorted strongest
 * first with no SSID twice; a parsed line survives a round trip through
 * the escaping wpa_supplicant uses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wpa.h"

#define MAX 8

static void check(int ok)
{
	if (!ok) {
		abort();
	}
}

/* wpa_supplicant's printf_encode() */
static void encode(const char *s, size_t len, char *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			out += sprintf(out, "\\%c", c);
		} else if (c < 32 || c >= 127) {
			out += sprintf(out, "\\x%02x", c);
		} else {
			*out++ = (char)c;
		}
	}
	*out = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wpa_bss b[MAX], one;
	char *s = malloc(size + 1), v[64], line[256], enc[WPA_SSID_MAX * 4 + 1];
	int n, i, j;

	if (!s) {
		return 0;
	}
	memcpy(s, data, size);
	s[size] = '\0';
	n = wpa_scan_parse(s, b, MAX);
	check(n >= 0 && n <= MAX);
	for (i = 0; i < n; i++) {
		check(b[i].ssid_len >= 1 && b[i].ssid_len <= WPA_SSID_MAX);
		check(strlen(b[i].bssid) == 17);
		check(!strcmp(b[i].security, "open") || !strcmp(b[i].security, "psk") ||
		      !strcmp(b[i].security, "eap") || !strcmp(b[i].security, "wep"));
		check(i == 0 || b[i - 1].signal >= b[i].signal);
		for (j = 0; j < i; j++) {
			check(b[j].ssid_len != b[i].ssid_len ||
			      memcmp(b[j].ssid, b[i].ssid, b[i].ssid_len) != 0);
		}
		encode(b[i].ssid, b[i].ssid_len, enc);
		snprintf(line, sizeof(line), "%s\t%u\t%d\t[ESS]\t%s", b[i].bssid, b[i].freq,
			 b[i].signal, enc);
		check(wpa_scan_line(line, &one) == 0);
		check(one.ssid_len == b[i].ssid_len &&
		      memcmp(one.ssid, b[i].ssid, one.ssid_len) == 0);
	}
	n = wpa_kv(s, "wpa_state", v, sizeof(v));
	check(n == -2 || (n >= 0 && (size_t)n < sizeof(v) && strlen(v) <= (size_t)n));
	(void)wpa_event(s, size);
	free(s);
	return 0;
}
