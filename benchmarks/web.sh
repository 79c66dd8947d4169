#!/usr/bin/env bash
# Web-server benchmark: wrk against a "hello" resource served by plain Netty, by a jtwisted Site
# and by Python Twisted's Site, in the same run, then one markdown table: requests/s, p99
# latency, server CPU per request, and the ratios to plain Netty. The issue's targets: jtwisted
# at 80% of Netty's requests/s or better, at most 1.25x its server CPU per request.
#
#   benchmarks/web.sh                      all three servers, 3 rounds of 5 s warm-up + 10 s
#                                          measured each: about 2.5 minutes
#   SERVERS="netty jtwisted" ROUNDS=1 benchmarks/web.sh
#
# Each round of a row starts its server afresh, warms it up with one wrk run (discarded), then
# measures a second one; the server's CPU time (user + system, from /proc/<pid>/stat) is read
# just before and after the measured run, so CPU per request is the server's own work, whatever
# the load tool costs. The rows take turns (netty, jtwisted, python, netty, ...), so a burst of
# other work on the machine hits every row alike; the table shows each row's best requests/s
# (such work can only slow a round down) and its median p99 and CPU per request.
#
# Each server runs pinned to CPU 0 and wrk to CPU 1 (taskset), so they do not steal each other's
# core; without taskset or a second CPU they run unpinned, and the output says so. The machine
# should be otherwise quiet (no build running): the load average is printed with the results.
#
# Rows:
#   netty     dev.jtwisted.benchmarks.web.NettyHelloServer: Netty's hello-world HTTP example
#             (HttpServerCodec, a full response per request, flush per read burst)
#   jtwisted  dev.jtwisted.benchmarks.web.JtwistedHelloServer: a Site with a hello Resource on the
#             jtwisted reactor, one event loop (the default)
#   python    interop/src/test/resources/python/web_server.py on /usr/bin/python3 (Twisted's Site)
# No row writes an access log (jtwisted's SLF4J is unbound in the benchmark jar, Python's Site
# is told not to), and every server answers with keep-alive.
#
# Environment:
#   SERVERS       rows to run, in order (default "netty jtwisted python")
#   ROUNDS        rounds per row (default 3)
#   WARMUP        seconds of load before measuring (default 5)
#   DURATION      seconds measured (default 10)
#   CONNECTIONS   wrk connections (default 64), all on one wrk thread (wrk has one CPU)
#   JAVA          java for the servers (default: java on the PATH)
#   SERVER_JVM_OPTS  JVM options for both Java servers (default "-Xms1g -Xmx1g")
#   PYTHON        interpreter with Twisted (default /usr/bin/python3)
#   WRK           wrk (default: wrk on the PATH; Debian: apt-get install wrk)
#   SKIP_BUILD=1  reuse benchmarks/target/benchmarks.jar
#
# Output in benchmarks/target/: web-<row>-server.{out,err}, web-<row>-wrk.txt (wrk's output of
# every round), web-results.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
target="$here/target"
jar="$target/benchmarks.jar"

servers="${SERVERS:-netty jtwisted python}"
rounds="${ROUNDS:-3}"
warmup="${WARMUP:-5}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-64}"
java="${JAVA:-java}"
read -r -a server_jvm <<< "${SERVER_JVM_OPTS:--Xms1g -Xmx1g}"
python="${PYTHON:-/usr/bin/python3}"
wrk="${WRK:-wrk}"
web_py="$root/interop/src/test/resources/python/web_server.py"

command -v "$wrk" > /dev/null || { echo "no $wrk: install it (apt-get install -y wrk) or set WRK" >&2; exit 1; }
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo ">> building $jar" >&2
    (cd "$root" && mvn -B -q -Pbench -pl benchmarks -am -DskipTests package)
fi
[[ -f "$jar" ]] || { echo "missing $jar: build it first" >&2; exit 1; }
mkdir -p "$target"
load_name="wrk"
server_log_prefix="web"
# shellcheck source=benchmarks/lib.sh
source "$here/lib.sh"

# cpu_ticks PID: user + system clock ticks of the process so far.
cpu_ticks() {
    # Fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the command name.
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# to_ms VALUE: wrk's latency ("812.00us", "1.23ms", "2.01s") in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    }'
}

declare -A rps_runs p99_runs cpu_runs busy_runs note
run_row() {
    local row="$1" round="$2" status=0
    [[ -n "${note[$row]:-}" ]] && return 0   # failed to start: once is enough
    case "$row" in
        netty) start_server netty "$java" "${server_jvm[@]}" -cp "$jar" \
                   dev.jtwisted.benchmarks.web.NettyHelloServer || status=$? ;;
        jtwisted) start_server jtwisted "$java" "${server_jvm[@]}" -cp "$jar" \
                   dev.jtwisted.benchmarks.web.JtwistedHelloServer || status=$? ;;
        python) start_server python "$python" "$web_py" --timeout 0 || status=$? ;;
        *) echo "unknown server row: $row (known: netty jtwisted python)" >&2; exit 2 ;;
    esac
    if [[ "$status" != 0 ]]; then
        note[$row]="server failed to start (see target/web-$row-server.err)"
        return 0
    fi
    local pid="$server_pid" url="http://127.0.0.1:$server_port/hello"
    echo ">> $row, round $round of $rounds: pid $pid, $url; wrk: $connections connections," \
        "${warmup}s warm-up, ${duration}s measured" >&2
    local log="$target/web-$row-wrk.txt"
    "${load_pin[@]}" "$wrk" -t1 -c"$connections" -d"${warmup}s" "$url" > /dev/null
    local before after out
    before="$(cpu_ticks "$pid")"
    out="$("${load_pin[@]}" "$wrk" -t1 -c"$connections" -d"${duration}s" --latency "$url")"
    after="$(cpu_ticks "$pid")"
    stop_server
    { echo "== round $round"; echo "$out"; echo "server cpu ticks: $before -> $after (CLK_TCK $clk_tck)"; } >> "$log"
    if grep -q "Non-2xx or 3xx responses" <<< "$out"; then
        note[$row]="wrong answers (see target/web-$row-wrk.txt)"
        return 0
    fi
    local requests seconds rps p99
    requests="$(awk '/requests in/ { print $1; exit }' <<< "$out")"
    seconds="$(awk '/requests in/ { sub(/s,$/, "", $4); print $4; exit }' <<< "$out")"
    rps="$(awk '/^Requests\/sec:/ { print $2; exit }' <<< "$out")"
    p99="$(to_ms "$(awk '$1 == "99%" { print $2; exit }' <<< "$out")")"
    rps_runs[$row]+="$rps "
    p99_runs[$row]+="$p99 "
    cpu_runs[$row]+="$(awk -v t=$((after - before)) -v hz="$clk_tck" -v n="$requests" \
        'BEGIN { printf "%.2f", t / hz * 1e6 / n }') "
    busy_runs[$row]+="$(awk -v t=$((after - before)) -v hz="$clk_tck" -v s="$seconds" \
        'BEGIN { printf "%.2f", t / hz / s }') "
}

for row in $servers; do
    rm -f "$target/web-$row-wrk.txt"
done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    for row in $servers; do
        run_row "$row" "$round"
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

label() {
    case "$1" in
        netty) echo "plain Netty (HttpServerCodec, hello-world handler)" ;;
        jtwisted) echo "jtwisted (Site + Resource on the reactor)" ;;
        python) echo "Python Twisted $("$python" -c 'import twisted; print(twisted.__version__)' 2> /dev/null) (Site + Resource)" ;;
    esac
}

declare -A rps p99 cpu busy
for row in $servers; do
    if [[ -z "${note[$row]:-}" && -n "${rps_runs[$row]:-}" ]]; then
        # shellcheck disable=SC2086 # word splitting wanted: one value per round
        rps[$row]="$(best ${rps_runs[$row]})"
        # shellcheck disable=SC2086
        p99[$row]="$(median ${p99_runs[$row]})"
        # shellcheck disable=SC2086
        cpu[$row]="$(median ${cpu_runs[$row]})"
        # shellcheck disable=SC2086
        busy[$row]="$(median ${busy_runs[$row]})"
    fi
done

results="$target/web-results.md"
{
    echo "| Server | Requests/s (best) | vs Netty | p99 ms | Server CPU µs per request | vs Netty | Server busy | Rounds (requests/s) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    for row in $servers; do
        if [[ -z "${rps[$row]:-}" ]]; then
            echo "| $(label "$row") | ${note[$row]:-not run} | | | | | | |"
        else
            echo "| $(label "$row") | ${rps[$row]} | $(percent "${rps[$row]}" "${rps[netty]:-}") | ${p99[$row]} |" \
                "${cpu[$row]} | $(ratio "${cpu[$row]}" "${cpu[netty]:-}") |" \
                "$(awk -v b="${busy[$row]}" 'BEGIN { printf "%.0f%%", 100 * b }') | ${rps_runs[$row]% } |"
        fi
    done
} > "$results"

echo
echo "Web benchmark: GET /hello (5-byte body), wrk with $connections keep-alive connections on one thread," \
    "${warmup}s warm-up, ${duration}s measured per server and round, $rounds round(s); $pinning;" \
    "$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version = /{print "Java " $2; exit}')," \
    "$(uname -sr), $(nproc) CPUs."
echo "Requests/s: wrk's count of responses per second (best round). p99: wrk's 99th percentile latency"
echo "(median of rounds). Server CPU: user+system microseconds of the server process per request"
echo "(median; lower is better), and its ratio to Netty's. Server busy: the share of its CPU the server used."
echo "Load average before/after: $load_before / $load_after."
echo
cat "$results"
