/* dns.c: the captive DNS answers every A question with our address, gives
 * other types an empty answer and drops anything malformed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dns.h"

static const uint32_t ADDR = 0x0104a8c0;	/* 192.168.4.1, network order */

/* a query for @name (dotted) of @type */
static size_t query(unsigned char *q, const char *name, unsigned type)
{
	size_t len = 12, l;
	const char *dot;

	memset(q, 0, 12);
	q[0] = 0x12;
	q[1] = 0x34;
	q[2] = 0x01;	/* RD */
	q[5] = 1;
	while (*name) {
		dot = strchr(name, '.');
		l = dot ? (size_t)(dot - name) : strlen(name);
		q[len++] = (unsigned char)l;
		memcpy(q + len, name, l);
		len += l;
		name += l + (dot != NULL);
	}
	q[len++] = 0;
	q[len++] = (unsigned char)(type >> 8);
	q[len++] = (unsigned char)type;
	q[len++] = 0;
	q[len++] = 1;
	return len;
}

static void test_a(void **state)
{
	unsigned char q[300], a[DNS_MSG_MAX];
	size_t ql = query(q, "connectivitycheck.gstatic.com", 1), al;

	(void)state;
	al = dns_answer(q, ql, ADDR, a);
	assert_int_equal(al, ql + 16);
	assert_memory_equal(a, q, 2);			/* the id */
	assert_int_equal(a[2], 0x85);			/* QR AA RD */
	assert_int_equal(a[3] & 0x0f, 0);		/* NOERROR */
	assert_int_equal(a[5], 1);			/* the question */
	assert_int_equal(a[7], 1);			/* one answer */
	assert_memory_equal(a + 12, q + 12, ql - 12);	/* echoed */
	assert_int_equal(a[ql], 0xc0);			/* name: pointer to 12 */
	assert_int_equal(a[ql + 1], 12);
	assert_memory_equal(a + ql + 12, &ADDR, 4);
}

static void test_other_types(void **state)
{
	unsigned char q[300], a[DNS_MSG_MAX];
	size_t ql = query(q, "example.com", 28);	/* AAAA */

	(void)state;
	assert_int_equal(dns_answer(q, ql, ADDR, a), ql);
	assert_int_equal(a[7], 0);			/* no answers */
	assert_int_equal(a[3] & 0x0f, 0);
}

static void test_dropped(void **state)
{
	unsigned char q[600], a[DNS_MSG_MAX];
	size_t ql = query(q, "example.com", 1), i;

	(void)state;
	assert_int_equal(dns_answer(q, 11, ADDR, a), 0);		/* short header */
	assert_int_equal(dns_answer(q, ql - 1, ADDR, a), 0);		/* cut question */
	q[2] |= 0x80;						/* a response */
	assert_int_equal(dns_answer(q, ql, ADDR, a), 0);
	q[2] = 0x01 | (2 << 3);					/* opcode STATUS */
	assert_int_equal(dns_answer(q, ql, ADDR, a), 0);
	ql = query(q, "example.com", 1);
	q[5] = 2;						/* two questions */
	assert_int_equal(dns_answer(q, ql, ADDR, a), 0);
	ql = query(q, "example.com", 1);
	q[12] = 0xc0;						/* compression */
	assert_int_equal(dns_answer(q, ql, ADDR, a), 0);
	/* a name over 255 bytes */
	memset(q, 0, 12);
	q[5] = 1;
	for (i = 12; i < 12 + 5 * 60; i += 60) {
		q[i] = 59;
		memset(q + i + 1, 'a', 59);
	}
	q[i] = 0;
	memset(q + i + 1, 0, 4);
	assert_int_equal(dns_answer(q, i + 5, ADDR, a), 0);
	assert_int_equal(dns_answer(q, DNS_MSG_MAX + 1, ADDR, a), 0);	/* too long */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a),
		cmocka_unit_test(test_other_types),
		cmocka_unit_test(test_dropped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
