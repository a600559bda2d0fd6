/* dns: the setup network's captive DNS. While the setup access point is
 * up, every A query to 192.168.4.1:53 is answered with 192.168.4.1, so a
 * phone that joins finds the setup page whatever it asks for; AAAA and
 * other types get an empty answer (NOERROR, no records), malformed
 * queries are dropped. One UDP socket in the loop; nothing is kept per
 * client and each answer is built in a fixed buffer, so a flood costs
 * nothing but the replies. The parser is fuzzed. */
#ifndef NETD_DNS_H
#define NETD_DNS_H

#include <stddef.h>
#include <stdint.h>

#include "loop.h"

#define DNS_MSG_MAX 512		/* classic UDP DNS: queries and answers */

struct netd;

struct dns {
	struct loop_fd fd;
	uint32_t addr;		/* the answer, network byte order */
	unsigned long answered, dropped;
};

/**
 * dns_answer() - the reply to one query.
 * @q, @qlen: the datagram received
 * @addr: the IPv4 address every A question resolves to (network order)
 * @out: DNS_MSG_MAX bytes
 * Return: the reply's length, or 0 to drop the datagram (not a standard
 * query with exactly one question, truncated, a name over 255 bytes, or
 * compression in the question).
 */
size_t dns_answer(const unsigned char *q, size_t qlen, uint32_t addr, unsigned char *out);

/** dns_start() - listen on @addr (network order) port @port; 0 or -errno. */
int dns_start(struct netd *nd, struct dns *d, uint32_t addr, int port);

/** dns_stop() - stop listening (no-op if not started). */
void dns_stop(struct netd *nd, struct dns *d);

#endif
