# Shared by echo.sh and web.sh, which source it once they have set $target, $load_name (what runs
# on CPU 1) and $server_log_prefix: pinning the server and the load to a CPU each, starting and
# stopping the server, and the arithmetic of the result tables.
# Sets server_pin, load_pin, pinning, clk_tck and server_pid.

if command -v taskset > /dev/null && (( $(nproc) >= 2 )); then
    server_pin=(taskset -c 0)
    load_pin=(taskset -c 1)
    pinning="server on CPU 0, $load_name on CPU 1"
else
    server_pin=()
    load_pin=()
    pinning="unpinned (no taskset, or fewer than 2 CPUs)"
fi
clk_tck="$(getconf CLK_TCK 2> /dev/null || echo 100)"

server_pid=""
stop_server() {
    [[ -n "$server_pid" ]] || return 0
    if kill "$server_pid" 2> /dev/null; then
        local i
        for i in $(seq 50); do
            kill -0 "$server_pid" 2> /dev/null || break
            sleep 0.1
        done
        kill -9 "$server_pid" 2> /dev/null || true
    fi
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
}
trap stop_server EXIT

# start_server ROW COMMAND...: (output in $target/$server_log_prefix-ROW-server.{out,err}) starts it pinned, waits (30 s at most) for "LISTENING <port>".
# Sets server_pid and server_port; returns 1 if the server failed.
start_server() {
    local row="$1"
    shift
    local out="$target/$server_log_prefix-$row-server.out" err="$target/$server_log_prefix-$row-server.err"
    : > "$out"
    # A plain background command, not a subshell: taskset execs the server, so $! is the
    # server's own pid, whose CPU time the load tool reads from /proc and which stop_server kills.
    "${server_pin[@]}" "$@" > "$out" 2> "$err" < /dev/null &
    server_pid=$!
    local i
    for i in $(seq 300); do
        server_port="$(awk '/^LISTENING [0-9]+$/ {print $2; exit}' "$out")"
        [[ -n "$server_port" ]] && return 0
        if ! kill -0 "$server_pid" 2> /dev/null; then
            local status=0
            wait "$server_pid" || status=$?
            server_pid=""
            echo "!! $row server exited with status $status:" >&2
            cat "$err" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "!! $row server printed no LISTENING line in 30 s" >&2
    stop_server
    return 1
}

# best VALUES...: the largest.
best() {
    printf '%s\n' "$@" | sort -g | tail -n 1
}


# median VALUES...: the middle value (the lower middle for an even count).
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}


# percent A B: A as a percentage of B, or "-" without either.
percent() {
    [[ -n "$1" && -n "$2" ]] || { echo "-"; return; }
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'
}


# ratio A B: A / B as "1.07x", or "-" without either.
ratio() {
    [[ -n "$1" && -n "$2" ]] || { echo "-"; return; }
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'
}
