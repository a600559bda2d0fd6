#!/bin/sh
# kconfig-apply.sh FRAGMENT CONFIG: put every setting of FRAGMENT into
# CONFIG, replacing the symbol's old line (kconfig keeps the first
# definition it reads, so appending alone would be ignored). Run
# "make oldconfig" afterwards to resolve dependencies.
frag=$1 cfg=$2
tmp=$cfg.apply.$$
cp "$cfg" "$tmp"
grep -E '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$frag" | while IFS= read -r line; do
	case "$line" in
	"# "*) sym=${line#\# }; sym=${sym%% *} ;;
	*) sym=${line%%=*} ;;
	esac
	sed -i -e "/^$sym=/d" -e "/^# $sym is not set\$/d" "$tmp"
	echo "$line" >>"$tmp"
done
mv "$tmp" "$cfg"
