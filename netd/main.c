/* netd: the daemon's start, its command hooks, and the multi-call entry
 * (netd, netctl). See netd/DESIGN.md. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "../webui/cgi.h"
#include "log.h"
#include "netctl.h"
#include "netd.h"

/* Exit codes of startup, the s6 way. */
#define EXIT_USAGE 100
#define EXIT_SYSTEM 111

#define LOG_DEFAULT_LINES 20
#define LOG_MAX_LINES 500

static void report(void *arg, const char *msg)
{
	(void)arg;
	log_msg(LOG_WARNING, "settings: %s", msg);
}

int netd_apply(struct netd *nd, unsigned mask)
{
	int rc, first = 0;

	if (mask & SVC_HOSTNAME) {
		rc = nd->sys->sethostname(settings_get(&nd->set, SET_HOSTNAME));
		if (rc < 0 && !first) {
			first = cmd_fail(&nd->cmd, rc, "cannot set the host name: %s",
					 strerror(-rc));
		}
	}
	if (mask & SVC_AUTH) {
		rc = sshd_apply_auth(nd);
		first = first ? first : rc;
	}
	if (mask & (SVC_NET | SVC_DHCP)) {
		rc = dhcp_apply(nd);
		first = first ? first : rc;
	}
	if (mask & SVC_SSHD) {
		rc = sshd_apply(nd);
		first = first ? first : rc;
	}
	if (mask & SVC_WIFI) {
		rc = wifi_apply(nd);
		first = first ? first : rc;
	}
	/* SVC_CONSOLE: /sbin/console reads console.login at each new session. */
	return first;
}

static int apply(struct cmd *c, unsigned mask)
{
	return netd_apply(c->arg, mask);
}

/* ---- status ---- */

static void kv_num(struct cmd *c, const char *key, unsigned long long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%llu", v);
	cmd_kv(c, key, b);
}

/* "KEY=value" from a file of such lines (tinyfw-release). */
static void release_field(struct netd *nd, const char *key, char *out, size_t n)
{
	char buf[512], *p;
	size_t klen = strlen(key);

	snprintf(out, n, "unknown");
	if (sys_read_file(nd->sys, NETD_RELEASE, buf, sizeof(buf)) < 0) {
		return;
	}
	for (p = buf; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			snprintf(out, n, "%.*s", (int)strcspn(p + klen + 1, "\n"), p + klen + 1);
			return;
		}
	}
}

static void meminfo(struct netd *nd, struct cmd *c)
{
	char buf[1024], *p;

	if (sys_read_file(nd->sys, "/proc/meminfo", buf, sizeof(buf)) < 0) {
		return;
	}
	/* strtoul, not sscanf: scanf would pull 12 KiB of float parsing in */
	if ((p = strstr(buf, "MemTotal:"))) {
		kv_num(c, "mem.total_kb", strtoul(p + 9, NULL, 10));
	}
	if ((p = strstr(buf, "MemAvailable:"))) {
		kv_num(c, "mem.available_kb", strtoul(p + 13, NULL, 10));
	}
}

static void svc_status(struct cmd *c, const struct svc *s)
{
	char k[48];

	snprintf(k, sizeof(k), "svc.%s.state", s->name);
	cmd_kv(c, k, svc_state_name(s->state));
	snprintf(k, sizeof(k), "svc.%s.pid", s->name);
	kv_num(c, k, s->pid > 0 ? (unsigned long long)s->pid : 0);
	snprintf(k, sizeof(k), "svc.%s.restarts", s->name);
	kv_num(c, k, s->restarts);
}

static int do_status(struct cmd *c, int argc, char **argv)
{
	struct netd *nd = c->arg;
	struct sysinfo si;
	struct statvfs vfs;
	char v[64];

	(void)argv;
	if (argc != 1) {
		return cmd_fail(c, -EINVAL, "usage: status");
	}
	cmd_kv(c, "hostname", settings_get(&nd->set, SET_HOSTNAME));
	release_field(nd, "VERSION", v, sizeof(v));
	cmd_kv(c, "version", v);
	release_field(nd, "BOARD", v, sizeof(v));
	cmd_kv(c, "board", v);
	if (sysinfo(&si) == 0) {
		kv_num(c, "uptime", (unsigned long long)si.uptime);
	}
	dhcp_status(nd, c);
	svc_status(c, &nd->sshd.svc);
	svc_status(c, &nd->dhcp.svc);
	wifi_status(nd, c);
	svc_status(c, &nd->wifi.svc);
	svc_status(c, &nd->wifi.udhcpd);
	svc_status(c, &nd->wdhcp.svc);
	meminfo(nd, c);
	if (statvfs(NETD_CFG_MOUNT, &vfs) == 0) {
		kv_num(c, "cfg.size_kb", (unsigned long long)vfs.f_blocks * vfs.f_frsize / 1024);
		kv_num(c, "cfg.free_kb", (unsigned long long)vfs.f_bavail * vfs.f_frsize / 1024);
	}
	kv_num(c, "settings.pending", (unsigned long long)settings_pending(&nd->set));
	return 0;
}

/* ---- password, reboot, factory reset, log ---- */

static int do_password(struct cmd *c, int argc, char **argv)
{
	struct netd *nd = c->arg;
	int rc, mask;

	if (argc != 3 || strcmp(argv[1], "set") != 0) {
		return cmd_fail(c, -EINVAL, "usage: password set NEW-PASSWORD (netctl password "
				"set reads it from stdin)");
	}
	/* A commit here would also commit whatever else is staged. */
	if (settings_pending(&nd->set) > 0) {
		return cmd_fail(c, -EBUSY, "other changes are staged; commit or revert them "
				"first; the password is unchanged");
	}
	rc = settings_set(&nd->set, settings_schema[SET_ADMIN_PASSWORD].key, argv[2]);
	if (rc < 0) {
		return cmd_fail(c, rc, "%s", settings_error(&nd->set));
	}
	mask = settings_commit(&nd->set);
	if (mask < 0) {
		settings_revert(&nd->set);
		return cmd_fail(c, mask, "%s", settings_error(&nd->set));
	}
	rc = mask ? netd_apply(nd, (unsigned)mask) : 0;
	if (rc < 0) {
		return cmd_fail(c, rc, "password saved, but applying it failed: %s", c->why);
	}
	log_msg(LOG_NOTICE, "the admin password was changed");
	httpd_auth_changed(&nd->httpd);
	return 0;
}

static void after_reply(struct loop_timer *t)
{
	struct netd *nd = container_of(t, struct netd, after_reply_timer);

	if (nd->after_reply) {
		nd->after_reply(nd);
	}
}

static int reboot_now(struct netd *nd)
{
	int rc = nd->sys->reboot();

	if (rc < 0) {
		log_msg(LOG_ERR, "cannot reboot: %s", strerror(-rc));
	}
	return rc;
}

/* Acted on shortly after the reply, so the client hears "ok" first. */
static void later(struct netd *nd, int (*fn)(struct netd *nd))
{
	nd->after_reply = fn;
	loop_timer_set(&nd->loop, &nd->after_reply_timer, 300);
}

static int do_reboot(struct cmd *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		return cmd_fail(c, -EINVAL, "usage: reboot");
	}
	log_msg(LOG_NOTICE, "reboot requested");
	later(c->arg, reboot_now);
	return 0;
}

static int do_factory_reset(struct cmd *c, int argc, char **argv)
{
	struct netd *nd = c->arg;
	int fd, rc;

	(void)argv;
	if (argc != 1) {
		return cmd_fail(c, -EINVAL, "usage: factory-reset");
	}
	/* preinit erases the cfg partition at the next boot, before anything
	 * has /etc open (the same mark /sbin/factory-reset leaves). */
	fd = nd->sys->open(NETD_CFG_MOUNT "/.factory-reset", O_WRONLY | O_CREAT | O_CLOEXEC,
			   0600);
	rc = fd < 0 ? fd : nd->sys->fsync(fd);
	if (fd >= 0) {
		nd->sys->close(fd);
	}
	if (rc < 0) {
		return cmd_fail(c, rc, "cannot mark the cfg partition for erasing: %s; nothing "
				"changed", strerror(-rc));
	}
	log_msg(LOG_NOTICE, "factory reset requested: settings are erased at the reboot");
	later(nd, reboot_now);
	return 0;
}

static void log_line(void *arg, const char *line, size_t len)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%.*s", (int)len, line);
	cmd_kv(arg, "log", buf);
}

static int do_log(struct cmd *c, int argc, char **argv)
{
	unsigned long n = LOG_DEFAULT_LINES;
	char *end;
	int rc;

	if (argc > 2) {
		return cmd_fail(c, -EINVAL, "usage: log [N]");
	}
	if (argc == 2) {
		n = strtoul(argv[1], &end, 10);
		if (*end || !*argv[1] || n < 1 || n > LOG_MAX_LINES || argv[1][0] == '-') {
			return cmd_fail(c, -EINVAL, "log: N must be a number from 1 to %d",
					LOG_MAX_LINES);
		}
	}
	rc = log_tail((unsigned)n, log_line, c);
	if (rc < 0) {
		return cmd_fail(c, rc, "cannot read the system log (is syslogd -C running?): %s",
				strerror(-rc));
	}
	return 0;
}

/* ---- the daemon ---- */

static void stop_done(struct loop_timer *t)
{
	struct netd *nd = container_of(t, struct netd, stop_timer);

	if (nd->sshd.svc.pid <= 0 && nd->dhcp.svc.pid <= 0 && nd->wdhcp.svc.pid <= 0 &&
	    nd->wifi.svc.pid <= 0 && nd->wifi.udhcpd.pid <= 0) {
		loop_quit(&nd->loop);
		return;
	}
	loop_timer_set(&nd->loop, t, 100);
}

static void on_signal(struct loop *l, int signo)
{
	struct netd *nd = container_of(l, struct netd, loop);

	if (signo == SIGHUP) {
		log_msg(LOG_INFO, "SIGHUP: reloading %s", nd->set.path);
		if (settings_load(&nd->set) >= 0) {
			netd_apply(nd, ~0u);
		}
		return;
	}
	if (nd->stopping) {
		return;
	}
	log_msg(LOG_INFO, "signal %d: stopping the services", signo);
	nd->stopping = 1;
	ctl_close(&nd->ctl);
	httpd_close(&nd->httpd);
	svc_stop(&nd->sshd.svc);
	svc_stop(&nd->dhcp.svc);
	svc_stop(&nd->wdhcp.svc);
	wifi_stop(nd);
	nd->stop_timer.cb = stop_done;
	loop_timer_set(l, &nd->stop_timer, 0);
}

static int usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-f] [-c FILE] [-s SOCKET] [-n FD] [-p PORT] [-P PORT]\n"
		"  -f         also log to stderr\n"
		"  -c FILE    settings file (default %s)\n"
		"  -s SOCKET  command socket (default %s)\n"
		"  -n FD      write a newline to FD once ready (every socket bound)\n"
		"  -p PORT    HTTP port (default %d), -P PORT: HTTPS port (default %d, 0: none)\n",
		prog, SETTINGS_PATH, NETD_SOCKET, NETD_HTTP_PORT, NETD_HTTPS_PORT);
	return EXIT_USAGE;
}

static int netd_main(int argc, char **argv)
{
	static struct netd nd;
	const char *conf = SETTINGS_PATH, *sock = NETD_SOCKET;
	int opt, notify = -1, to_stderr = 0, rc;
	int http_port = NETD_HTTP_PORT, https_port = NETD_HTTPS_PORT;

	while ((opt = getopt(argc, argv, "fc:s:n:p:P:")) != -1) {
		switch (opt) {
		case 'f':
			to_stderr = 1;
			break;
		case 'c':
			conf = optarg;
			break;
		case 's':
			sock = optarg;
			break;
		case 'n':
			notify = atoi(optarg);
			break;
		case 'p':
			http_port = atoi(optarg);
			break;
		case 'P':
			https_port = atoi(optarg);
			break;
		default:
			return usage(argv[0]);
		}
	}
	if (optind != argc) {
		return usage(argv[0]);
	}
	log_init(to_stderr);
	nd.sys = &sys_linux;
	nd.started = loop_now();
	nd.after_reply_timer.cb = after_reply;
	rc = loop_init(&nd.loop);
	if (rc < 0) {
		log_msg(LOG_ERR, "cannot set up the event loop: %s", strerror(-rc));
		return EXIT_SYSTEM;
	}
	nd.loop.on_signal = on_signal;
	if (settings_init(&nd.set, conf, nd.sys, report, &nd) < 0) {
		log_msg(LOG_ERR, "settings path too long: %s", conf);
		return EXIT_USAGE;
	}
	rc = settings_load(&nd.set);
	if (rc < 0) {
		log_msg(LOG_ERR, "cannot read %s: %s; running on the defaults", conf,
			strerror(-rc));
	} else if (rc > 0) {
		log_msg(LOG_WARNING, "%s: %d problem(s), those lines were skipped", conf, rc);
	}
	cmd_init(&nd.cmd, &nd.set);
	nd.cmd.arg = &nd;
	nd.cmd.apply = apply;
	nd.cmd.hook[CMD_HOOK_STATUS] = do_status;
	nd.cmd.hook[CMD_HOOK_SSH] = sshd_cmd;
	nd.cmd.hook[CMD_HOOK_PASSWORD] = do_password;
	nd.cmd.hook[CMD_HOOK_REBOOT] = do_reboot;
	nd.cmd.hook[CMD_HOOK_FACTORY_RESET] = do_factory_reset;
	nd.cmd.hook[CMD_HOOK_LOG] = do_log;
	nd.cmd.hook[CMD_HOOK_LEASE] = dhcp_lease;
	nd.cmd.hook[CMD_HOOK_HTTPS] = httpd_cmd;
	nd.cmd.hook[CMD_HOOK_WIFI] = wifi_cmd;
	dhcp_init(&nd, &nd.dhcp, DHCP_IFNAME, DHCP_METRIC);
	dhcp_init(&nd, &nd.wdhcp, WIFI_IFNAME, WIFI_METRIC);
	sshd_init(&nd);
	wifi_init(&nd);

	rc = ctl_open(&nd, sock);
	if (rc < 0) {
		log_msg(LOG_ERR, "cannot listen on %s: %s", sock, strerror(-rc));
		return EXIT_SYSTEM;
	}
	rc = httpd_open(&nd, http_port, https_port);
	if (rc < 0) {
		log_msg(LOG_ERR, "cannot listen on ports %d/%d: %s", http_port, https_port,
			strerror(-rc));
		return EXIT_SYSTEM;
	}
	/* Every socket is bound: ready (s6-style notification). */
	if (notify >= 0) {
		if (write(notify, "\n", 1) < 0) {
			log_msg(LOG_WARNING, "cannot notify readiness on fd %d", notify);
		}
		close(notify);
	}
	log_msg(LOG_INFO, "ready on %s", sock);
	rc = netd_apply(&nd, ~0u);
	if (rc < 0) {
		log_msg(LOG_ERR, "applying the settings: %s", nd.cmd.why);
	}
	rc = loop_run(&nd.loop);
	log_msg(LOG_INFO, "stopped");
	return rc < 0 ? EXIT_SYSTEM : 0;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');

	name = name ? name + 1 : argv[0];
	if (strcmp(name, "netctl") == 0) {
		return netctl_main(argc, argv);
	}
	if (webui_is_cgi(argv[0])) {
		return webui_main(argc, argv);
	}
	return netd_main(argc, argv);
}
