/* netd: the daemon's context, one per process, passed to every module. */
#ifndef NETD_NETD_H
#define NETD_NETD_H

#include "cmd.h"
#include "ctl.h"
#include "dhcp.h"
#include "httpd.h"
#include "loop.h"
#include "settings.h"
#include "sshd.h"
#include "sys.h"
#include "wifi.h"

/* Where things are on the device; netd -c/-s override the first two. */
#define NETD_SOCKET "/run/netd.sock"
#define NETD_RELEASE "/etc/tinyfw-release"
#define NETD_CFG_MOUNT "/overlay"
#define NETD_HTTP_PORT 80
#define NETD_HTTPS_PORT 443

/**
 * struct netd - everything netd has. @after_reply is the action (reboot,
 * factory reset) to take once the reply announcing it has been sent.
 */
struct netd {
	const struct sys_ops *sys;
	struct loop loop;
	struct settings set;
	struct cmd cmd;
	struct ctl ctl;
	struct dhcp dhcp;	/* eth0 */
	struct dhcp wdhcp;	/* wlan0 (wifi.c starts it once connected) */
	struct sshd sshd;
	struct httpd httpd;
	struct wifi wifi;
	long long started;
	int stopping;
	int (*after_reply)(struct netd *nd);
	struct loop_timer after_reply_timer;
	struct loop_timer stop_timer;
};

/**
 * netd_apply() - re-apply what depends on the SVC_* bits in @mask (after a
 * commit, and everything at start).
 * Return: 0, or the first -errno, with the reason set in @nd->cmd.
 */
int netd_apply(struct netd *nd, unsigned mask);

#endif
