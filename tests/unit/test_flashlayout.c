/* Unit tests for firmware/tools/flashlayout.c (mkflash's layout parser). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "flashlayout.h"

static char err[256];

static void test_num(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(flash_parse_num("0x10000", &v), 0);
	assert_int_equal(v, 0x10000);
	assert_int_equal(flash_parse_num("64K", &v), 0);
	assert_int_equal(v, 65536);
	assert_int_equal(flash_parse_num("4M", &v), 0);
	assert_int_equal(v, 4 << 20);
	assert_int_equal(flash_parse_num("123", &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(flash_parse_num("", &v), -EINVAL);
	assert_int_equal(flash_parse_num("-1", &v), -EINVAL);
	assert_int_equal(flash_parse_num("12x", &v), -EINVAL);
	assert_int_equal(flash_parse_num("4G", &v), -EINVAL);
	assert_int_equal(flash_parse_num("0xffffffffffffffffff", &v), -EINVAL);
	assert_int_equal(flash_parse_num("0xffffffffffffffM", &v), -EINVAL);
}

static void test_part_ok(void **state)
{
	struct flash_part p;

	(void)state;
	assert_int_equal(flash_parse_part("rootfs@0x1b0000:0x1d0000=out/rootfs.squashfs", &p,
					  err, sizeof(err)), 0);
	assert_string_equal(p.name, "rootfs");
	assert_int_equal(p.offset, 0x1b0000);
	assert_int_equal(p.size, 0x1d0000);
	assert_string_equal(p.file, "out/rootfs.squashfs");

	assert_int_equal(flash_parse_part("cfg@3584K:512K", &p, err, sizeof(err)), 0);
	assert_null(p.file);
	assert_int_equal(p.offset, 0x380000);
}

static void test_part_bad(void **state)
{
	static const char *bad[] = {
		"rootfs", "@0:0x10000", "rootfs@0x0", "rootfs@:0x10000", "rootfs@0x0:",
		"rootfs@0x0:0", "rootfs@0x0:0x10000=", "Root FS@0:64K", "r/oot@0:64K",
		"averyveryveryveryveryverylongpartitionname@0:64K", "x@0:64K:64K",
	};
	struct flash_part p;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		assert_int_equal(flash_parse_part(bad[i], &p, err, sizeof(err)), -EINVAL);
		assert_true(strlen(err) > 0);
	}
}

static int layout(const char *a, const char *b, uint64_t size)
{
	struct flash_part p[2];

	assert_int_equal(flash_parse_part(a, &p[0], err, sizeof(err)), 0);
	assert_int_equal(flash_parse_part(b, &p[1], err, sizeof(err)), 0);
	return flash_check_layout(p, 2, size, 0x10000, err, sizeof(err));
}

static void test_layout(void **state)
{
	(void)state;
	assert_int_equal(layout("a@0:64K", "b@64K:64K", 0x20000), 0);
	/* overlap */
	assert_int_equal(layout("a@0:128K", "b@64K:64K", 0x40000), -EINVAL);
	assert_non_null(strstr(err, "overlaps"));
	/* past the end */
	assert_int_equal(layout("a@0:64K", "b@64K:128K", 0x20000), -EINVAL);
	assert_non_null(strstr(err, "past the end"));
	/* misaligned */
	assert_int_equal(layout("a@0:64K", "b@65K:64K", 0x40000), -EINVAL);
	assert_non_null(strstr(err, "multiples"));
	/* same name twice */
	assert_int_equal(layout("a@0:64K", "a@64K:64K", 0x40000), -EINVAL);
	assert_non_null(strstr(err, "twice"));
	/* the offset overflow case: huge offset must not wrap around */
	assert_int_equal(layout("a@0:64K", "b@0xffffffffffff0000:64K", 0x40000), -EINVAL);
}

static void test_fit(void **state)
{
	struct flash_part p;

	(void)state;
	assert_int_equal(flash_parse_part("k@0:64K", &p, err, sizeof(err)), 0);
	assert_int_equal(flash_check_fit(&p, 65536, err, sizeof(err)), 0);
	assert_int_equal(flash_check_fit(&p, 65537, err, sizeof(err)), -EFBIG);
	assert_non_null(strstr(err, "over by 1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_part_ok),
		cmocka_unit_test(test_part_bad),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_fit),
	};

	return cmocka_run_group_tests_name("flashlayout", tests, NULL, NULL);
}
