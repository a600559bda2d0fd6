/* flashlayout: parse and check a flash partition layout (host side). */
#include "flashlayout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int flash_parse_num(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mult = 1;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ') {
		return -EINVAL;
	}
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s) {
		return -EINVAL;
	}
	if (*end == 'K' || *end == 'k') {
		mult = 1024;
		end++;
	} else if (*end == 'M' || *end == 'm') {
		mult = 1024 * 1024;
		end++;
	}
	if (*end) {
		return -EINVAL;
	}
	if (v > UINT64_MAX / mult) {
		return -EINVAL;
	}
	*out = v * mult;
	return 0;
}

int flash_parse_part(const char *spec, struct flash_part *p, char *err, size_t errlen)
{
	const char *at, *colon, *eq;
	char num[32];
	size_t len;

	memset(p, 0, sizeof(*p));
	at = strchr(spec, '@');
	if (!at) {
		snprintf(err, errlen, "'%s': expected name@offset:size[=file]", spec);
		return -EINVAL;
	}
	len = (size_t)(at - spec);
	if (len == 0 || len >= sizeof(p->name)) {
		snprintf(err, errlen, "'%s': partition name must be 1-%d characters",
			 spec, FLASH_NAME_MAX - 1);
		return -EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		char c = spec[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
			snprintf(err, errlen, "'%s': partition name may use only a-z 0-9 - _", spec);
			return -EINVAL;
		}
	}
	memcpy(p->name, spec, len);

	colon = strchr(at, ':');
	if (!colon) {
		snprintf(err, errlen, "%s: missing ':size'", p->name);
		return -EINVAL;
	}
	len = (size_t)(colon - at - 1);
	if (len == 0 || len >= sizeof(num)) {
		snprintf(err, errlen, "%s: bad offset", p->name);
		return -EINVAL;
	}
	memcpy(num, at + 1, len);
	num[len] = 0;
	if (flash_parse_num(num, &p->offset)) {
		snprintf(err, errlen, "%s: bad offset '%s'", p->name, num);
		return -EINVAL;
	}

	eq = strchr(colon, '=');
	len = eq ? (size_t)(eq - colon - 1) : strlen(colon + 1);
	if (len == 0 || len >= sizeof(num)) {
		snprintf(err, errlen, "%s: bad size", p->name);
		return -EINVAL;
	}
	memcpy(num, colon + 1, len);
	num[len] = 0;
	if (flash_parse_num(num, &p->size) || p->size == 0) {
		snprintf(err, errlen, "%s: bad size '%s'", p->name, num);
		return -EINVAL;
	}
	if (eq) {
		if (!eq[1]) {
			snprintf(err, errlen, "%s: empty file name after '='", p->name);
			return -EINVAL;
		}
		p->file = eq + 1;
	}
	return 0;
}

int flash_check_layout(const struct flash_part *parts, int n, uint64_t flash_size,
		       uint64_t erase, char *err, size_t errlen)
{
	if (n <= 0 || n > FLASH_PARTS_MAX) {
		snprintf(err, errlen, "need 1-%d partitions, got %d", FLASH_PARTS_MAX, n);
		return -EINVAL;
	}
	if (erase == 0 || flash_size == 0 || flash_size % erase) {
		snprintf(err, errlen, "flash size 0x%llx is not a multiple of the erase block 0x%llx",
			 (unsigned long long)flash_size, (unsigned long long)erase);
		return -EINVAL;
	}
	for (int i = 0; i < n; i++) {
		const struct flash_part *a = &parts[i];

		if (a->offset % erase || a->size % erase) {
			snprintf(err, errlen, "%s: offset 0x%llx and size 0x%llx must be multiples of the erase block 0x%llx",
				 a->name, (unsigned long long)a->offset,
				 (unsigned long long)a->size, (unsigned long long)erase);
			return -EINVAL;
		}
		if (a->offset >= flash_size || a->size > flash_size - a->offset) {
			snprintf(err, errlen, "%s: 0x%llx+0x%llx runs past the end of the flash (0x%llx)",
				 a->name, (unsigned long long)a->offset,
				 (unsigned long long)a->size, (unsigned long long)flash_size);
			return -EINVAL;
		}
		for (int j = 0; j < i; j++) {
			const struct flash_part *b = &parts[j];

			if (!strcmp(a->name, b->name)) {
				snprintf(err, errlen, "%s: partition named twice", a->name);
				return -EINVAL;
			}
			if (a->offset < b->offset + b->size && b->offset < a->offset + a->size) {
				snprintf(err, errlen, "%s overlaps %s", a->name, b->name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

int flash_check_fit(const struct flash_part *p, uint64_t len, char *err, size_t errlen)
{
	if (len > p->size) {
		snprintf(err, errlen, "%s: %llu bytes do not fit in %llu (over by %llu)",
			 p->name, (unsigned long long)len, (unsigned long long)p->size,
			 (unsigned long long)(len - p->size));
		return -EFBIG;
	}
	return 0;
}
