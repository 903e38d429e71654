#!/bin/sh
# Container healthcheck: asks the role's own /health. loadgen serves nothing: it is
# healthy while it runs.
[ "$(cat /tmp/shop/role 2>/dev/null)" != loadgen ] || exit 0
printf 'GET /health HTTP/1.0\r\n\r\n' | nc -w 2 127.0.0.1 "${PORT:-80}" | head -n 1 | grep -q ' 200 '
