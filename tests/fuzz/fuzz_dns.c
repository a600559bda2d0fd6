/* libFuzzer target: the captive DNS's answer to any datagram. Checks,
 * beyond the sanitizers: an answer is within DNS_MSG_MAX, keeps the id,
 * is a response, and holds at most one record, which is our address. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

static void check(int ok)
{
	if (!ok) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t addr = 0x0104a8c0;
	unsigned char out[DNS_MSG_MAX];
	size_t n = dns_answer(data, size, addr, out);

	if (!n) {
		return 0;
	}
	check(n >= 12 && n <= DNS_MSG_MAX && n <= size + 16);
	check(out[0] == data[0] && out[1] == data[1] && (out[2] & 0x80));
	check(out[6] == 0 && out[7] <= 1);
	if (out[7]) {
		check(memcmp(out + n - 4, &addr, 4) == 0);
	}
	return 0;
}
