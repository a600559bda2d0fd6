/* wpa: wpa_supplicant's control interface, the text side (no I/O): scan
 * result lines, STATUS replies, events, the configuration file netd
 * writes for it. wifi.c does the talking. Everything here takes bytes
 * from wpa_supplicant, which takes them from the air: SSIDs are any 0-32
 * bytes, so every parser is bounded and fuzzed. */
#ifndef NETD_WPA_H
#define NETD_WPA_H

#include <stddef.h>

#define WPA_SSID_MAX 32
#define WPA_REPLY_MAX 4096	/* a control reply netd reads at most */

/**
 * struct wpa_bss - one network of a scan.
 * @ssid: the raw bytes, @ssid_len of them (NUL-terminated too, but may
 *        hold NULs itself)
 * @security: "open", "psk" (WPA2/WPA3 personal), "eap" or "wep" (both
 *        unsupported by netd, listed so that users see them)
 */
struct wpa_bss {
	char bssid[18];
	unsigned freq;
	int signal;
	char ssid[WPA_SSID_MAX + 1];
	size_t ssid_len;
	const char *security;
};

/**
 * wpa_unescape() - decode wpa_supplicant's printf_encode() form of an SSID
 * (\\ \" \e \n \r \t \xNN; other bytes as they are).
 * Return: the number of bytes written to @out (at most @n), or -EINVAL if
 * they do not fit or an escape is broken.
 */
int wpa_unescape(const char *in, char *out, size_t n);

/**
 * wpa_scan_line() - parse one line of SCAN_RESULTS ("bssid\tfreq\tsignal
 * \tflags\tssid"); the header line is refused.
 * Return: 0, or -EINVAL for anything else.
 */
int wpa_scan_line(const char *line, struct wpa_bss *b);

/**
 * wpa_scan_parse() - every network of a SCAN_RESULTS reply, strongest
 * first, one entry per SSID (the strongest access point of each), hidden
 * networks (empty SSID) left out.
 * Return: how many were put in @out (at most @max).
 */
int wpa_scan_parse(const char *reply, struct wpa_bss *out, int max);

/**
 * wpa_kv() - the value of @key in a "key=value" reply (STATUS), into @out.
 * Return: its length, or -ENOENT.
 */
int wpa_kv(const char *reply, const char *key, char *out, size_t n);

/* The events netd acts on. */
enum wpa_event {
	WPA_EV_OTHER,
	WPA_EV_CONNECTED,	/* CTRL-EVENT-CONNECTED */
	WPA_EV_DISCONNECTED,	/* CTRL-EVENT-DISCONNECTED */
	WPA_EV_WRONG_KEY,	/* CTRL-EVENT-SSID-TEMP-DISABLED ... reason=WRONG_KEY */
	WPA_EV_NOT_FOUND,	/* CTRL-EVENT-NETWORK-NOT-FOUND */
	WPA_EV_SCAN_RESULTS,	/* CTRL-EVENT-SCAN-RESULTS */
	WPA_EV_AP_ENABLED,	/* AP-ENABLED */
	WPA_EV_AP_DISABLED,	/* AP-DISABLED */
	WPA_EV_STA_JOINED,	/* AP-STA-CONNECTED */
	WPA_EV_STA_LEFT,	/* AP-STA-DISCONNECTED */
	WPA_EV_TERMINATING,	/* CTRL-EVENT-TERMINATING */
};

/**
 * wpa_event() - what an unsolicited message ("<3>CTRL-EVENT-...") is.
 * @len: its length (it may hold any bytes)
 */
enum wpa_event wpa_event(const char *msg, size_t len);

/**
 * struct wpa_net - the network netd asks wpa_supplicant for.
 * @ap: 1: be the access point (setup mode), 0: join it (station)
 * @psk: the passphrase (8-63 printable ASCII), or "" for an open network
 * @country: "" or two capital letters
 */
struct wpa_net {
	int ap;
	const char *ssid;
	size_t ssid_len;
	const char *psk;
	const char *country;
	unsigned freq;		/* the AP's channel frequency (MHz) */
};

/**
 * wpa_conf() - the configuration file for wpa_supplicant (one network, or
 * none with @net NULL). The SSID is written in hex, so no byte of it can
 * escape its line.
 * Return: the length (< @n), or -EINVAL for a value it cannot carry (a
 * passphrase outside 8-63 printable ASCII, an SSID over 32 bytes), or
 * -ENOSPC.
 */
int wpa_conf(const char *ctrl_dir, const struct wpa_net *net, char *out, size_t n);

/** wpa_psk_ok() - @psk is usable: "" (open) or 8-63 printable ASCII. */
int wpa_psk_ok(const char *psk);

#endif
