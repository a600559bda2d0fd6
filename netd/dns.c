/* dns: answer every A question with our own address (captive portal). */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dns.h"
#include "netd.h"

#define HDR 12
#define TYPE_A 1
#define CLASS_IN 1
#define TTL 60

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

size_t dns_answer(const unsigned char *q, size_t qlen, uint32_t addr, unsigned char *out)
{
	size_t i = HDR, end, name = 0;
	unsigned flags, type, cls;

	if (qlen < HDR || qlen > DNS_MSG_MAX) {
		return 0;
	}
	flags = get16(q + 2);
	/* a query (QR 0), standard (opcode 0), one question, no answers */
	if ((flags & 0x8000) || (flags & 0x7800) || get16(q + 4) != 1 || get16(q + 6) != 0) {
		return 0;
	}
	/* the name: labels of 1-63 bytes, no compression, 255 bytes at most */
	while (i < qlen && q[i] != 0) {
		if (q[i] > 63) {
			return 0;
		}
		name += q[i] + 1u;
		i += q[i] + 1u;
		if (name > 254) {
			return 0;
		}
	}
	if (i + 5 > qlen) {
		return 0;
	}
	end = i + 5;		/* the root label, type, class */
	type = get16(q + i + 1);
	cls = get16(q + i + 3);
	/* the header and question as they came (EDNS records after them are
	 * not echoed: ARCOUNT 0) */
	memcpy(out, q, end);
	put16(out + 2, 0x8000 | 0x0400 | (flags & 0x0100) | 0x0080);	/* QR AA RD RA */
	put16(out + 6, 0);
	put16(out + 8, 0);
	put16(out + 10, 0);
	if (type != TYPE_A || cls != CLASS_IN) {
		return end;	/* NOERROR, no records: "no such type here" */
	}
	put16(out + 6, 1);
	out += end;
	put16(out, 0xc000 | HDR);	/* the name: a pointer to the question's */
	put16(out + 2, TYPE_A);
	put16(out + 4, CLASS_IN);
	out[6] = out[7] = 0;
	put16(out + 8, TTL);
	put16(out + 10, 4);
	memcpy(out + 12, &addr, 4);
	return end + 16;
}

static void on_query(struct loop_fd *f, unsigned events)
{
	struct dns *d = container_of(f, struct dns, fd);
	unsigned char q[DNS_MSG_MAX + 1], a[DNS_MSG_MAX];
	struct sockaddr_in from;
	socklen_t fl;
	ssize_t n;
	size_t len;
	int budget = 16;	/* then back to the loop: others get their turn */

	(void)events;
	while (budget-- > 0) {
		fl = sizeof(from);
		n = recvfrom(f->fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
		if (n < 0) {
			return;
		}
		len = dns_answer(q, (size_t)n, d->addr, a);
		if (!len) {
			d->dropped++;
			continue;
		}
		if (sendto(f->fd, a, len, MSG_DONTWAIT, (struct sockaddr *)&from, fl) > 0) {
			d->answered++;
		}
	}
}

int dns_start(struct netd *nd, struct dns *d, uint32_t addr, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				   .sin_addr.s_addr = addr };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), rc, one = 1;

	if (fd < 0) {
		return -errno;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	d->fd.fd = fd;
	d->fd.cb = on_query;
	d->addr = addr;
	rc = loop_fd_add(&nd->loop, &d->fd, EPOLLIN);
	if (rc < 0) {
		close(fd);
		d->fd.fd = -1;
	}
	return rc;
}

void dns_stop(struct netd *nd, struct dns *d)
{
	if (d->fd.fd >= 0) {
		loop_fd_del(&nd->loop, &d->fd);
		close(d->fd.fd);
		d->fd.fd = -1;
	}
}
