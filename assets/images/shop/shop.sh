#!/bin/sh
# The shop: four roles in one busybox script; the role is the first argument.
#   store    counters kept in $DATA (/data; mount a volume there to keep them)
#            /get?key=K  /set?key=K&value=V  /incr?key=K[&by=N]  /list (also /)
#   api      calls the store at $STORE_URL (default http://store)
#            /buy?item=X (adds 1 to X in the store)  /stock (every counter; also /)
#   web      calls the api at $API_URL (default http://api)
#            / (the stock, through api and store)  /buy?item=X
#   loadgen  $RATE requests a second to $TARGET (for $DURATION s; 0: until stopped);
#            one line a second on stdout, by the second the requests were sent:
#            t=SECOND ok=N fail=N rps=N timeouts=N  (fail: no answer within $TIMEOUT s,
#            no connection, or an answer other than 2xx; each line comes TIMEOUT+2 s late)
# A server answers on $PORT in plain text. Its first line says who served it, then come
# the lines of the service it called, and so on:
#   ROLE: version=VERSION task=HOSTNAME node=$NODE slot=$TASK_SLOT
# A call to another service gives up after $TIMEOUT s (web: 1 s more, so that the api can
# tell when the store is the one down): then the answer is 502 with a line "error: ..."
# saying why. /health is 200, or 503 from /health/off until /health/on.
# Version "broken" exits 1 at start. SIGTERM or SIGINT: exit 0 at once.
set -eu
STATE=/tmp/shop
CR=$(printf '\r')
NL='
'

reply() {  # STATUS BODY (ASCII text: the length is counted in bytes)
    printf 'HTTP/1.0 %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
        "$1" "${#2}" "$2"
}

ok() { reply "200 OK" "$IDENT$NL$1$NL"; }

refuse() { reply "$1" "$IDENT${NL}error: $2$NL"; }

param() {  # NAME: sets VALUE to NAME's value in the query string ('' when absent)
    local pair IFS='&'
    VALUE=
    set -f
    for pair in $QUERY; do
        case $pair in "$1="*) VALUE=${pair#*=}; break ;; esac
    done
    set +f
}

word() {  # NAME: sets VALUE to parameter NAME when it is a word (letters, digits, _ . -)
    param "$1"
    case $VALUE in
    '' | .* | *[!A-Za-z0-9_.-]*)
        refuse "400 Bad Request" "$1 must be a word of letters, digits, _ . or - (got '$VALUE')"
        return 1 ;;
    esac
}

fetch() {  # URL [SECONDS]: GET it within SECONDS (default $TIMEOUT); sets CODE (000: no
    # answer), BODY and WHY
    local url=$1 limit=${2:-$TIMEOUT} rest hostport host port path answer status
    rest=${url#http://}
    hostport=${rest%%/*}
    path=/
    case $rest in */*) path=/${rest#*/} ;; esac
    host=${hostport%:*}
    port=80
    case $hostport in *:*) port=${hostport##*:} ;; esac
    # nc's own message is kept; the shell's "Terminated", when timeout ends nc, is not
    answer=$({ printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" \
              | timeout "$limit" nc -w "$limit" "$host" "$port" 2>&1; } 2>/dev/null) || :
    CODE=000 BODY='' WHY=''
    case $answer in
    HTTP/*)
        status=${answer%%"$NL"*}
        status=${status#* }
        CODE=${status%% *}
        case $answer in *"$CR$NL$CR$NL"*) BODY=${answer#*"$CR$NL$CR$NL"} ;; esac
        WHY="$url answered ${status%"$CR"}" ;;
    nc:*) answer=${answer%%"$NL"*}; WHY="cannot reach $url: ${answer#nc: }" ;;
    *) WHY="$url did not answer within $limit s" ;;
    esac
}

relay() {  # SERVICE LINES: answer with what fetch got from SERVICE, LINES after ours
    case $CODE in
    2??) reply "200 OK" "$IDENT$NL$2$BODY$NL" ;;
    000) refuse "502 Bad Gateway" "$1 unavailable: $WHY" ;;
    *) reply "502 Bad Gateway" "$IDENT${NL}error: $1 unavailable: $WHY$NL$BODY$NL" ;;
    esac
}

# -- store ---------------------------------------------------------------------------
lock() {  # KEY: mkdir is atomic; a lock held 2 s is a dead handler's, so it is broken
    local tries=0
    until mkdir "$DATA/.$1.lock" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -ge 400 ]; then rmdir "$DATA/.$1.lock" 2>/dev/null || :; tries=0; fi
        usleep 5000
    done
}

save() {  # KEY VALUE, with KEY's lock held
    echo "$2" > "$DATA/.$1.new"
    mv "$DATA/.$1.new" "$DATA/$1"
    rmdir "$DATA/.$1.lock"
}

store() {
    local key by old lines name
    case $PATHNAME in
    /get)
        word key || return 0
        if [ -f "$DATA/$VALUE" ]; then
            read -r old < "$DATA/$VALUE" || :
            ok "$VALUE=$old"
        else
            refuse "404 Not Found" "no key $VALUE"
        fi ;;
    /set)
        word key || return 0
        key=$VALUE
        word value || return 0
        lock "$key"
        save "$key" "$VALUE"
        ok "$key=$VALUE" ;;
    /incr)
        word key || return 0
        key=$VALUE
        param by
        by=${VALUE:-1}
        case ${by#-} in
        '' | *[!0-9]*) refuse "400 Bad Request" "by must be a whole number (got '$by')"; return 0 ;;
        esac
        lock "$key"
        old=0
        [ ! -f "$DATA/$key" ] || read -r old < "$DATA/$key" || :
        case $old in '' | *[!0-9-]*) old=0 ;; esac
        save "$key" $((old + by))
        ok "$key=$((old + by))" ;;
    / | /list)
        lines=
        for name in "$DATA"/*; do
            [ -f "$name" ] || continue
            read -r old < "$name" || :
            lines="$lines${name##*/}=$old$NL"
        done
        reply "200 OK" "$IDENT$NL$lines" ;;
    *) refuse "404 Not Found" "no such path: $PATHNAME (try /get?key=K, /set?key=K&value=V, /incr?key=K, /list)" ;;
    esac
}

# -- api and web -----------------------------------------------------------------------
api() {
    case $PATHNAME in
    /buy)
        word item || return 0
        fetch "${STORE_URL%/}/incr?key=$VALUE"
        relay store "bought: $VALUE$NL" ;;
    / | /stock)
        fetch "${STORE_URL%/}/list"
        relay store "" ;;
    *) refuse "404 Not Found" "no such path: $PATHNAME (try /buy?item=X, /stock)" ;;
    esac
}

web() {  # waits 1 s longer than the api waits for the store: the api says which is down
    case $PATHNAME in
    /buy)
        word item || return 0
        fetch "${API_URL%/}/buy?item=$VALUE" $((TIMEOUT + 1))
        relay api "" ;;
    / | /index.html)
        fetch "${API_URL%/}/stock" $((TIMEOUT + 1))
        relay api "" ;;
    *) refuse "404 Not Found" "no such path: $PATHNAME (try /, /buy?item=X)" ;;
    esac
}

handle() {  # one connection (nc runs this script per connection, with ROLE and IDENT set)
    local target line
    read -t 5 -r _ target _ || exit 0
    target=${target%"$CR"}
    while read -t 5 -r line; do
        [ -n "${line%"$CR"}" ] || break
    done
    PATHNAME=${target%%\?*}
    QUERY=
    case $target in *\?*) QUERY=${target#*\?} ;; esac
    case $PATHNAME in
    /health)
        if [ -f "$STATE/unhealthy" ]; then reply "503 Service Unavailable" "unhealthy$NL"
        else reply "200 OK" "ok$NL"; fi ;;
    /health/off) : > "$STATE/unhealthy"; reply "200 OK" "health switched off$NL" ;;
    /health/on) rm -f "$STATE/unhealthy"; reply "200 OK" "health switched on$NL" ;;
    *) "$ROLE" ;;
    esac
}

serve() {  # WHAT (said in the start line): listen on $PORT until SIGTERM or SIGINT
    local server=
    IDENT="$ROLE: version=$VERSION task=$(hostname) node=${NODE:-unknown} slot=${TASK_SLOT:-unknown}"
    export ROLE IDENT
    # PID 1 gets only the signals it handles: the shell stays PID 1 and stops nc itself.
    stop() { [ -z "$server" ] || kill "$server" 2>/dev/null || :; exit 0; }
    trap stop TERM INT
    echo "shop $ROLE $VERSION listening on :$PORT ($1)" >&2
    nc -ll -p "$PORT" -e /shop/shop.sh handle &
    server=$!
    wait "$server"
}

# -- loadgen ---------------------------------------------------------------------------
now() {  # sets NOW: centiseconds since boot, read from /proc/uptime without a fork
    read -r NOW _ < /proc/uptime
    NOW=${NOW%.*}${NOW#*.}
}

request() {  # FILE: one request to $TARGET; its outcome appended to FILE as one line
    fetch "$TARGET"
    case $CODE in
    2??) echo ok ;;
    000) case $WHY in *"did not answer"*) echo timeout ;; *) echo unreachable ;; esac ;;
    *) echo "status $CODE" ;;
    esac >> "$1"
}

report() {  # SECOND: print the line of the requests sent in that second
    local file=$RESULTS/$1 good=0 bad=0 slow=0 outcome
    if [ -f "$file" ]; then
        while read -r outcome _; do
            case $outcome in
            ok) good=$((good + 1)) ;;
            timeout) slow=$((slow + 1)); bad=$((bad + 1)) ;;
            *) bad=$((bad + 1)) ;;
            esac
        done < "$file"
        rm -f "$file"
    fi
    TOTAL_OK=$((TOTAL_OK + good)) TOTAL_FAIL=$((TOTAL_FAIL + bad))
    echo "t=$1 ok=$good fail=$bad rps=$((good + bad)) timeouts=$slow"
}

loadgen() {
    local start elapsed due sent=0 next=0 lag
    case $RATE in '' | 0* | *[!0-9]*)
        echo "shop loadgen: RATE must be a whole number of requests a second, not '$RATE'" >&2
        exit 2 ;;
    esac
    case $DURATION in '' | *[!0-9]*)
        echo "shop loadgen: DURATION must be a whole number of seconds, not '$DURATION'" >&2
        exit 2 ;;
    esac
    RESULTS=$STATE/results TOTAL_OK=0 TOTAL_FAIL=0
    mkdir -p "$RESULTS"
    trap 'exit 0' TERM INT
    echo "shop loadgen $VERSION: $RATE requests/s to $TARGET, timeout $TIMEOUT s" >&2
    lag=$((TIMEOUT + 2))  # a second is reported once its last request surely ended
    now
    start=$NOW
    while :; do
        now
        elapsed=$((NOW - start))
        [ "$DURATION" = 0 ] || [ "$elapsed" -lt $((DURATION * 100)) ] || break
        while [ "$next" -le $((elapsed / 100 - lag)) ]; do
            report "$next"
            next=$((next + 1))
            # the shell keeps its ended requests in its job table until they are listed:
            # without this its memory grows by some 70 bytes a request
            jobs > /dev/null
        done
        due=$((sent * 100 / RATE))
        if [ "$due" -gt "$elapsed" ]; then
            usleep $(((due - elapsed) * 10000))
            continue
        fi
        # more than a second behind (a busy machine): skip what is missed, do not burst
        [ "$due" -ge $((elapsed - 100)) ] || sent=$((elapsed * RATE / 100))
        request "$RESULTS/$((elapsed / 100))" &
        sent=$((sent + 1))
    done
    wait
    while [ "$next" -lt "$DURATION" ]; do report "$next"; next=$((next + 1)); done
    echo "total ok=$TOTAL_OK fail=$TOTAL_FAIL"
}

# -- main -------------------------------------------------------------------------------
if [ "${1:-}" = handle ]; then
    handle
    exit 0
fi
ROLE=${1:-}
case $ROLE in
web | api | store | loadgen) ;;
*)
    echo "usage: shop ROLE, ROLE one of web, api, store, loadgen" \
         "(e.g. docker run orquestra-lab/shop:v1 store)" >&2
    exit 2 ;;
esac
mkdir -p "$STATE"
echo "$ROLE" > "$STATE/role"
rm -f "$STATE/unhealthy"
if [ "$VERSION" = broken ]; then
    echo "shop $ROLE: version 'broken' refuses to start (this tag exists for rollback demos)" >&2
    sleep 1
    exit 1
fi
case $ROLE in
store)
    mkdir -p "$DATA"
    for old in "$DATA"/.*.lock; do rmdir "$old" 2>/dev/null || :; done  # a past run's
    serve "counters in $DATA" ;;
api) serve "store at $STORE_URL" ;;
web) serve "api at $API_URL" ;;
loadgen) loadgen ;;
esac
