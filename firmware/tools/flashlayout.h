/* flashlayout: parse and check a flash partition layout (host side). */
#ifndef FLASHLAYOUT_H
#define FLASHLAYOUT_H

#include <stddef.h>
#include <stdint.h>

#define FLASH_NAME_MAX 32
#define FLASH_PARTS_MAX 16

struct flash_part {
	char name[FLASH_NAME_MAX];
	uint64_t offset;
	uint64_t size;
	const char *file;	/* points into the spec string, or NULL */
};

/**
 * flash_parse_num() - parse a size: decimal, 0x hex, or with a K/M suffix.
 * @s: text
 * @out: result
 * Return: 0, or -EINVAL if @s is not a whole number that fits 64 bits.
 */
int flash_parse_num(const char *s, uint64_t *out);

/**
 * flash_parse_part() - parse "name@offset:size[=file]".
 * @spec: the text; @p->file points into it, so keep it alive
 * @p: the result
 * @err: message buffer (what was wrong), @errlen its size
 * Return: 0 or -EINVAL.
 */
int flash_parse_part(const char *spec, struct flash_part *p, char *err, size_t errlen);

/**
 * flash_check_layout() - check a layout against the flash geometry.
 * @parts: partitions, in any order
 * @n: how many
 * @flash_size: total size in bytes
 * @erase: erase block size; offsets and sizes must be multiples of it
 * @err: message buffer, @errlen its size
 *
 * Checks alignment, bounds, overlaps and duplicate names.
 * Return: 0 or -EINVAL.
 */
int flash_check_layout(const struct flash_part *parts, int n, uint64_t flash_size,
		       uint64_t erase, char *err, size_t errlen);

/**
 * flash_check_fit() - does a payload of @len bytes fit partition @p?
 * Return: 0 or -EFBIG (with a message saying by how much it is over).
 */
int flash_check_fit(const struct flash_part *p, uint64_t len, char *err, size_t errlen);

#endif
