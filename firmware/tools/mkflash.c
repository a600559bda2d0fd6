/*
 * mkflash: assemble a NOR flash image from a partition layout.
 *
 *   mkflash -o flash.img -s SIZE [-e ERASE] name@offset:size[=file] ...
 *
 * Unused space is 0xff (erased NOR). Every file must fit its partition;
 * the layout must be aligned to erase blocks and must not overlap. The
 * image is written to a temporary file and renamed, so a failed run never
 * leaves a half image. Prints a usage table.
 * Exit codes: 0 ok, 1 bad layout or payload, 100 usage, 111 system error.
 */
#include "flashlayout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(void)
{
	fprintf(stderr, "usage: mkflash -o OUT -s SIZE [-e ERASE] name@offset:size[=file] ...\n");
	exit(100);
}

int main(int argc, char **argv)
{
	struct flash_part parts[FLASH_PARTS_MAX];
	const char *out = NULL;
	uint64_t size = 0, erase = 0x10000;
	char err[256], tmp[4096];
	unsigned char *img;
	int n = 0, opt;
	FILE *f;

	while ((opt = getopt(argc, argv, "o:s:e:")) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 's':
			if (flash_parse_num(optarg, &size)) {
				usage();
			}
			break;
		case 'e':
			if (flash_parse_num(optarg, &erase)) {
				usage();
			}
			break;
		default:
			usage();
		}
	}
	if (!out || !size || optind >= argc) {
		usage();
	}
	for (int i = optind; i < argc; i++) {
		if (n == FLASH_PARTS_MAX) {
			fprintf(stderr, "mkflash: more than %d partitions\n", FLASH_PARTS_MAX);
			return 1;
		}
		if (flash_parse_part(argv[i], &parts[n++], err, sizeof(err))) {
			fprintf(stderr, "mkflash: %s\n", err);
			return 1;
		}
	}
	if (flash_check_layout(parts, n, size, erase, err, sizeof(err))) {
		fprintf(stderr, "mkflash: %s\n", err);
		return 1;
	}
	if (size > (uint64_t)1 << 30) {
		fprintf(stderr, "mkflash: flash larger than 1 GiB\n");
		return 1;
	}
	img = malloc(size);
	if (!img) {
		perror("mkflash");
		return 111;
	}
	memset(img, 0xff, size);

	printf("%-10s %10s %10s %10s %5s\n", "partition", "offset", "size", "used", "use%");
	for (int i = 0; i < n; i++) {
		struct flash_part *p = &parts[i];
		uint64_t used = 0;

		if (p->file) {
			struct stat st;

			f = fopen(p->file, "rb");
			if (!f || fstat(fileno(f), &st)) {
				fprintf(stderr, "mkflash: %s: %s: %s\n", p->name, p->file, strerror(errno));
				return 111;
			}
			if (flash_check_fit(p, (uint64_t)st.st_size, err, sizeof(err))) {
				fprintf(stderr, "mkflash: %s\n", err);
				return 1;
			}
			used = (uint64_t)st.st_size;
			if (used && fread(img + p->offset, 1, used, f) != used) {
				fprintf(stderr, "mkflash: %s: short read\n", p->file);
				return 111;
			}
			fclose(f);
		}
		printf("%-10s %#10llx %#10llx %10llu %4llu%%\n", p->name,
		       (unsigned long long)p->offset, (unsigned long long)p->size,
		       (unsigned long long)used, (unsigned long long)(used * 100 / p->size));
	}

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	f = fopen(tmp, "wb");
	if (!f || fwrite(img, 1, size, f) != size || fflush(f) || fsync(fileno(f)) || fclose(f)) {
		fprintf(stderr, "mkflash: %s: %s\n", tmp, strerror(errno));
		unlink(tmp);
		return 111;
	}
	if (rename(tmp, out)) {
		fprintf(stderr, "mkflash: %s: %s\n", out, strerror(errno));
		unlink(tmp);
		return 111;
	}
	free(img);
	return 0;
}
