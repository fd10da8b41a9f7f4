#!/usr/bin/env bash
# Make sure a local Redis answers at 127.0.0.1:6379 (for CACHE_URL); start one if it does not.
# It keeps nothing on disk: stored pages are only copies. Safe to run again.
set -euo pipefail
if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    exit 0
fi
mkdir -p /tmp/redis-boardapp
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/redis-boardapp --logfile /tmp/redis-boardapp/redis.log
for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0; sleep 0.2; done
echo "Redis did not start at 127.0.0.1:6379" >&2
exit 1
