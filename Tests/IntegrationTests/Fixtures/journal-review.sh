#!/usr/bin/env bash
# Runs inside its own private journald (scripts/with-journald): a daemon handles the taxi incident,
# then the review is built from the database and from the journal alone; prints both timelines' kinds.
set -euo pipefail
bin=$1 dir=$2 config=$3 posts=$4
cd "$dir"
"$bin/backlashd" --config "$config" 2>daemon.log &
pid=$!
for _ in $(seq 1 200); do [ -S var/control.sock ] && break; sleep 0.05; done
socat -t 30 - UNIX-CONNECT:var/ingest.sock < "$posts" > /dev/null
c() { "$bin/backlashctl" --socket var/control.sock "$@" --as anna > /dev/null; }
"$bin/backlashctl" ack 1 --socket var/control.sock --as anna > /dev/null
"$bin/backlashctl" note 1 "Explain the hold in the app" --review --socket var/control.sock --as anna > /dev/null
"$bin/backlashctl" close 1 --resolution "apology" --cause defect --socket var/control.sock --as anna > /dev/null
kill -TERM $pid; wait $pid || true
"$bin/backlashctl" review 1 --format json --db var/backlash.sqlite > from-db.json
"$bin/backlashctl" review 1 --format json --from-journal > from-journal.json
