#!/bin/sh
# Runs COMMAND in a private mount namespace with a journald of its own, which the test may stop and restart.
#   private-journald.sh JOURNALD PIDFILE COMMAND [ARG...]
# The namespace gets fresh tmpfs mounts on /run/systemd/journal and /run/log/journal; JOURNALD's pid is written
# to PIDFILE; COMMAND replaces this shell (same pid), so /proc/PID/ns/mnt of COMMAND is the namespace. Needs root.
set -eu
exec unshare -m --propagation private sh -c '
    set -eu
    journald=$1 pidfile=$2
    shift 2
    mount -t tmpfs -o mode=0755 tmpfs /run/systemd/journal
    mount -t tmpfs -o mode=0755 tmpfs /run/log/journal
    # journald gets none of the descriptors this shell inherited (the test watches them to see COMMAND exit).
    python3 -c "import os, sys; os.closerange(3, 65536); os.setsid(); os.execv(sys.argv[1], sys.argv[1:])" \
        "$journald" </dev/null >/dev/null 2>&1 &
    echo $! > "$pidfile"
    i=0
    while [ ! -S /run/systemd/journal/socket ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    exec "$@"
' private-journald "$@"
