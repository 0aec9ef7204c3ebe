#!/bin/sh
# Exec-notifier fixture: saves the page JSON from stdin and the BACKLASH_* environment into directory $1.
set -eu
cat > "$1/stdin.json"
env | grep '^BACKLASH_' | sort > "$1/env"
