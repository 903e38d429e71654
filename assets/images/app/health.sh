#!/bin/sh
# Container healthcheck: asks the service's own /health.
printf 'GET /health HTTP/1.0\r\n\r\n' | nc -w 2 127.0.0.1 "${PORT:-80}" | head -n 1 | grep -q ' 200 '
