/* dhcp: IPv4 on the uplinks. Each uplink (eth0, and wlan0 once Wi-Fi is
 * connected) has its own BusyBox udhcpc (supervised) whose script reports
 * leases back through the internal `lease` command; netd applies address,
 * default route (one per uplink, by metric: Ethernet first) and DNS (from
 * the best uplink) itself. eth0 can instead be static (net.mode=static,
 * the net.* settings). */
#ifndef NETD_DHCP_H
#define NETD_DHCP_H

#include <stdint.h>

#include "svc.h"

#define DHCP_IFNAME "eth0"
#define DHCP_METRIC 10		/* eth0's default route */
#define DHCP_RESOLV "/tmp/resolv.conf"	/* /etc/resolv.conf links here */
#define DHCP_DNS_MAX 128

struct netd;
struct cmd;

/**
 * struct dhcp - one uplink.
 * @state: "static", "waiting" (no lease yet), "bound", "off"
 * @metric: its default route's metric (lower wins)
 * @addr, @mask, @gw: what netd applied, network byte order
 * @dns, @domain: what its lease gave (or the static settings)
 * @lease_s: the lease's duration; @bound_at: loop_now() at the last bind
 */
struct dhcp {
	struct svc svc;
	struct netd *nd;
	const char *ifname;
	unsigned metric;
	const char *state;
	uint32_t addr, mask, gw;
	char dns[DHCP_DNS_MAX];
	char domain[64];
	unsigned long lease_s;
	long long bound_at;
	unsigned leases;
	char svcname[24];
};

/** dhcp_init() - @d for @ifname; its udhcpc is the service "udhcpc" for
 * eth0, "udhcpc-IFNAME" for the others. */
void dhcp_init(struct netd *nd, struct dhcp *d, const char *ifname, unsigned metric);

/**
 * dhcp_apply() - bring eth0 in line with the net.* settings: stop or
 * (re)start udhcpc, apply a static configuration.
 * Return: 0 or -errno (reason set with cmd_fail() on @nd->cmd).
 */
int dhcp_apply(struct netd *nd);

/** dhcp_up() - start DHCP on @d (restart it if it runs: a new lease). */
void dhcp_up(struct dhcp *d);

/** dhcp_down() - stop DHCP on @d and take its address and route away. */
void dhcp_down(struct dhcp *d);

/** dhcp_lease() - the internal `lease EVENT NAME=VALUE...` command. */
int dhcp_lease(struct cmd *c, int argc, char **argv);

/** dhcp_status() - eth0's lines of `status` (net.*, eth0.*, dhcp.*). */
void dhcp_status(struct netd *nd, struct cmd *c);

/** dhcp_if_status() - another uplink's lines: PREFIX.addr, .gateway,
 * .dhcp (the state), .lease, .age. */
void dhcp_if_status(struct dhcp *d, struct cmd *c, const char *prefix);

/**
 * dhcp_resolv_conf() - the content of resolv.conf for @dns (up to 3
 * space-separated IPv4 addresses) and @domain (may be NULL or empty).
 * Return: the length written (always < @n), or -EINVAL for a bad address.
 */
int dhcp_resolv_conf(const char *dns, const char *domain, char *buf, size_t n);

#endif
