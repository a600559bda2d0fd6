/* wpa.c: wpa_supplicant's control protocol text (scan results, STATUS,
 * events, the configuration file), with hostile SSIDs. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "wpa.h"

static void test_unescape(void **state)
{
	char out[WPA_SSID_MAX];

	(void)state;
	assert_int_equal(wpa_unescape("plain", out, sizeof(out)), 5);
	assert_memory_equal(out, "plain", 5);
	assert_int_equal(wpa_unescape("a\\\"b\\\\c\\nd\\x00e\\xC3\\xa9", out, sizeof(out)), 11);
	assert_memory_equal(out, "a\"b\\c\nd\0e\xc3\xa9", 11);
	/* broken escapes, and more than 32 bytes */
	assert_int_equal(wpa_unescape("a\\", out, sizeof(out)), -EINVAL);
	assert_int_equal(wpa_unescape("a\\x4", out, sizeof(out)), -EINVAL);
	assert_int_equal(wpa_unescape("a\\xzz", out, sizeof(out)), -EINVAL);
	assert_int_equal(wpa_unescape("a\\q", out, sizeof(out)), -EINVAL);
	assert_int_equal(wpa_unescape("0123456789012345678901234567890123", out, sizeof(out)),
			 -EINVAL);
}

static void test_scan_line(void **state)
{
	struct wpa_bss b;

	(void)state;
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\t2412\t-30\t[WPA2-PSK-CCMP][ESS]\t"
				       "tinyfw-test", &b), 0);
	assert_string_equal(b.bssid, "02:00:00:00:01:00");
	assert_int_equal(b.freq, 2412);
	assert_int_equal(b.signal, -30);
	assert_string_equal(b.security, "psk");
	assert_string_equal(b.ssid, "tinyfw-test");
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\t2437\t-71\t[ESS]\tcaf\\xc3\\xa9 \\\"x\\\"",
				       &b), 0);
	assert_string_equal(b.security, "open");
	assert_string_equal(b.ssid, "caf\xc3\xa9 \"x\"");
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\t2412\t-50\t[WPA2-EAP-CCMP][ESS]\tcorp",
				       &b), 0);
	assert_string_equal(b.security, "eap");
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\t2412\t-50\t[RSN-SAE-CCMP][ESS]\tw3",
				       &b), 0);
	assert_string_equal(b.security, "psk");
	/* the header, short lines, bad numbers, a raw tab in the SSID */
	assert_int_equal(wpa_scan_line("bssid / frequency / signal level / flags / ssid", &b),
			 -EINVAL);
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\t2412\t-30\t[ESS]", &b), -EINVAL);
	assert_int_equal(wpa_scan_line("02:00:00:00:01\t2412\t-30\t[ESS]\tx", &b), -EINVAL);
	assert_int_equal(wpa_scan_line("02:00:00:00:01:0g\t2412\t-30\t[ESS]\tx", &b), -EINVAL);
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\tx\t-30\t[ESS]\tx", &b), -EINVAL);
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\t2412\t\t[ESS]\tx", &b), -EINVAL);
	assert_int_equal(wpa_scan_line("02:00:00:00:01:00\t2412\t-30\t[ESS]\tx\ty", &b), -EINVAL);
}

static void test_scan_parse(void **state)
{
	static const char reply[] =
		"bssid / frequency / signal level / flags / ssid\n"
		"02:00:00:00:01:00\t2412\t-60\t[WPA2-PSK-CCMP][ESS]\thome\n"
		"02:00:00:00:02:00\t2412\t-40\t[ESS]\tcafe\n"
		"02:00:00:00:03:00\t2437\t-30\t[WPA2-PSK-CCMP][ESS]\thome\n"
		"02:00:00:00:04:00\t2412\t-20\t[ESS]\t\n"
		"garbage line\n"
		"02:00:00:00:05:00\t2412\t-90\t[ESS]\tfar";
	struct wpa_bss b[3];

	(void)state;
	/* one per SSID (the strongest), strongest first, hidden ones out */
	assert_int_equal(wpa_scan_parse(reply, b, 3), 3);
	assert_string_equal(b[0].ssid, "home");
	assert_int_equal(b[0].signal, -30);
	assert_string_equal(b[0].bssid, "02:00:00:00:03:00");
	assert_string_equal(b[1].ssid, "cafe");
	assert_string_equal(b[2].ssid, "far");
	/* a short list keeps the strongest */
	assert_int_equal(wpa_scan_parse(reply, b, 1), 1);
	assert_string_equal(b[0].ssid, "home");
	assert_int_equal(wpa_scan_parse("", b, 3), 0);
}

static void test_kv(void **state)
{
	static const char st[] = "bssid=02:00:00:00:01:00\nssid=home net\nwpa_state=COMPLETED\n"
				 "ip_address=10.9.0.5\n";
	char v[16];

	(void)state;
	assert_int_equal(wpa_kv(st, "wpa_state", v, sizeof(v)), 9);
	assert_string_equal(v, "COMPLETED");
	assert_int_equal(wpa_kv(st, "ssid", v, sizeof(v)), 8);
	assert_string_equal(v, "home net");
	assert_int_equal(wpa_kv(st, "state", v, sizeof(v)), -ENOENT);
	assert_int_equal(wpa_kv(st, "bssid", v, 8), 7);
	assert_string_equal(v, "02:00:0");
}

static void test_events(void **state)
{
	const char *m;

	(void)state;
	m = "<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:01:00 completed [id=0 id_str=]";
	assert_int_equal(wpa_event(m, strlen(m)), WPA_EV_CONNECTED);
	m = "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid=\"home\" auth_failures=1 duration=10 "
	    "reason=WRONG_KEY";
	assert_int_equal(wpa_event(m, strlen(m)), WPA_EV_WRONG_KEY);
	/* an SSID cannot fake the reason: it is the last field */
	m = "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid=\"x reason=WRONG_KEY\" auth_failures=1 "
	    "duration=10 reason=CONN_FAILED";
	assert_int_equal(wpa_event(m, strlen(m)), WPA_EV_OTHER);
	m = "<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:01:00 reason=3";
	assert_int_equal(wpa_event(m, strlen(m)), WPA_EV_DISCONNECTED);
	m = "<3>AP-STA-CONNECTED 02:00:00:00:02:00";
	assert_int_equal(wpa_event(m, strlen(m)), WPA_EV_STA_JOINED);
	m = "<3>AP-ENABLED ";
	assert_int_equal(wpa_event(m, strlen(m)), WPA_EV_AP_ENABLED);
	assert_int_equal(wpa_event("CTRL-EVENT-SCAN-RESULTS ", 24), WPA_EV_SCAN_RESULTS);
	assert_int_equal(wpa_event("<3>", 3), WPA_EV_OTHER);
	assert_int_equal(wpa_event("<", 1), WPA_EV_OTHER);
	assert_int_equal(wpa_event("", 0), WPA_EV_OTHER);
}

static void test_conf(void **state)
{
	char buf[1024];
	struct wpa_net sta = { 0, "a\"b\nc", 5, "pass\"word 1", "DE", 0 };
	struct wpa_net ap = { 1, "tinyfw-1a2b", 11, "", "", 2437 };
	int n;

	(void)state;
	n = wpa_conf("/run/wpa_supplicant", &sta, buf, sizeof(buf));
	assert_true(n > 0 && (size_t)n == strlen(buf));
	assert_non_null(strstr(buf, "ctrl_interface=/run/wpa_supplicant\n"));
	assert_non_null(strstr(buf, "country=DE\n"));
	/* the SSID in hex: its quote and newline cannot break the file */
	assert_non_null(strstr(buf, "\tssid=6122620a63\n"));
	assert_non_null(strstr(buf, "\tpsk=\"pass\"word 1\"\n"));
	assert_non_null(strstr(buf, "key_mgmt=WPA-PSK"));
	n = wpa_conf("/run/w", &ap, buf, sizeof(buf));
	assert_true(n > 0);
	assert_non_null(strstr(buf, "\tmode=2\n\tfrequency=2437\n"));
	assert_non_null(strstr(buf, "key_mgmt=NONE"));
	assert_null(strstr(buf, "country="));
	assert_true(wpa_conf("/run/w", NULL, buf, sizeof(buf)) > 0);
	assert_null(strstr(buf, "network="));
	/* refused: what wpa_supplicant could not take, or a file that is cut */
	sta.psk = "short";
	assert_int_equal(wpa_conf("/run/w", &sta, buf, sizeof(buf)), -EINVAL);
	sta.psk = "new\nline-in-it";
	assert_int_equal(wpa_conf("/run/w", &sta, buf, sizeof(buf)), -EINVAL);
	sta.psk = "long enough";
	sta.country = "de";
	assert_int_equal(wpa_conf("/run/w", &sta, buf, sizeof(buf)), -EINVAL);
	sta.country = "";
	sta.ssid_len = 33;
	assert_int_equal(wpa_conf("/run/w", &sta, buf, sizeof(buf)), -EINVAL);
	sta.ssid_len = 0;
	assert_int_equal(wpa_conf("/run/w", &sta, buf, sizeof(buf)), -EINVAL);
	sta.ssid_len = 5;
	assert_int_equal(wpa_conf("/run/w", &sta, buf, 40), -ENOSPC);
}

static void test_psk_ok(void **state)
{
	(void)state;
	assert_true(wpa_psk_ok(""));
	assert_true(wpa_psk_ok("correct horse battery"));
	assert_false(wpa_psk_ok("1234567"));
	assert_true(wpa_psk_ok("12345678"));
	assert_false(wpa_psk_ok("0123456789012345678901234567890123456789012345678901234567890123"));
	assert_false(wpa_psk_ok("caf\xc3\xa9 au lait"));
	assert_false(wpa_psk_ok("tab\there!"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unescape),
		cmocka_unit_test(test_scan_line),
		cmocka_unit_test(test_scan_parse),
		cmocka_unit_test(test_kv),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_conf),
		cmocka_unit_test(test_psk_ok),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
