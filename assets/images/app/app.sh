#!/bin/sh
# Demo web service. As server (no argument): listens on $PORT and runs itself
# once per connection with "handle"; exits 0 on SIGTERM or SIGINT. Paths:
#   /            text: version, colour, hostname, node, task slot, counter,
#                config and secret (the secret's size and digest, never its text)
#   /health      200 while healthy, 503 after /health/off (until /health/on)
#   /health/off  /health/on   switch the health answer
set -eu
STATE=/tmp/app
case "${1:-serve}" in
serve)
    mkdir -p "$STATE"
    : > "$STATE/hits"
    if [ "$VERSION" = broken ]; then
        echo "app: version 'broken' refuses to start (this tag exists for rollback demos)" >&2
        sleep 1
        exit 1
    fi
    # PID 1 gets only the signals it handles: exec'd as PID 1, nc ignored the SIGTERM of
    # docker stop and was killed 10 s later (137). The shell stays PID 1, stops nc on
    # SIGTERM or SIGINT and exits 0 at once.
    server=
    stop() { [ -z "$server" ] || kill "$server" 2>/dev/null || :; exit 0; }
    trap stop TERM INT
    echo "app $VERSION ($COLOR) listening on :$PORT" >&2
    nc -ll -p "$PORT" -e /app/app.sh handle &
    server=$!
    wait "$server"
    ;;
handle) ;;
*) echo "usage: app.sh [serve|handle]" >&2; exit 2 ;;
esac

read -r method path _ || exit 0
while read -r line; do
    line=$(printf '%s' "$line" | tr -d '\r')
    [ -n "$line" ] || break
done

reply() {  # status, body
    body=$2
    printf 'HTTP/1.0 %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
        "$1" "$(printf '%s' "$body" | wc -c)" "$body"
}

case "$path" in
/health)
    if [ -f "$STATE/unhealthy" ]; then reply "503 Service Unavailable" "unhealthy
"; else reply "200 OK" "ok
"; fi ;;
/health/off) : > "$STATE/unhealthy"; reply "200 OK" "health switched off
" ;;
/health/on) rm -f "$STATE/unhealthy"; reply "200 OK" "health switched on
" ;;
/ | /index.html)
    echo >> "$STATE/hits"
    hits=$(wc -l < "$STATE/hits" | tr -d ' ')
    config="none"
    [ -f "$CONFIG_FILE" ] && config=$(head -c 200 "$CONFIG_FILE" | tr '\n' ' ')
    secret="none"
    if [ -f "$SECRET_FILE" ]; then
        secret="$(wc -c < "$SECRET_FILE" | tr -d ' ') bytes, sha256 $(sha256sum "$SECRET_FILE" | cut -c1-12)"
    fi
    reply "200 OK" "version: $VERSION
color: $COLOR
hostname: $(hostname)
node: ${NODE:-unknown}
slot: ${TASK_SLOT:-unknown}
requests: $hits
config: $config
secret: $secret
" ;;
*) reply "404 Not Found" "not found: $path
" ;;
esac
