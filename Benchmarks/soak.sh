#!/usr/bin/env bash
# Soak (issue 9): backlashd at RATE posts/s on its ingest socket for MINUTES, with a trigger post every 2 s opening an
# incident that pages the on-call manager by an exec notifier; every 10 s it samples backlashd's RSS, open fds
# (/proc/PID/fd) and the ingest acknowledgements' latency percentiles, and prints them as a table, then sparklines;
# the curves also go to soak.svg in the working directory (BACKLASH_BENCH_WORK, default /tmp/backlash-soak; the
# database is deleted afterwards). It stops early when backlashd's RSS passes BACKLASH_BENCH_MAX_RSS_MIB (6144):
# the machine is shared. A full 30-minute run takes 30 minutes and 10 seconds plus the build.
# Usage: Benchmarks/soak.sh [MINUTES=30] [RATE=5000]      (builds release binaries first)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
rate=${2:-5000}
scripts/install-deps --test >/dev/null
if [ -z "${BACKLASH_BENCH_NO_BUILD:-}" ]; then   # set it to reuse binaries already built
    swift build -c release --product backlashd >/dev/null
    swift build -c release --product backlash-bench >/dev/null
fi
bin=${BACKLASH_BENCH_BIN:-$(swift build -c release --show-bin-path)}
work=${BACKLASH_BENCH_WORK:-/tmp/backlash-soak}
mkdir -p "$work"
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
scripts/with-journald "$bin/backlash-bench" soak --backlashd "$bin/backlashd" --minutes "$minutes" --rate "$rate" \
    --work "$work" --svg "$work/soak.svg" --max-rss "${BACKLASH_BENCH_MAX_RSS_MIB:-6144}"
rm -f "$work"/soak/var/backlash.sqlite*
