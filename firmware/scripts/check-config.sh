#!/bin/sh
# check-config.sh FRAGMENT CONFIG: every "CONFIG_X=v" and "# CONFIG_X is not
# set" line of FRAGMENT must hold in the resolved CONFIG. Kconfig silently
# drops what it cannot satisfy; we want to know.
frag=$1 cfg=$2 bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qxF -- "$line" "$cfg" || { echo "config: wanted '$line', got '$(grep -E "^(# )?${line%%=*}[= ]" "$cfg" || echo unset)'" >&2; bad=1; }
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }; sym=${sym%% *}
		if grep -q "^$sym=" "$cfg"; then echo "config: wanted $sym off, it is on" >&2; bad=1; fi
		;;
	esac
done <"$frag"
exit $bad
