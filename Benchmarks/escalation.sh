#!/usr/bin/env bash
# Escalation latency under load (issue 6): from the arrival of a post that crosses the escalation threshold to the
# notifier starting, with background posts on the ingest socket; beside Prometheus Alertmanager (Debian's
# prometheus-alertmanager) taking the same schedule of trigger alerts and background alerts on its API and notifying
# a webhook, tuned (Benchmarks/alertmanager/tuned.yml, group_wait 0s) and with its defaults (default.yml, 30 s).
# A second round at LOW_RATE, a background backlashd keeps up with, separates queueing from the paging path itself.
# Then the throughput of each. Runs with a private journald, so backlashd journals its events as in production.
# Takes about 6 minutes after the build.
# Usage: Benchmarks/escalation.sh [TRIGGERS=200] [RATE=10000] [LOW_RATE=2000]      (builds release binaries first)
set -euo pipefail
cd "$(dirname "$0")/.."
triggers=${1:-200}
rate=${2:-10000}
low_rate=${3:-2000}
scripts/install-deps --test >/dev/null
if ! command -v prometheus-alertmanager >/dev/null; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        prometheus-alertmanager >/dev/null
fi
if [ -z "${BACKLASH_BENCH_NO_BUILD:-}" ]; then   # set it to reuse binaries already built
    swift build -c release --product backlashd >/dev/null
    swift build -c release --product backlash-bench >/dev/null
fi
bin=${BACKLASH_BENCH_BIN:-$(swift build -c release --show-bin-path)}
work=$(mktemp -d /tmp/backlash-escalation-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(prometheus-alertmanager --version 2>&1 | head -1)"
scripts/with-journald "$bin/backlash-bench" escalation --backlashd "$bin/backlashd" \
    --alertmanager "$(command -v prometheus-alertmanager)" --alertmanager-configs Benchmarks/alertmanager \
    --triggers "$triggers" --rates "$rate" "$low_rate" --work "$work"
