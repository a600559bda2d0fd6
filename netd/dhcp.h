/* dhcp: the uplink's IPv4 configuration. In net.mode=dhcp netd runs
 * BusyBox udhcpc (supervised) whose script reports leases back through
 * the internal `lease` command; netd applies address, default route and
 * DNS itself. In net.mode=static netd applies the net.* settings. */
#ifndef NETD_DHCP_H
#define NETD_DHCP_H

#include <stdint.h>

#include "svc.h"

#define DHCP_IFNAME "eth0"
#define DHCP_RESOLV "/tmp/resolv.conf"	/* /etc/resolv.conf links here */
#define DHCP_DNS_MAX 128

struct netd;
struct cmd;

/**
 * struct dhcp - the uplink.
 * @state: "static", "waiting" (no lease yet), "bound", "off"
 * @addr, @mask, @gw: what netd applied, network byte order
 * @dns: the name servers applied, space-separated
 * @lease_s: the lease's duration; @bound_at: loop_now() at the last bind
 */
struct dhcp {
	struct svc svc;
	const char *ifname;
	const char *state;
	uint32_t addr, mask, gw;
	char dns[DHCP_DNS_MAX];
	unsigned long lease_s;
	long long bound_at;
	unsigned leases;
};

void dhcp_init(struct netd *nd);

/**
 * dhcp_apply() - bring the uplink in line with the net.* settings: stop or
 * (re)start udhcpc, apply a static configuration.
 * Return: 0 or -errno (reason set with cmd_fail() on @nd->cmd).
 */
int dhcp_apply(struct netd *nd);

/** dhcp_lease() - the internal `lease EVENT NAME=VALUE...` command. */
int dhcp_lease(struct cmd *c, int argc, char **argv);

/** dhcp_status() - the uplink's lines of `status`. */
void dhcp_status(struct netd *nd, struct cmd *c);

/**
 * dhcp_resolv_conf() - the content of resolv.conf for @dns (up to 3
 * space-separated IPv4 addresses) and @domain (may be NULL or empty).
 * Return: the length written (always < @n), or -EINVAL for a bad address.
 */
int dhcp_resolv_conf(const char *dns, const char *domain, char *buf, size_t n);

#endif
