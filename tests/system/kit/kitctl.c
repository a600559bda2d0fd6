/*
 * kitctl: the test kit's helper, for what BusyBox and the product do not
 * have (and must not get just for the tests). Static, no libnl.
 *
 *   kitctl insmod FILE [PARAMS]     load a kernel module (finit_module)
 *   kitctl netns NAME               make network namespace /run/netns/NAME
 *   kitctl exec NAME CMD [ARG...]   run CMD inside namespace NAME
 *   kitctl phy PHY NAME             move wiphy PHY (index) into namespace NAME
 *                                   (nl80211 NL80211_CMD_SET_WIPHY_NETNS)
 *   kitctl wpa SOCKET CMD [ARG...]  one wpa_supplicant control request; the
 *                                   reply goes to stdout (10 s timeout)
 *   kitctl dns SERVER NAME          one DNS A query over UDP: "rcode=N" and
 *                                   one "a=ADDR" line per answer (5 s timeout)
 *
 * Exit codes (s6's): 0 ok, 1 the request failed (FAIL reply, kernel error),
 * 100 usage, 111 system error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nl80211.h>

#define NETNS_DIR "/run/netns"
#define WPA_TIMEOUT_MS 10000

static int fail(int code, const char *what)
{
	fprintf(stderr, "kitctl: %s: %s\n", what, strerror(errno));
	return code;
}

static int usage(void)
{
	fputs("usage: kitctl insmod FILE [PARAMS] | netns NAME | exec NAME CMD [ARG...]\n"
	      "       | phy PHY NAME | wpa SOCKET CMD [ARG...]\n", stderr);
	return 100;
}

static int netns_open(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), NETNS_DIR "/%s", name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

static int cmd_insmod(const char *file, const char *params)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		return fail(111, file);
	}
	if (syscall(SYS_finit_module, fd, params, 0) != 0 && errno != EEXIST) {
		return fail(1, "finit_module");
	}
	close(fd);
	return 0;
}

/* What "ip netns add" does: a new namespace, kept alive by a bind mount. */
static int cmd_netns(const char *name)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), NETNS_DIR "/%s", name);
	mkdir(NETNS_DIR, 0755);
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL, 0444);
	if (fd < 0) {
		return errno == EEXIST ? 0 : fail(111, path);
	}
	close(fd);
	if (unshare(CLONE_NEWNET) != 0) {
		unlink(path);
		return fail(111, "unshare");
	}
	if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) != 0) {
		unlink(path);
		return fail(111, "bind mount");
	}
	return 0;
}

static int cmd_exec(const char *name, char **argv)
{
	int fd = netns_open(name);

	if (fd < 0) {
		return fail(111, name);
	}
	if (setns(fd, CLONE_NEWNET) != 0) {
		return fail(111, "setns");
	}
	close(fd);
	execvp(argv[0], argv);
	return fail(111, argv[0]);
}

/* -- generic netlink, by hand: two requests do not need libnl ----------- */

struct nlreq {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char attrs[128];
};

static void nl_put(struct nlreq *r, unsigned short type, const void *data, unsigned short len)
{
	struct nlattr *a = (struct nlattr *)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void nl_init(struct nlreq *r, unsigned short family, unsigned char cmd)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->n.nlmsg_type = family;
	r->n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r->g.cmd = cmd;
	r->g.version = 1;
}

/*
 * Send one request; on success return 0 and, for a reply carrying
 * attribute want_attr (a u16), store it in *val. A negative errno otherwise.
 */
static int nl_talk(int fd, struct nlreq *r, unsigned short want_attr, unsigned short *val)
{
	char buf[8192];
	ssize_t n;

	if (send(fd, r, r->n.nlmsg_len, 0) < 0) {
		return -errno;
	}
	for (;;) {
		struct nlmsghdr *h;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			return -errno;
		}
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				/* error 0 is the ACK: the end of every request */
				return e->error;
			}
			if (h->nlmsg_type == NLMSG_DONE) {
				return 0;
			}
			if (val) {
				struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
				int left = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

				while (left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= left) {
					if ((a->nla_type & NLA_TYPE_MASK) == want_attr) {
						memcpy(val, (char *)a + NLA_HDRLEN, sizeof(*val));
					}
					left -= NLA_ALIGN(a->nla_len);
					a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
				}
			}
		}
	}
}

static int cmd_phy(const char *phy, const char *name)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlreq r;
	unsigned short family = 0;
	unsigned int wiphy = (unsigned int)strtoul(phy, NULL, 10);
	unsigned int nsfd;
	int fd, ns, err;

	ns = netns_open(name);
	if (ns < 0) {
		return fail(111, name);
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		return fail(111, "netlink");
	}
	nl_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	nl_put(&r, CTRL_ATTR_FAMILY_NAME, "nl80211", sizeof("nl80211"));
	err = nl_talk(fd, &r, CTRL_ATTR_FAMILY_ID, &family);
	if (err < 0 || family == 0) {
		errno = err < 0 ? -err : ENOENT;
		return fail(1, "nl80211 family");
	}
	nl_init(&r, family, NL80211_CMD_SET_WIPHY_NETNS);
	nl_put(&r, NL80211_ATTR_WIPHY, &wiphy, sizeof(wiphy));
	nsfd = (unsigned int)ns;
	nl_put(&r, NL80211_ATTR_NETNS_FD, &nsfd, sizeof(nsfd));
	err = nl_talk(fd, &r, 0, NULL);
	if (err < 0) {
		errno = -err;
		return fail(1, "SET_WIPHY_NETNS");
	}
	return 0;
}

/* -- wpa_supplicant's control socket: datagrams between two paths ------- */

static int cmd_wpa(const char *sock, int argc, char **argv)
{
	struct sockaddr_un local = { .sun_family = AF_UNIX }, peer = { .sun_family = AF_UNIX };
	char req[1024], reply[8192];
	struct pollfd p;
	size_t len = 0;
	ssize_t n;
	int fd, i, rc = 111;

	for (i = 0; i < argc; i++) {
		int w = snprintf(req + len, sizeof(req) - len, "%s%s", i ? " " : "", argv[i]);

		if (w < 0 || (size_t)w >= sizeof(req) - len) {
			fputs("kitctl: request too long\n", stderr);
			return 100;
		}
		len += (size_t)w;
	}
	snprintf(local.sun_path, sizeof(local.sun_path), "/tmp/kitctl-%d", (int)getpid());
	snprintf(peer.sun_path, sizeof(peer.sun_path), "%s", sock);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return fail(111, "socket");
	}
	unlink(local.sun_path);
	if (bind(fd, (struct sockaddr *)&local, sizeof(local)) != 0) {
		fail(111, local.sun_path);
		goto out;
	}
	if (connect(fd, (struct sockaddr *)&peer, sizeof(peer)) != 0) {
		fail(111, sock);
		goto out;
	}
	if (send(fd, req, len, 0) < 0) {
		fail(111, "send");
		goto out;
	}
	p.fd = fd;
	p.events = POLLIN;
	for (;;) {
		int r = poll(&p, 1, WPA_TIMEOUT_MS);

		if (r <= 0) {
			fprintf(stderr, "kitctl: no reply from %s\n", sock);
			goto out;
		}
		n = recv(fd, reply, sizeof(reply) - 1, 0);
		if (n < 0) {
			fail(111, "recv");
			goto out;
		}
		/* "<N>..." lines are events (only an attached monitor gets them) */
		if (n > 0 && reply[0] == '<') {
			continue;
		}
		break;
	}
	reply[n] = '\0';
	fputs(reply, stdout);
	if (n > 0 && reply[n - 1] != '\n') {
		putchar('\n');
	}
	rc = strncmp(reply, "FAIL", 4) == 0 ? 1 : 0;
out:
	close(fd);
	unlink(local.sun_path);
	return rc;
}

static int cmd_dns(const char *server, const char *name)
{
	unsigned char q[300], a[512];
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(53) };
	struct pollfd p;
	size_t len = 12, l;
	const char *s = name, *dot;
	ssize_t n;
	int fd, i, an;
	size_t off;

	if (inet_pton(AF_INET, server, &sin.sin_addr) != 1 || strlen(name) > 250) {
		return usage();
	}
	memset(q, 0, 12);
	q[0] = 0x4b;
	q[1] = 0x1d;	/* the id */
	q[2] = 0x01;	/* RD */
	q[5] = 1;	/* one question */
	while (*s) {
		dot = strchr(s, '.');
		l = dot ? (size_t)(dot - s) : strlen(s);
		if (l == 0 || l > 63) {
			return usage();
		}
		q[len++] = (unsigned char)l;
		memcpy(q + len, s, l);
		len += l;
		s += l + (dot != NULL);
	}
	q[len++] = 0;
	q[len++] = 0;
	q[len++] = 1;	/* A */
	q[len++] = 0;
	q[len++] = 1;	/* IN */
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || sendto(fd, q, len, 0, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		return fail(111, "dns: send");
	}
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, 5000) <= 0 || (n = recv(fd, a, sizeof(a), 0)) < 12 ||
	    a[0] != q[0] || a[1] != q[1] || !(a[2] & 0x80)) {
		return fail(1, "dns: no answer");
	}
	printf("rcode=%d\n", a[3] & 15);
	an = a[6] << 8 | a[7];
	off = len;	/* the answers follow the question, which is echoed */
	for (i = 0; i < an && off + 12 <= (size_t)n; i++) {
		unsigned type = (unsigned)(a[off + 2] << 8 | a[off + 3]);
		unsigned rdlen = (unsigned)(a[off + 10] << 8 | a[off + 11]);

		if (a[off] < 0xc0 || off + 12 + rdlen > (size_t)n) {
			break;	/* only the compressed names our responder writes */
		}
		if (type == 1 && rdlen == 4) {
			printf("a=%u.%u.%u.%u\n", a[off + 12], a[off + 13], a[off + 14], a[off + 15]);
		}
		off += 12 + rdlen;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		return usage();
	}
	if (strcmp(argv[1], "insmod") == 0) {
		return cmd_insmod(argv[2], argc > 3 ? argv[3] : "");
	}
	if (strcmp(argv[1], "netns") == 0) {
		return cmd_netns(argv[2]);
	}
	if (strcmp(argv[1], "exec") == 0 && argc > 3) {
		return cmd_exec(argv[2], argv + 3);
	}
	if (strcmp(argv[1], "phy") == 0 && argc == 4) {
		return cmd_phy(argv[2], argv[3]);
	}
	if (strcmp(argv[1], "dns") == 0 && argc == 4) {
		return cmd_dns(argv[2], argv[3]);
	}
	if (strcmp(argv[1], "wpa") == 0 && argc > 3) {
		return cmd_wpa(argv[2], argc - 3, argv + 3);
	}
	return usage();
}
