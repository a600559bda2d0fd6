/* libFuzzer target: the settings file parser (settings_load_buf).
 * Checks, beyond the sanitizers: every loaded value passes its validator,
 * every report is one printable line, and what is loaded saves and loads
 * back to the same values without a report. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

static void check_report(void *arg, const char *msg)
{
	(void)arg;
	for (; *msg; msg++) {
		if (*msg < 0x20 || *msg >= 0x7f) {
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct settings s, s2;
	static char buf[SET_COUNT * (SETTINGS_VALUE_MAX + 64) + 512];
	char why[256];
	size_t len;
	int id;

	/* a path that cannot exist: this target never touches the disk */
	settings_init(&s, "/nonexistent/netd.conf", &sys_linux, check_report, NULL);
	settings_load_buf(&s, (const char *)data, size);
	for (id = 0; id < SET_COUNT; id++) {
		if (settings_schema[id].check(settings_get(&s, id), why, sizeof(why)) != 0) {
			abort();
		}
	}
	len = settings_format(&s, buf, sizeof(buf));
	if (len >= sizeof(buf)) {
		abort();
	}
	settings_init(&s2, "/nonexistent/netd.conf", &sys_linux, check_report, NULL);
	if (settings_load_buf(&s2, buf, len) != 0) {
		abort();
	}
	for (id = 0; id < SET_COUNT; id++) {
		if (strcmp(settings_get(&s, id), settings_get(&s2, id)) != 0) {
			abort();
		}
	}
	return 0;
}
