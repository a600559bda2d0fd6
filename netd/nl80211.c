/* nl80211: a scan on an access point interface, by raw generic netlink. */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nl80211.h"

#define NL_WAIT_MS 1000

struct nlreq {
	struct nlmsghdr n;
	struct genlmsghdr g;
	char attrs[64];
};

static void put(struct nlreq *r, unsigned short type, const void *data, unsigned short len)
{
	struct nlattr *a = (struct nlattr *)((char *)r + NLMSG_ALIGN(r->n.nlmsg_len));

	a->nla_type = type;
	a->nla_len = (unsigned short)(NLA_HDRLEN + len);
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void start(struct nlreq *r, unsigned short family, unsigned char cmd, unsigned seq)
{
	memset(r, 0, sizeof(*r));
	r->n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->n.nlmsg_type = family;
	r->n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r->n.nlmsg_seq = seq;
	r->g.cmd = cmd;
	r->g.version = 1;
}

/* Send @r, read until its ACK; with @want, the u16 attribute of that
 * type in a reply (the family id) into *@val. Return: 0 or -errno. */
static int talk(int fd, struct nlreq *r, unsigned short want, unsigned short *val)
{
	char buf[4096];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct nlmsghdr *h;
	ssize_t n;

	if (send(fd, r, r->n.nlmsg_len, 0) < 0) {
		return -errno;
	}
	for (;;) {
		if (poll(&p, 1, NL_WAIT_MS) <= 0) {
			return -ETIMEDOUT;
		}
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			return -errno;
		}
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != r->n.nlmsg_seq) {
				continue;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error;	/* 0: the ACK */
			}
			if (want && h->nlmsg_len >= NLMSG_LENGTH(GENL_HDRLEN)) {
				struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
				int left = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

				while (left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
				       a->nla_len <= left) {
					if ((a->nla_type & NLA_TYPE_MASK) == want &&
					    a->nla_len >= NLA_HDRLEN + 2) {
						memcpy(val, (char *)a + NLA_HDRLEN, 2);
					}
					left -= NLA_ALIGN(a->nla_len);
					a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
				}
			}
		}
	}
}

int nl80211_ap_scan(const char *ifname)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlreq r;
	unsigned short family = 0;
	uint32_t ifindex = if_nametoindex(ifname), flags = NL80211_SCAN_FLAG_AP;
	int fd, rc;

	if (!ifindex) {
		return -ENODEV;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		return -errno;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		rc = -errno;
		goto out;
	}
	start(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	put(&r, CTRL_ATTR_FAMILY_NAME, "nl80211", sizeof("nl80211"));
	rc = talk(fd, &r, CTRL_ATTR_FAMILY_ID, &family);
	if (rc == 0 && !family) {
		rc = -ENOENT;
	}
	if (rc < 0) {
		goto out;
	}
	start(&r, family, NL80211_CMD_TRIGGER_SCAN, 2);
	put(&r, NL80211_ATTR_IFINDEX, &ifindex, sizeof(ifindex));
	put(&r, NL80211_ATTR_SCAN_FLAGS, &flags, sizeof(flags));
	rc = talk(fd, &r, 0, NULL);
out:
	close(fd);
	return rc;
}
