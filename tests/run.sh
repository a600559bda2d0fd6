#!/bin/bash
# run.sh all "BOARDS" UNIT_BINARIES...   unit + system tests
# run.sh unit UNIT_BINARIES...           unit tests only
# run.sh system "BOARDS"                 system tests only
# run.sh fuzz FUZZ_BINARIES...           fuzz smoke only
# With FUZZ_BINS="..." in the environment, all and unit also run the fuzz
# smoke (FUZZ_TIME seconds per target, default 20).
# Prints each suite's results, then one summary line "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
mode=$1; shift
boards=""
case $mode in all|system) boards=$1; shift ;; esac
fuzzers=${FUZZ_BINS:-}
if [ "$mode" = fuzz ]; then fuzzers="$*"; set --; fi
res=$top/out/test-results
mkdir -p "$res"
passed=0 failed=0

if [ "$mode" = all ] || [ "$mode" = unit ]; then
	echo "=== unit tests (cmocka, ASan+UBSan)"
	for t in "$@"; do
		out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$t" 2>&1); rc=$?
		echo "$out" | sed 's/^/  /'
		p=$(grep -cE '^ok ' <<<"$out"); f=$(grep -cE '^not ok ' <<<"$out")
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "  $(basename "$t") crashed (exit $rc)"; fi
		passed=$((passed + p)); failed=$((failed + f))
	done
fi

if [ -n "$fuzzers" ] && [ "$mode" != system ]; then
	echo "=== fuzz smoke (libFuzzer, ${FUZZ_TIME:-20} s per target)"
	for t in $fuzzers; do
		n=$(basename "$t") log=$res/fuzz-$n.log dict=$top/tests/fuzz/$n.dict
		mkdir -p "$res/fuzz/$n"
		# the first corpus dir takes new inputs; the seeds stay as they are
		if "$t" -max_total_time="${FUZZ_TIME:-20}" -timeout=10 -rss_limit_mb=1024 \
			-artifact_prefix="$res/fuzz-$n-" $([ -f "$dict" ] && echo "-dict=$dict") \
			"$res/fuzz/$n" "$top/tests/fuzz/corpus/$n" >"$log" 2>&1; then
			echo "  ok - $n ($(grep -oE 'Done [0-9]+ runs' "$log" | tail -1))"
			passed=$((passed + 1))
		else
			echo "  not ok - $n (log: $log)"
			tail -n 30 "$log" | sed 's/^/    /'
			failed=$((failed + 1))
		fi
	done
fi

if [ "$mode" = all ] || [ "$mode" = system ]; then
	echo "=== system tests on: $boards (QEMU, real clients)"
	rm -f "$res/system.xml"
	/usr/bin/python3 -m pytest -p no:cacheprovider -rfE -v \
		--junitxml="$res/system.xml" --boards "$boards" "$top/tests/system"
	if [ -f "$res/system.xml" ]; then
		read -r p f < <(/usr/bin/python3 - "$res/system.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
suites = [r] if r.tag == "testsuite" else list(r)
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
sk = sum(int(s.get("skipped", 0)) for s in suites)
print(t - f - sk, f + sk)
PY
		)
		passed=$((passed + p)); failed=$((failed + f))
	else
		echo "pytest produced no results"; failed=$((failed + 1))
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
