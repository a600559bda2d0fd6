#!/bin/bash
# npm-deps.sh DIR...: in each DIR (a Node project with a package-lock.json),
# run "npm ci" when node_modules is missing or older than package.json or
# package-lock.json. Quiet when all is there.
set -euo pipefail

for d in "$@"; do
	stamp=$d/node_modules/.tinyfw-npm-ci
	if [ -f "$stamp" ] && [ ! "$d/package-lock.json" -nt "$stamp" ] &&
		[ ! "$d/package.json" -nt "$stamp" ]; then
		continue
	fi
	if ! command -v npm >/dev/null; then
		echo "deps: npm is missing (make deps installs it)" >&2
		exit 1
	fi
	echo ">>> deps: npm ci in ${d#"$PWD"/}"
	if ! (cd "$d" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
		echo "deps: npm ci failed in $d" >&2
		exit 1
	fi
	touch "$stamp"
done
