/* wifi: Wi-Fi through wpa_supplicant (supervised, nl80211), driven over its
 * control interface: a request socket (short, bounded waits) and an
 * attached monitor socket in the loop for events. netd writes
 * wpa_supplicant's whole configuration (one network) from the settings;
 * station mode joins wifi.ssid, then DHCP on wlan0 (wdhcp); with no
 * network set, or wifi.mode=ap, the radio is the setup access point. */
#ifndef NETD_WIFI_H
#define NETD_WIFI_H

#include "dns.h"
#include "loop.h"
#include "svc.h"
#include "wpa.h"

#define WIFI_IFNAME "wlan0"
#define WIFI_METRIC 20			/* wlan0's default route: after eth0's */
#define WIFI_CTRL_DIR "/run/wpa_supplicant"
#define WIFI_RUN_DIR "/run/netd"
#define WIFI_CONF WIFI_RUN_DIR "/wpa_supplicant.conf"
#define WIFI_SCAN_MAX 16		/* networks kept from a scan */
#define WIFI_REQ_MS 2000		/* a request's reply, at most */
#define WIFI_SCAN_WAIT_MS 8000		/* `wifi scan`: the results, at most */
#define WIFI_SCAN_FRESH_MS 10000	/* a scan this recent is answered from memory */
#define WIFI_RADIO_POLL_MS 2000		/* no radio yet: look again */
#define WIFI_AP_FREQ 2412
#define WIFI_SETUP_SCAN_MS 20000	/* fallen back to setup: look for the network */
#define WIFI_AP_ADDR "192.168.4.1"		/* the device on its setup access point */
#define WIFI_AP_MASK "255.255.255.0"
#define WIFI_UDHCPD_CONF WIFI_RUN_DIR "/udhcpd.conf"

struct netd;
struct cmd;

enum wifi_role { WIFI_OFF, WIFI_STA, WIFI_AP };

/**
 * struct wifi - the radio.
 * @role: what wpa_supplicant was configured for
 * @state: "off", "no-radio" (no wlan0), "starting", "connecting",
 *         "connected", "wrong-key", "not-found", "setup" (the access point
 *         is up)
 * @error: the last problem, for people ("wrong passphrase for ...")
 * @scan, @nscan, @scan_at: the last scan (loop_now() time)
 * @clients: stations on the setup access point
 */
struct wifi {
	struct svc svc;
	struct svc udhcpd;	/* DHCP server on the setup access point */
	int ap_up;		/* the setup address, udhcpd and the DNS are in place */
	struct dns dns;		/* the setup network's captive DNS */
	struct loop_fd mon;
	int req;
	int attached;
	struct loop_timer timer;
	struct loop_timer setup_timer;	/* wifi.setup_timeout; scans while fallen back */
	int fallback;		/* setup AP because wifi.ssid stayed out of reach */
	enum wifi_role role;
	const char *state;
	char error[128];
	struct wpa_bss scan[WIFI_SCAN_MAX];
	int nscan;
	long long scan_at;
	int scan_pending;
	int in_scan;		/* inside scan(): it checks the results itself */
	unsigned clients;
	unsigned connects;
};

void wifi_init(struct netd *nd);

/**
 * wifi_apply() - bring the radio in line with the wifi.* and ap.* settings.
 * Return: 0 or -errno (reason set with cmd_fail() on @nd->cmd).
 */
int wifi_apply(struct netd *nd);

/** wifi_stop() - netd is stopping: wpa_supplicant too. */
void wifi_stop(struct netd *nd);

/** wifi_status() - the wifi.* lines of `status`. */
void wifi_status(struct netd *nd, struct cmd *c);

/** wifi_cmd() - `wifi scan|status|connect SSID [PASSPHRASE]|forget`. */
int wifi_cmd(struct cmd *c, int argc, char **argv);

#endif
