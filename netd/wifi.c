/* wifi: wpa_supplicant supervision and its control interface. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"
#include "netd.h"
#include "nl80211.h"

#define REQ_PATH WIFI_RUN_DIR "/wpa-req"

static void arm_setup_timer(struct wifi *w);
static void check_fallback(struct wifi *w);
#define MON_PATH WIFI_RUN_DIR "/wpa-mon"

static struct netd *of(struct wifi *w)
{
	return container_of(w, struct netd, wifi);
}

static int wpa_argv(struct svc *s, const char **out, char *buf, size_t n)
{
	(void)s;
	(void)buf;
	(void)n;
	out[0] = "/usr/sbin/wpa_supplicant";
	out[1] = "-i";
	out[2] = WIFI_IFNAME;
	out[3] = "-D";
	out[4] = "nl80211";
	out[5] = "-c";
	out[6] = WIFI_CONF;
	out[7] = NULL;
	return 0;
}

static int udhcpd_argv(struct svc *s, const char **out, char *buf, size_t n)
{
	(void)s;
	(void)buf;
	(void)n;
	out[0] = "/usr/sbin/udhcpd";
	out[1] = "-f";	/* foreground: netd supervises it */
	out[2] = "-S";	/* log to syslog */
	out[3] = WIFI_UDHCPD_CONF;
	out[4] = NULL;
	return 0;
}

/* ---- the setup access point's network: 192.168.4.1/24, udhcpd ---- */

static void setup_net_up(struct wifi *w)
{
	static const char conf[] =
		"interface " WIFI_IFNAME "\n"
		"start 192.168.4.100\nend 192.168.4.199\nmax_leases 32\n"
		"lease_file " WIFI_RUN_DIR "/udhcpd.leases\n"
		"option subnet " WIFI_AP_MASK "\noption router " WIFI_AP_ADDR "\n"
		"option dns " WIFI_AP_ADDR "\noption lease 600\n";
	struct netd *nd = of(w);
	struct in_addr a, m;
	const char *step;
	int rc;

	if (w->ap_up) {
		return;
	}
	inet_pton(AF_INET, WIFI_AP_ADDR, &a);
	inet_pton(AF_INET, WIFI_AP_MASK, &m);
	rc = nd->sys->if_set(WIFI_IFNAME, a.s_addr, m.s_addr);
	if (rc == 0) {
		rc = sys_save_file(nd->sys, WIFI_UDHCPD_CONF, conf, sizeof(conf) - 1, 0644, &step);
	}
	if (rc < 0) {
		log_msg(LOG_ERR, "wifi: cannot set up the setup network: %s", strerror(-rc));
		return;
	}
	w->ap_up = 1;
	svc_start(&w->udhcpd);
	rc = dns_start(nd, &w->dns, a.s_addr, 53);
	if (rc < 0) {
		log_msg(LOG_ERR, "wifi: no captive DNS on %s:53: %s", WIFI_AP_ADDR, strerror(-rc));
	}
}

static void setup_net_down(struct wifi *w)
{
	struct netd *nd = of(w);

	if (!w->ap_up) {
		return;
	}
	svc_stop(&w->udhcpd);
	dns_stop(nd, &w->dns);
	nd->sys->if_set(WIFI_IFNAME, 0, 0);
	w->ap_up = 0;
}

/* ---- the control sockets ---- */

static int ctrl_open(const char *local)
{
	struct sockaddr_un me = { .sun_family = AF_UNIX }, them = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0) {
		return -errno;
	}
	snprintf(me.sun_path, sizeof(me.sun_path), "%s", local);
	snprintf(them.sun_path, sizeof(them.sun_path), "%s/%s", WIFI_CTRL_DIR, WIFI_IFNAME);
	unlink(local);
	if (bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0 ||
	    connect(fd, (struct sockaddr *)&them, sizeof(them)) < 0) {
		int rc = -errno;

		close(fd);
		unlink(local);
		return rc;
	}
	return fd;
}

/* Send @cmd on @fd and wait (at most WIFI_REQ_MS) for the reply, which is
 * NUL-terminated in @reply. Return: its length, or -errno. */
static int ctrl_request(int fd, const char *cmd, char *reply, size_t n)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t r;

	/* a late reply to an earlier request that timed out goes first */
	while (recv(fd, reply, n - 1, 0) > 0) {
	}
	if (send(fd, cmd, strlen(cmd), 0) < 0) {
		return -errno;
	}
	for (;;) {
		if (poll(&p, 1, WIFI_REQ_MS) <= 0) {
			return -ETIMEDOUT;
		}
		r = recv(fd, reply, n - 1, 0);
		if (r < 0) {
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		}
		reply[r] = '\0';
		if (r > 0 && reply[0] == '<') {
			continue;	/* an event (only on the monitor) */
		}
		return (int)r;
	}
}

static void detach(struct wifi *w)
{
	struct netd *nd = of(w);

	if (w->mon.fd >= 0) {
		loop_fd_del(&nd->loop, &w->mon);
		close(w->mon.fd);
		w->mon.fd = -1;
		unlink(MON_PATH);
	}
	if (w->req >= 0) {
		close(w->req);
		w->req = -1;
		unlink(REQ_PATH);
	}
	w->attached = 0;
}

static int request(struct wifi *w, const char *cmd, char *reply, size_t n)
{
	if (w->req < 0) {
		return -ENOTCONN;
	}
	return ctrl_request(w->req, cmd, reply, n);
}

/* ---- events ---- */

static void set_state(struct wifi *w, const char *state)
{
	if (strcmp(w->state, state) != 0) {
		log_msg(LOG_INFO, "wifi: %s", state);
	}
	w->state = state;
}

static void fetch_scan(struct wifi *w)
{
	static char reply[WPA_REPLY_MAX * 2];

	if (request(w, "SCAN_RESULTS", reply, sizeof(reply)) >= 0) {
		w->nscan = wpa_scan_parse(reply, w->scan, WIFI_SCAN_MAX);
		w->scan_at = loop_now();
	}
	w->scan_pending = 0;
}

static void configured_ssid(struct netd *nd, char *out, size_t n)
{
	snprintf(out, n, "%s", settings_get(&nd->set, SET_WIFI_SSID));
}

static void on_event(struct wifi *w, const char *msg, size_t len)
{
	struct netd *nd = of(w);
	char ssid[WPA_SSID_MAX + 1];

	switch (wpa_event(msg, len)) {
	case WPA_EV_CONNECTED:
		if (w->role != WIFI_STA) {
			break;	/* the access point coming up says so too */
		}
		w->connects++;
		w->error[0] = '\0';
		set_state(w, "connected");
		loop_timer_cancel(&nd->loop, &w->setup_timer);
		/* a new association: a new lease (the network may differ) */
		dhcp_up(&nd->wdhcp);
		break;
	case WPA_EV_DISCONNECTED:
		if (w->role == WIFI_STA && strcmp(w->state, "connected") == 0) {
			set_state(w, "connecting");
			dhcp_down(&nd->wdhcp);
			arm_setup_timer(w);
		}
		break;
	case WPA_EV_WRONG_KEY:
		configured_ssid(nd, ssid, sizeof(ssid));
		snprintf(w->error, sizeof(w->error), "wrong passphrase for '%s'", ssid);
		log_msg(LOG_WARNING, "wifi: %s", w->error);
		set_state(w, "wrong-key");
		break;
	case WPA_EV_NOT_FOUND:
		if (strcmp(w->state, "connecting") == 0 || strcmp(w->state, "starting") == 0) {
			configured_ssid(nd, ssid, sizeof(ssid));
			snprintf(w->error, sizeof(w->error), "'%s' is not in range", ssid);
			set_state(w, "not-found");
		}
		break;
	case WPA_EV_SCAN_RESULTS:
		fetch_scan(w);
		if (!w->in_scan) {
			check_fallback(w);
		}
		break;
	case WPA_EV_AP_ENABLED:
		set_state(w, "setup");
		setup_net_up(w);
		break;
	case WPA_EV_AP_DISABLED:
		setup_net_down(w);
		break;
	case WPA_EV_STA_JOINED:
		w->clients++;
		break;
	case WPA_EV_STA_LEFT:
		w->clients -= w->clients > 0;
		break;
	case WPA_EV_TERMINATING:
		detach(w);
		break;
	default:
		break;
	}
}

/* Every event waiting on the monitor. */
static void drain(struct wifi *w)
{
	char buf[WPA_REPLY_MAX];
	ssize_t r;

	while (w->mon.fd >= 0 && (r = recv(w->mon.fd, buf, sizeof(buf) - 1, 0)) > 0) {
		buf[r] = '\0';
		on_event(w, buf, (size_t)r);
	}
}

static void on_mon(struct loop_fd *f, unsigned events)
{
	(void)events;
	drain(container_of(f, struct wifi, mon));
}

/* wpa_supplicant makes its socket some time after it starts: try until it
 * is there (the timer), then attach. */
static int attach(struct wifi *w)
{
	struct netd *nd = of(w);
	char reply[64];
	int rc;

	detach(w);
	mkdir(WIFI_RUN_DIR, 0700);
	w->req = ctrl_open(REQ_PATH);
	if (w->req < 0) {
		return w->req;
	}
	w->mon.fd = ctrl_open(MON_PATH);
	if (w->mon.fd < 0) {
		rc = w->mon.fd;
		detach(w);
		return rc;
	}
	rc = ctrl_request(w->mon.fd, "ATTACH", reply, sizeof(reply));
	if (rc < 0 || strncmp(reply, "OK", 2) != 0) {
		detach(w);
		return rc < 0 ? rc : -EIO;
	}
	w->mon.cb = on_mon;
	if (loop_fd_add(&nd->loop, &w->mon, EPOLLIN) < 0) {
		detach(w);
		return -EIO;
	}
	w->attached = 1;
	return 0;
}

static int have_radio(void)
{
	return if_nametoindex(WIFI_IFNAME) != 0;
}

static void on_timer(struct loop_timer *t)
{
	struct wifi *w = container_of(t, struct wifi, timer);
	struct netd *nd = of(w);

	if (strcmp(w->state, "no-radio") == 0) {
		if (have_radio()) {
			log_msg(LOG_INFO, "wifi: %s appeared", WIFI_IFNAME);
			wifi_apply(nd);
		} else {
			loop_timer_set(&nd->loop, t, WIFI_RADIO_POLL_MS);
		}
		return;
	}
	if (w->role != WIFI_OFF && !w->attached && w->svc.state == SVC_RUNNING) {
		if (attach(w) < 0) {
			loop_timer_set(&nd->loop, t, 250);
			return;
		}
		/* what happened before we listened */
		drain(w);
	}
}

static void wpa_exited(struct svc *s, int status)
{
	struct wifi *w = container_of(s, struct wifi, svc);
	struct netd *nd = of(w);

	(void)status;
	detach(w);
	setup_net_down(w);
	if (w->role != WIFI_OFF) {
		set_state(w, "starting");
		dhcp_down(&nd->wdhcp);
		/* svc respawns it; attach again then */
		loop_timer_set(&nd->loop, &w->timer, 500);
	}
}

/* ---- applying the settings ---- */

/* "tinyfw-XXXX" from the radio's MAC address. */
static void default_ap_ssid(char *out, size_t n)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	unsigned char *m = (unsigned char *)ifr.ifr_hwaddr.sa_data;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", WIFI_IFNAME);
	if (fd >= 0 && ioctl(fd, SIOCGIFHWADDR, &ifr) == 0) {
		snprintf(out, n, "tinyfw-%02x%02x", m[4], m[5]);
	} else {
		snprintf(out, n, "tinyfw");
	}
	if (fd >= 0) {
		close(fd);
	}
}

/* The setup access point's passphrase, made once per device: 12 letters
 * and digits without the ones people confuse (0/O, 1/l/I). */
static void ensure_ap_psk(struct netd *nd)
{
	static const char set[] = "23456789abcdefghijkmnpqrstuvwxyz";
	unsigned char r[12];
	char psk[sizeof(r) + 1];
	size_t i;

	if (*settings_get(&nd->set, SET_AP_PSK) || settings_pending(&nd->set) ||
	    nd->sys->getrandom(r, sizeof(r)) < 0) {
		return;
	}
	for (i = 0; i < sizeof(r); i++) {
		psk[i] = set[r[i] % (sizeof(set) - 1)];
	}
	psk[sizeof(r)] = '\0';
	if (settings_set(&nd->set, settings_schema[SET_AP_PSK].key, psk) == 0 &&
	    settings_commit(&nd->set) >= 0) {
		log_msg(LOG_NOTICE, "wifi: made the setup access point's passphrase");
	} else {
		settings_revert(&nd->set);
	}
	memset(psk, 0, sizeof(psk));
}

/* The setup access point's name and passphrase on the console, where the
 * person holding the device reads them. */
static void announce_ap(const char *ssid, const char *psk)
{
	char msg[200];
	int fd = open("/dev/console", O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		return;
	}
	snprintf(msg, sizeof(msg), "\r\ntinyfw: setup Wi-Fi '%s', %s%s\r\n", ssid,
		 *psk ? "passphrase " : "open (no passphrase)", psk);
	if (write(fd, msg, strlen(msg)) < 0) {
		/* nobody reads the console */
	}
	close(fd);
}

static int trigger_scan(struct wifi *w);

/* Station mode: the setup AP after wifi.setup_timeout without a
 * connection. Fallen back to it: scan now and then, and go back to
 * station mode when the network is in range again. */
static void arm_setup_timer(struct wifi *w)
{
	struct netd *nd = of(w);
	unsigned long t = settings_get_uint(&nd->set, SET_WIFI_SETUP_TIMEOUT);

	loop_timer_cancel(&nd->loop, &w->setup_timer);
	if (w->fallback) {
		loop_timer_set(&nd->loop, &w->setup_timer, WIFI_SETUP_SCAN_MS);
	} else if (w->role == WIFI_STA && t > 0 && strcmp(w->state, "connected") != 0) {
		loop_timer_set(&nd->loop, &w->setup_timer, (long long)t * 1000);
	}
}

static void on_setup_timer(struct loop_timer *t)
{
	struct wifi *w = container_of(t, struct wifi, setup_timer);
	struct netd *nd = of(w);

	if (w->fallback) {
		if (w->attached && trigger_scan(w) < 0) {
			log_msg(LOG_WARNING, "wifi: cannot scan from the setup access point");
		}
		loop_timer_set(&nd->loop, t, WIFI_SETUP_SCAN_MS);
		return;
	}
	if (w->role == WIFI_STA && strcmp(w->state, "connected") != 0) {
		log_msg(LOG_NOTICE, "wifi: no connection for %lu s: the setup access point "
			"starts (and looks for the network meanwhile)",
			settings_get_uint(&nd->set, SET_WIFI_SETUP_TIMEOUT));
		w->fallback = 1;
		wifi_apply(nd);
	}
}

/* Fallen back: the configured network is in the scan: station mode. */
static void check_fallback(struct wifi *w)
{
	struct netd *nd = of(w);
	const char *ssid = settings_get(&nd->set, SET_WIFI_SSID);
	int i;

	if (!w->fallback) {
		return;
	}
	for (i = 0; i < w->nscan; i++) {
		if (w->scan[i].ssid_len == strlen(ssid) && memcmp(w->scan[i].ssid, ssid,
								   w->scan[i].ssid_len) == 0) {
			log_msg(LOG_NOTICE, "wifi: '%s' is in range again: back to station mode",
				ssid);
			w->fallback = 0;
			wifi_apply(nd);
			return;
		}
	}
}

int wifi_apply(struct netd *nd)
{
	struct wifi *w = &nd->wifi;
	const struct settings *s = &nd->set;
	const char *mode = settings_get(s, SET_WIFI_MODE), *ssid = settings_get(s, SET_WIFI_SSID);
	char apssid[WPA_SSID_MAX + 1], conf[1024], reply[64];
	struct wpa_net net = { 0 };
	const char *step;
	int len, rc;

	if (strcmp(mode, "off") == 0) {
		w->role = WIFI_OFF;
		w->fallback = 0;
		loop_timer_cancel(&nd->loop, &w->timer);
		loop_timer_cancel(&nd->loop, &w->setup_timer);
		detach(w);
		setup_net_down(w);
		svc_stop(&w->svc);
		dhcp_down(&nd->wdhcp);
		set_state(w, "off");
		return 0;
	}
	if (!have_radio()) {
		w->role = WIFI_OFF;
		set_state(w, "no-radio");
		loop_timer_set(&nd->loop, &w->timer, WIFI_RADIO_POLL_MS);
		return 0;
	}
	net.country = settings_get(s, SET_WIFI_COUNTRY);
	if (strcmp(mode, "sta") != 0 || !*ssid) {
		w->fallback = 0;
	}
	if (strcmp(mode, "sta") == 0 && *ssid && !w->fallback) {
		net.ssid = ssid;
		net.psk = settings_get(s, SET_WIFI_PSK);
		w->role = WIFI_STA;
	} else {
		ensure_ap_psk(nd);
		snprintf(apssid, sizeof(apssid), "%s", settings_get(s, SET_AP_SSID));
		if (!*apssid) {
			default_ap_ssid(apssid, sizeof(apssid));
		}
		net.ap = 1;
		net.ssid = apssid;
		net.psk = settings_get_uint(s, SET_AP_OPEN) ? "" : settings_get(s, SET_AP_PSK);
		net.freq = WIFI_AP_FREQ;
		w->role = WIFI_AP;
		w->clients = 0;
		announce_ap(apssid, net.psk);
	}
	net.ssid_len = strlen(net.ssid);
	len = wpa_conf(WIFI_CTRL_DIR, &net, conf, sizeof(conf));
	if (len < 0) {
		return cmd_fail(&nd->cmd, len, "cannot configure Wi-Fi for '%s'", net.ssid);
	}
	mkdir(WIFI_RUN_DIR, 0700);
	rc = sys_save_file(nd->sys, WIFI_CONF, conf, (size_t)len, 0600, &step);
	memset(conf, 0, sizeof(conf));
	if (rc < 0) {
		return cmd_fail(&nd->cmd, rc, "cannot %s %s: %s", step, WIFI_CONF, strerror(-rc));
	}
	w->error[0] = '\0';
	dhcp_down(&nd->wdhcp);
	setup_net_down(w);	/* AP-ENABLED puts it back if still wanted */
	set_state(w, w->role == WIFI_STA ? "connecting" : "starting");
	arm_setup_timer(w);
	/* a running wpa_supplicant reads the new file; else it starts */
	if (w->attached && request(w, "RECONFIGURE", reply, sizeof(reply)) >= 0 &&
	    strncmp(reply, "OK", 2) == 0) {
		return 0;
	}
	detach(w);
	svc_restart(&w->svc);
	loop_timer_set(&nd->loop, &w->timer, 100);
	return 0;
}

void wifi_init(struct netd *nd)
{
	struct wifi *w = &nd->wifi;

	w->mon.fd = w->req = w->dns.fd.fd = -1;
	w->state = "off";
	w->timer.cb = on_timer;
	w->setup_timer.cb = on_setup_timer;
	w->svc.name = "wpa_supplicant";
	w->svc.pol = &svc_policy_default;
	w->svc.sys = nd->sys;
	w->svc.loop = &nd->loop;
	w->svc.argv = wpa_argv;
	w->svc.on_exit = wpa_exited;
	w->svc.arg = nd;
	svc_init(&w->svc);
	w->udhcpd.name = "udhcpd";
	w->udhcpd.pol = &svc_policy_default;
	w->udhcpd.sys = nd->sys;
	w->udhcpd.loop = &nd->loop;
	w->udhcpd.argv = udhcpd_argv;
	w->udhcpd.arg = nd;
	svc_init(&w->udhcpd);
}

void wifi_stop(struct netd *nd)
{
	struct wifi *w = &nd->wifi;

	loop_timer_cancel(&nd->loop, &w->timer);
	loop_timer_cancel(&nd->loop, &w->setup_timer);
	detach(w);
	svc_stop(&w->udhcpd);
	svc_stop(&w->svc);
}

/* ---- status and commands ---- */

void wifi_status(struct netd *nd, struct cmd *c)
{
	struct wifi *w = &nd->wifi;
	char reply[WPA_REPLY_MAX], v[WPA_SSID_MAX * 4 + 1], raw[WPA_SSID_MAX + 1];
	int n;

	cmd_kv(c, "wifi.state", w->state);
	cmd_kv(c, "wifi.mode", settings_get(&nd->set, SET_WIFI_MODE));
	cmd_kv(c, "wifi.error", w->error);
	if (w->fallback) {
		cmd_kv(c, "wifi.fallback", "1");	/* setup AP: wifi.ssid out of reach */
	}
	if (w->role == WIFI_STA) {
		cmd_kv(c, "wifi.ssid", settings_get(&nd->set, SET_WIFI_SSID));
	}
	if (w->attached && request(w, "STATUS", reply, sizeof(reply)) >= 0) {
		if (wpa_kv(reply, "bssid", v, sizeof(v)) > 0) {
			cmd_kv(c, "wifi.bssid", v);
		}
		if (wpa_kv(reply, "freq", v, sizeof(v)) > 0) {
			cmd_kv(c, "wifi.freq", v);
		}
		if (w->role == WIFI_AP && wpa_kv(reply, "ssid", v, sizeof(v)) > 0 &&
		    (n = wpa_unescape(v, raw, WPA_SSID_MAX)) >= 0) {
			raw[n] = '\0';
			cmd_kv(c, "wifi.ap_ssid", raw);
		}
	}
	if (w->role == WIFI_AP) {
		snprintf(v, sizeof(v), "%u", w->clients);
		cmd_kv(c, "wifi.clients", v);
		cmd_kv(c, "wifi.ap_addr", w->ap_up ? WIFI_AP_ADDR : "");
		snprintf(v, sizeof(v), "%lu", w->dns.answered);
		cmd_kv(c, "wifi.dns_answers", v);
	}
	dhcp_if_status(&nd->wdhcp, c, WIFI_IFNAME);
}

static void print_scan(struct wifi *w, struct cmd *c)
{
	char k[32], v[32];
	int i;

	for (i = 0; i < w->nscan; i++) {
		snprintf(k, sizeof(k), "bss.%d.ssid", i);
		cmd_kv(c, k, w->scan[i].ssid);
		snprintf(k, sizeof(k), "bss.%d.signal", i);
		snprintf(v, sizeof(v), "%d", w->scan[i].signal);
		cmd_kv(c, k, v);
		snprintf(k, sizeof(k), "bss.%d.security", i);
		cmd_kv(c, k, w->scan[i].security);
		snprintf(k, sizeof(k), "bss.%d.freq", i);
		snprintf(v, sizeof(v), "%u", w->scan[i].freq);
		cmd_kv(c, k, v);
	}
	snprintf(v, sizeof(v), "%d", w->nscan);
	cmd_kv(c, "count", v);
	snprintf(v, sizeof(v), "%lld", (loop_now() - w->scan_at) / 1000);
	cmd_kv(c, "age", v);
}

/* Start a scan: through wpa_supplicant in station mode; as the access
 * point, wpa_supplicant does not scan, so netd asks the kernel itself
 * (the results reach wpa_supplicant all the same). */
static int trigger_scan(struct wifi *w)
{
	char reply[64];
	int rc;

	if (w->role == WIFI_AP) {
		return nl80211_ap_scan(WIFI_IFNAME);
	}
	rc = request(w, "SCAN", reply, sizeof(reply));
	if (rc < 0) {
		return rc;
	}
	/* FAIL-BUSY: a scan is already running; its results will do */
	if (strncmp(reply, "OK", 2) != 0 && strncmp(reply, "FAIL-BUSY", 9) != 0) {
		return -EIO;
	}
	return 0;
}

/* Scan and wait for the results (bounded), handling events meanwhile. */
static int scan(struct wifi *w)
{
	struct pollfd p;
	long long end = loop_now() + WIFI_SCAN_WAIT_MS;
	int rc;

	rc = trigger_scan(w);
	if (rc < 0) {
		return rc;
	}
	w->scan_pending = 1;
	w->in_scan = 1;
	while (w->scan_pending && w->mon.fd >= 0 && loop_now() < end) {
		p.fd = w->mon.fd;
		p.events = POLLIN;
		if (poll(&p, 1, (int)(end - loop_now())) > 0) {
			drain(w);
		}
	}
	w->in_scan = 0;
	check_fallback(w);
	return w->scan_pending ? -ETIMEDOUT : 0;
}

int wifi_cmd(struct cmd *c, int argc, char **argv)
{
	struct netd *nd = c->arg;
	struct wifi *w = &nd->wifi;
	int rc;

	if (argc == 2 && strcmp(argv[1], "status") == 0) {
		wifi_status(nd, c);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "scan") == 0) {
		if (!w->attached) {
			return cmd_fail(c, -ENODEV, "Wi-Fi is %s: no scan", w->state);
		}
		if (!w->scan_at || loop_now() - w->scan_at > WIFI_SCAN_FRESH_MS) {
			rc = scan(w);
			if (rc < 0 && !w->scan_at) {
				return cmd_fail(c, rc, "the scan failed: %s", strerror(-rc));
			}
		}
		print_scan(w, c);
		return 0;
	}
	/* connect and forget commit at once: not with someone else's changes */
	if (argc >= 2 && (strcmp(argv[1], "connect") == 0 || strcmp(argv[1], "forget") == 0) &&
	    settings_pending(c->set)) {
		return cmd_fail(c, -EBUSY, "other changes are staged: commit or revert them "
				"first; nothing changed");
	}
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "connect") == 0) {
		const char *psk = argc == 4 ? argv[3] : "";

		if (!*argv[2]) {
			return cmd_fail(c, -EINVAL, "wifi.ssid: an SSID to join is 1-32 bytes; "
					"nothing changed");
		}
		rc = settings_set(c->set, "wifi.ssid", argv[2]);
		rc = rc ? rc : settings_set(c->set, "wifi.psk", psk);
		rc = rc ? rc : settings_set(c->set, "wifi.security", *psk ? "psk" : "open");
		rc = rc ? rc : settings_set(c->set, "wifi.mode", "sta");
		if (rc < 0) {
			char why[CMD_WHY_MAX];

			snprintf(why, sizeof(why), "%s", settings_error(c->set));
			settings_revert(c->set);
			return cmd_fail(c, rc, "%s", why);
		}
		return cmd_commit(c);
	}
	if (argc == 2 && strcmp(argv[1], "forget") == 0) {
		settings_unset(c->set, "wifi.ssid");
		settings_unset(c->set, "wifi.psk");
		settings_unset(c->set, "wifi.security");
		return cmd_commit(c);
	}
	return cmd_fail(c, -EINVAL, "usage: wifi scan | wifi status | wifi connect SSID "
			"[PASSPHRASE] | wifi forget");
}
