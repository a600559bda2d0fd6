/* dhcp: udhcpc supervision, lease events, static addressing. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "netd.h"

static int udhcpc_argv(struct svc *s, const char **out, char *buf, size_t n)
{
	struct dhcp *d = s->arg;

	snprintf(buf, n, "hostname:%s", settings_get(&d->nd->set, SET_HOSTNAME));
	out[0] = "/sbin/udhcpc";
	out[1] = "-f";	/* foreground: netd supervises it */
	out[2] = "-S";	/* log to syslog */
	out[3] = "-i";
	out[4] = d->ifname;
	out[5] = "-x";
	out[6] = buf;
	out[7] = NULL;
	return 0;
}

void dhcp_init(struct netd *nd, struct dhcp *d, const char *ifname, unsigned metric)
{
	d->nd = nd;
	d->ifname = ifname;
	d->metric = metric;
	d->state = "off";
	if (strcmp(ifname, DHCP_IFNAME) == 0) {
		snprintf(d->svcname, sizeof(d->svcname), "udhcpc");
	} else {
		snprintf(d->svcname, sizeof(d->svcname), "udhcpc-%s", ifname);
	}
	d->svc.name = d->svcname;
	d->svc.pol = &svc_policy_default;
	d->svc.sys = nd->sys;
	d->svc.loop = &nd->loop;
	d->svc.argv = udhcpc_argv;
	d->svc.arg = d;
	svc_init(&d->svc);
}

static int parse_addr(const char *s, uint32_t *out)
{
	struct in_addr a;

	if (!s || inet_pton(AF_INET, s, &a) != 1) {
		return -EINVAL;
	}
	*out = a.s_addr;
	return 0;
}

static int valid_domain(const char *s)
{
	for (; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '.')) {
			return 0;
		}
	}
	return 1;
}

int dhcp_resolv_conf(const char *dns, const char *domain, char *buf, size_t n)
{
	char copy[DHCP_DNS_MAX], *tok, *save = NULL;
	size_t len = 0;
	uint32_t a;
	int count = 0;

	buf[0] = '\0';
	if (domain && *domain && valid_domain(domain) && strlen(domain) < 200) {
		len += (size_t)snprintf(buf + len, n - len, "search %s\n", domain);
	}
	snprintf(copy, sizeof(copy), "%s", dns ? dns : "");
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (parse_addr(tok, &a) < 0) {
			return -EINVAL;
		}
		if (count++ < 3 && len < n) {
			len += (size_t)snprintf(buf + len, n - len, "nameserver %s\n", tok);
		}
	}
	return len < n ? (int)len : -EINVAL;
}

/* resolv.conf from the best uplink that has name servers: the lowest
 * metric among those with an address. */
static void write_resolv(struct netd *nd)
{
	struct dhcp *ups[] = { &nd->dhcp, &nd->wdhcp }, *best = NULL;
	const char *step;
	char buf[512];
	size_t i;
	int len, rc;

	for (i = 0; i < sizeof(ups) / sizeof(ups[0]); i++) {
		if (ups[i]->addr && ups[i]->dns[0] && (!best || ups[i]->metric < best->metric)) {
			best = ups[i];
		}
	}
	len = dhcp_resolv_conf(best ? best->dns : "", best ? best->domain : "", buf,
			       sizeof(buf));
	if (len < 0) {
		return;
	}
	rc = sys_save_file(nd->sys, DHCP_RESOLV, buf, (size_t)len, 0644, &step);
	if (rc < 0) {
		log_msg(LOG_ERR, "dns: cannot %s %s: %s", step, DHCP_RESOLV, strerror(-rc));
	}
}

static void set_dns(struct dhcp *d, const char *dns, const char *domain)
{
	char buf[512];

	if (dns && dhcp_resolv_conf(dns, NULL, buf, sizeof(buf)) < 0) {
		log_msg(LOG_WARNING, "dns: ignoring a server list that is not IPv4 addresses");
		dns = "";
	}
	snprintf(d->dns, sizeof(d->dns), "%s", dns ? dns : "");
	snprintf(d->domain, sizeof(d->domain), "%s",
		 domain && valid_domain(domain) ? domain : "");
	write_resolv(d->nd);
}

/* Apply an address, netmask and gateway to an uplink. */
static int set_uplink(struct dhcp *d, uint32_t addr, uint32_t mask, uint32_t gw)
{
	struct netd *nd = d->nd;
	int rc = nd->sys->if_set(d->ifname, addr, mask);

	if (rc < 0) {
		return cmd_fail(&nd->cmd, rc, "cannot set the address of %s: %s", d->ifname,
				strerror(-rc));
	}
	d->addr = addr;
	d->mask = mask;
	d->gw = 0;
	if (addr && gw) {
		rc = nd->sys->route_default(d->ifname, gw, d->metric);
		if (rc < 0) {
			return cmd_fail(&nd->cmd, rc, "cannot set the default route via %s: %s",
					inet_ntoa((struct in_addr){ .s_addr = gw }), strerror(-rc));
		}
		d->gw = gw;
	}
	return 0;
}

static int apply_static(struct netd *nd)
{
	const struct settings *s = &nd->set;
	uint32_t ip, mask, gw = 0;
	int rc;

	/* The store checked these; parse again rather than trust a pointer. */
	if (parse_addr(settings_get(s, SET_NET_IP), &ip) < 0 ||
	    parse_addr(settings_get(s, SET_NET_MASK), &mask) < 0) {
		return cmd_fail(&nd->cmd, -EINVAL, "net.mode=static needs net.ip and net.mask");
	}
	if (*settings_get(s, SET_NET_GW)) {
		parse_addr(settings_get(s, SET_NET_GW), &gw);
	}
	rc = set_uplink(&nd->dhcp, ip, mask, gw);
	set_dns(&nd->dhcp, settings_get(s, SET_NET_DNS), NULL);
	nd->dhcp.state = "static";
	log_msg(LOG_INFO, "net: static %s", settings_get(s, SET_NET_IP));
	return rc;
}

int dhcp_apply(struct netd *nd)
{
	struct dhcp *d = &nd->dhcp;

	if (strcmp(settings_get(&nd->set, SET_NET_MODE), "static") == 0) {
		svc_stop(&d->svc);
		return apply_static(nd);
	}
	if (strcmp(d->state, "static") == 0) {
		set_uplink(d, 0, 0, 0);
		set_dns(d, "", NULL);
	}
	if (strcmp(d->state, "bound") != 0) {
		d->state = "waiting";
	}
	svc_restart(&d->svc);
	return 0;
}

void dhcp_up(struct dhcp *d)
{
	if (strcmp(d->state, "bound") != 0) {
		d->state = "waiting";
	}
	svc_restart(&d->svc);
}

void dhcp_down(struct dhcp *d)
{
	svc_stop(&d->svc);
	if (d->addr) {
		set_uplink(d, 0, 0, 0);
		set_dns(d, "", NULL);
	}
	d->state = "off";
}

static const char *arg(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);
	int i;

	for (i = 2; i < argc; i++) {
		if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=') {
			return argv[i] + n + 1;
		}
	}
	return NULL;
}

int dhcp_lease(struct cmd *c, int argc, char **argv)
{
	struct netd *nd = c->arg;
	const char *ev = argv[1], *router, *lease, *ifname = arg(argc, argv, "interface");
	struct dhcp *d = &nd->dhcp;
	char first[16] = "";
	uint32_t ip, mask, gw = 0;
	int rc;

	if (ifname && *ifname && strcmp(ifname, d->ifname) != 0) {
		d = &nd->wdhcp;
		if (strcmp(ifname, d->ifname) != 0) {
			return cmd_fail(c, -EINVAL, "lease: interface= must be %s or %s",
					nd->dhcp.ifname, d->ifname);
		}
		if (!d->svc.want) {
			cmd_kv(c, "ignored", "no DHCP wanted on this interface");
			return 0;
		}
	} else if (strcmp(settings_get(&nd->set, SET_NET_MODE), "dhcp") != 0) {
		cmd_kv(c, "ignored", "net.mode is not dhcp");
		return 0;
	}
	if (strcmp(ev, "deconfig") == 0) {
		set_uplink(d, 0, 0, 0);
		d->state = "waiting";
		return 0;
	}
	if (strcmp(ev, "leasefail") == 0 || strcmp(ev, "nak") == 0) {
		log_msg(LOG_INFO, "dhcp: %s on %s", ev, d->ifname);
		return 0;
	}
	if (strcmp(ev, "bound") != 0 && strcmp(ev, "renew") != 0) {
		return cmd_fail(c, -EINVAL, "lease: unknown event; expected deconfig, bound, "
				"renew, leasefail or nak");
	}
	if (parse_addr(arg(argc, argv, "ip"), &ip) < 0 ||
	    parse_addr(arg(argc, argv, "subnet"), &mask) < 0) {
		return cmd_fail(c, -EINVAL, "lease: ip= and subnet= must be IPv4 addresses");
	}
	router = arg(argc, argv, "router");
	if (router && *router) {
		/* the first of a space-separated list */
		snprintf(first, sizeof(first), "%.*s", (int)strcspn(router, " "), router);
		if (parse_addr(first, &gw) < 0) {
			return cmd_fail(c, -EINVAL, "lease: router= must be IPv4 addresses");
		}
	}
	rc = set_uplink(d, ip, mask, gw);
	if (rc < 0) {
		return rc;
	}
	set_dns(d, arg(argc, argv, "dns"), arg(argc, argv, "domain"));
	lease = arg(argc, argv, "lease");
	d->lease_s = lease ? strtoul(lease, NULL, 10) : 0;
	d->bound_at = loop_now();
	d->state = "bound";
	d->leases++;
	log_msg(LOG_INFO, "dhcp: %s %s/%s router %s dns %s on %s", ev, arg(argc, argv, "ip"),
		arg(argc, argv, "subnet"), gw ? first : "none", d->dns[0] ? d->dns : "none",
		d->ifname);
	return 0;
}

static int prefix_len(uint32_t mask)
{
	uint32_t m = ntohl(mask);
	int n = 0;

	for (; m & 0x80000000u; m <<= 1) {
		n++;
	}
	return n;
}

void dhcp_status(struct netd *nd, struct cmd *c)
{
	struct dhcp *d = &nd->dhcp;
	struct sys_ifinfo ifi;
	char v[64], k[32];

	cmd_kv(c, "net.mode", settings_get(&nd->set, SET_NET_MODE));
	snprintf(k, sizeof(k), "%s.link", d->ifname);
	if (nd->sys->if_get(d->ifname, &ifi) < 0) {
		cmd_kv(c, k, "absent");
	} else {
		cmd_kv(c, k, !ifi.up ? "down" : ifi.carrier ? "up" : "no-carrier");
	}
	snprintf(k, sizeof(k), "%s.addr", d->ifname);
	v[0] = '\0';
	if (ifi.addr) {
		snprintf(v, sizeof(v), "%s/%d", inet_ntoa((struct in_addr){ .s_addr = ifi.addr }),
			 prefix_len(ifi.mask));
	}
	cmd_kv(c, k, v);
	cmd_kv(c, "net.gateway", d->gw ? inet_ntoa((struct in_addr){ .s_addr = d->gw }) : "");
	cmd_kv(c, "net.dns", d->dns);
	cmd_kv(c, "dhcp.state", d->state);
	if (strcmp(d->state, "bound") == 0) {
		snprintf(v, sizeof(v), "%lu", d->lease_s);
		cmd_kv(c, "dhcp.lease", v);
		snprintf(v, sizeof(v), "%lld", (loop_now() - d->bound_at) / 1000);
		cmd_kv(c, "dhcp.age", v);
	}
}

void dhcp_if_status(struct dhcp *d, struct cmd *c, const char *prefix)
{
	char k[48], v[64];

	snprintf(k, sizeof(k), "%s.addr", prefix);
	v[0] = '\0';
	if (d->addr) {
		snprintf(v, sizeof(v), "%s/%d", inet_ntoa((struct in_addr){ .s_addr = d->addr }),
			 prefix_len(d->mask));
	}
	cmd_kv(c, k, v);
	snprintf(k, sizeof(k), "%s.gateway", prefix);
	cmd_kv(c, k, d->gw ? inet_ntoa((struct in_addr){ .s_addr = d->gw }) : "");
	snprintf(k, sizeof(k), "%s.dhcp", prefix);
	cmd_kv(c, k, d->state);
	if (strcmp(d->state, "bound") == 0) {
		snprintf(k, sizeof(k), "%s.lease", prefix);
		snprintf(v, sizeof(v), "%lu", d->lease_s);
		cmd_kv(c, k, v);
		snprintf(k, sizeof(k), "%s.age", prefix);
		snprintf(v, sizeof(v), "%lld", (loop_now() - d->bound_at) / 1000);
		cmd_kv(c, k, v);
	}
}
