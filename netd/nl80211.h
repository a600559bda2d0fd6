/* nl80211: the one nl80211 request netd makes itself, over raw generic
 * netlink (no libnl): a scan on an interface that is an access point
 * (NL80211_SCAN_FLAG_AP), which wpa_supplicant does not ask for. Its
 * results reach wpa_supplicant like any scan's (CTRL-EVENT-SCAN-RESULTS). */
#ifndef NETD_NL80211_H
#define NETD_NL80211_H

/**
 * nl80211_ap_scan() - trigger a scan on @ifname even though it beacons.
 * Return: 0 once the kernel accepted it, or -errno.
 */
int nl80211_ap_scan(const char *ifname);

#endif
