#!/usr/bin/env bash
# Restart to READY=1 with POSTS stored, and RSS then (issue 9): backlashd's start-up timed to its sd_notify READY=1
# on a NOTIFY_SOCKET of the benchmark's, beside the same daemon on an empty database and the sqlite3 CLI asking the
# daemon's start-up questions of the same file (the floor).
# The database is created by backlashd (its own migrations) and filled by the sqlite3 CLI in the daemon's schema;
# it is kept in BACKLASH_BENCH_WORK (default /tmp/backlash-restart-bench) and reused by the next run.
# Usage: Benchmarks/restart.sh [POSTS=5000000] [RUNS=5]      (builds release binaries first)
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-5000000}
runs=${2:-5}
scripts/install-deps --test >/dev/null
if [ -z "${BACKLASH_BENCH_NO_BUILD:-}" ]; then   # set it to reuse binaries already built
    swift build -c release --product backlashd >/dev/null
    swift build -c release --product backlash-bench >/dev/null
fi
bin=${BACKLASH_BENCH_BIN:-$(swift build -c release --show-bin-path)}
work=${BACKLASH_BENCH_WORK:-/tmp/backlash-restart-bench}
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
scripts/with-journald "$bin/backlash-bench" restart --backlashd "$bin/backlashd" --posts "$posts" --runs "$runs" \
    --work "$work" --reuse
