#!/usr/bin/env bash
# Echo-server benchmark: plain Netty, jtwisted and Python Twisted echo servers, each loaded by the
# same tool (EchoLoad) in the same run, then one markdown table: MB/s, server CPU per GB, and the
# ratio to plain Netty. The issue's target: jtwisted at 90% of plain Netty or better.
#
#   benchmarks/echo.sh                     all three servers, 3 rounds of 5 s warm-up + 10 s
#                                          measured each: about 2.5 minutes
#   SERVERS="netty python" ROUNDS=1 benchmarks/echo.sh
#   CHUNK=512 WINDOW=2048 benchmarks/echo.sh   small messages: more reads and writes per byte,
#                                          so the servers' own per-message cost shows more
#   FRAMING=line benchmarks/echo.sh        frame echo: every server cuts the stream into lines
#                                          (netstring, int32 likewise) and echoes each frame with
#                                          its framing's codec; the table is frames/s and server
#                                          CPU per frame. PAYLOAD bytes per frame body (64),
#                                          IN_FLIGHT frames in flight per connection (16)
#   TLS=1 benchmarks/echo.sh               every row over TLS: a certificate for localhost and
#                                          127.0.0.1 is made with openssl in target/tls, the Netty
#                                          server adds an SslHandler (JDK provider), jtwisted
#                                          listens on an ssl: endpoint, Python on Twisted's ssl:
#                                          endpoint, and EchoLoad connects with TLS trusting it
#
# With the default 16 KiB writes, loopback TCP in the kernel is most of the work (the server's
# system time is several times its user time), which narrows the gaps between servers. The
# small-message run shows a framework's own overhead in CPU per GB; its MB/s is bound by round
# trips (2 KiB in flight per connection), not by the server's CPU.
# The rows take turns (netty, jtwisted, python, netty, ...), so that a burst of other work on the
# machine hits every row alike rather than one; the table shows each row's best MB/s (such work
# can only slow a round down) and its median CPU per GB.
#
# Each server runs pinned to CPU 0 and the load tool to CPU 1 (taskset), so they do not steal
# each other's core; without taskset or a second CPU they run unpinned, and the output says so.
# The machine should be otherwise quiet: the load average is printed with the results.
#
# Rows:
#   netty     dev.jtwisted.benchmarks.echo.NettyEchoServer: the idiomatic Netty echo handler
#   jtwisted  dev.jtwisted.benchmarks.echo.JtwistedEchoServer: a Protocol on the jtwisted reactor,
#             one event loop (the default threading model)
#   jtwisted-views  the same with --views true: the protocol overrides dataReceived(ByteBuffer)
#             and writes the view back, so bytes are never copied into or out of a byte[]
#   jtwisted2 the same with --event-loops 2 (connections spread over two loop threads); pinned to
#             one CPU like the others, it shows the cost of the multi-loop mode, not a speed-up
#   python    interop/src/test/resources/python/echo_server.py on /usr/bin/python3 (Twisted)
#
# Environment:
#   SERVERS       rows to run, in order (default "netty jtwisted jtwisted-views jtwisted2 python")
#   ROUNDS        rounds per row (default 3)
#   WARMUP        seconds of load before measuring (default 5)
#   DURATION      seconds measured (default 10)
#   CONNECTIONS   connections (default 64)
#   CHUNK         bytes per write (default 16384; raw only)
#   WINDOW        bytes in flight per connection (default 65536; raw only)
#   TLS           1: every server and the load tool speak TLS 1.3 (see above); default 0
#   FRAMING       raw (default), line, netstring or int32: netty uses Netty's frame decoders,
#                 jtwisted LineReceiver / NetstringReceiver / Int32StringReceiver, python the same
#                 Twisted receivers; the views row is raw only
#   PAYLOAD       bytes of each frame's body (default 64), framed runs only
#   IN_FLIGHT     frames in flight per connection (default 16), framed runs only
#   JAVA          java for the servers and the load tool (default: java on the PATH)
#   SERVER_JVM_OPTS  JVM options for both Java servers (default "-Xms1g -Xmx1g")
#   LOAD_JVM_OPTS    JVM options for the load tool (default "-Xms512m -Xmx512m")
#   PYTHON        interpreter with Twisted (default /usr/bin/python3)
#   SKIP_BUILD=1  reuse benchmarks/target/benchmarks.jar
#
# Output in benchmarks/target/: echo-<run>-<row>-server.{out,err}, echo-<run>-<row>-load.txt
# (RESULT lines of every round), echo-<run>-results.md, where <run> is the framing, with "-tls"
# after it under TLS=1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
target="$here/target"
jar="$target/benchmarks.jar"

servers="${SERVERS:-netty jtwisted jtwisted-views jtwisted2 python}"
rounds="${ROUNDS:-3}"
warmup="${WARMUP:-5}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-64}"
chunk="${CHUNK:-16384}"
window="${WINDOW:-65536}"
framing="${FRAMING:-raw}"
payload="${PAYLOAD:-64}"
in_flight="${IN_FLIGHT:-16}"
case "$framing" in
    raw) load_shape=(--chunk "$chunk" --window "$window")
         shape="$connections connections x $window B window ($chunk B writes)" ;;
    line|netstring|int32) load_shape=(--framing "$framing" --payload "$payload" --in-flight "$in_flight")
         shape="$framing frames, $payload B bodies, $connections connections x $in_flight frames in flight" ;;
    *) echo "FRAMING must be raw, line, netstring or int32: $framing" >&2; exit 2 ;;
esac
tls="${TLS:-0}"
run="$framing"
[[ "$tls" == 1 ]] && run="$framing-tls"
java="${JAVA:-java}"
read -r -a server_jvm <<< "${SERVER_JVM_OPTS:--Xms1g -Xmx1g}"
read -r -a load_jvm <<< "${LOAD_JVM_OPTS:--Xms512m -Xmx512m}"
python="${PYTHON:-/usr/bin/python3}"
echo_py="$root/interop/src/test/resources/python/echo_server.py"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo ">> building $jar" >&2
    (cd "$root" && mvn -B -q -Pbench -pl benchmarks -am -DskipTests package)
fi
[[ -f "$jar" ]] || { echo "missing $jar: build it first" >&2; exit 1; }
mkdir -p "$target"
load_name="load tool"
server_log_prefix="echo-$run"
# shellcheck source=benchmarks/lib.sh
source "$here/lib.sh"

# TLS=1: one self-signed EC certificate for localhost and 127.0.0.1, trusted by the load tool.
java_tls=()
python_tls=()
load_tls=()
if [[ "$tls" == 1 ]]; then
    tls_dir="$target/tls"
    mkdir -p "$tls_dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -keyout "$tls_dir/key.pem" -out "$tls_dir/cert.pem" -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2> /dev/null
    java_tls=(--tls-cert "$tls_dir/cert.pem" --tls-key "$tls_dir/key.pem")
    python_tls=(--endpoint "ssl:0:interface=127.0.0.1:privateKey=$tls_dir/key.pem:certKey=$tls_dir/cert.pem")
    load_tls=(--tls-ca "$tls_dir/cert.pem")
fi

declare -A runs cpu_runs busy_runs frame_runs frame_cpu_runs note
run_row() {
    local row="$1" round="$2" status=0
    [[ -n "${note[$row]:-}" ]] && return 0   # failed to start: once is enough
    local framed=(--framing "$framing")
    case "$row" in
        netty) start_server netty "$java" "${server_jvm[@]}" -cp "$jar" \
                   dev.jtwisted.benchmarks.echo.NettyEchoServer "${framed[@]}" "${java_tls[@]}" || status=$? ;;
        jtwisted) start_server jtwisted "$java" "${server_jvm[@]}" -cp "$jar" \
                   dev.jtwisted.benchmarks.echo.JtwistedEchoServer "${framed[@]}" "${java_tls[@]}" || status=$? ;;
        jtwisted-views)
            if [[ "$framing" != raw ]]; then
                note[$row]="raw echo only"
                return 0
            fi
            start_server jtwisted-views "$java" "${server_jvm[@]}" -cp "$jar" \
                   dev.jtwisted.benchmarks.echo.JtwistedEchoServer --views true "${java_tls[@]}" || status=$? ;;
        jtwisted2) start_server jtwisted2 "$java" "${server_jvm[@]}" -cp "$jar" \
                   dev.jtwisted.benchmarks.echo.JtwistedEchoServer --event-loops 2 "${framed[@]}" \
                   "${java_tls[@]}" || status=$? ;;
        python) start_server python "$python" "$echo_py" --timeout 0 "${framed[@]}" "${python_tls[@]}" \
                   || status=$? ;;
        *) echo "unknown server row: $row (known: netty jtwisted jtwisted-views jtwisted2 python)" >&2; exit 2 ;;
    esac
    if [[ "$status" != 0 ]]; then
        note[$row]="server failed to start (see target/echo-$run-$row-server.err)"
        return 0
    fi
    local pid="$server_pid"
    echo ">> $row, round $round of $rounds: pid $pid, port $server_port; load: $shape," \
        "${warmup}s warm-up, ${duration}s measured" >&2
    local load_status=0
    "${load_pin[@]}" "$java" "${load_jvm[@]}" -cp "$jar" dev.jtwisted.benchmarks.echo.EchoLoad \
        --port "$server_port" --server-pid "$pid" --clk-tck "$clk_tck" --label "$row" \
        --connections "$connections" "${load_shape[@]}" \
        --warmup "$warmup" --duration "$duration" "${load_tls[@]}" \
        >> "$target/echo-$run-$row-load.txt" 2> "$target/echo-$run-$row-load.err" || load_status=$?
    grep -v '^SLF4J' "$target/echo-$run-$row-load.err" >&2 || true
    stop_server
    if [[ "$load_status" != 0 ]]; then
        note[$row]="load run failed (status $load_status, see target/echo-$run-$row-load.err)"
        return 0
    fi
    local result
    result="$(grep '^RESULT ' "$target/echo-$run-$row-load.txt" | tail -n 1)"
    runs[$row]+="$(sed -n 's/.* mbps=\([^ ]*\).*/\1/p' <<< "$result") "
    cpu_runs[$row]+="$(sed -n 's/.* server_cpu_s_per_gb=\([^ ]*\).*/\1/p' <<< "$result") "
    busy_runs[$row]+="$(sed -n 's/.* server_busy=\([^ ]*\).*/\1/p' <<< "$result") "
    frame_runs[$row]+="$(sed -n 's/.* frames_per_s=\([^ ]*\).*/\1/p' <<< "$result") "
    frame_cpu_runs[$row]+="$(sed -n 's/.* server_cpu_us_per_frame=\([^ ]*\).*/\1/p' <<< "$result") "
}

for row in $servers; do
    rm -f "$target/echo-$run-$row-load.txt"
done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    for row in $servers; do
        run_row "$row" "$round"
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# The Netty codec and the Twisted receiver each framing uses.
case "$framing" in
    raw) netty_codec="ChannelInboundHandlerAdapter"; receiver="Protocol" ;;
    line) netty_codec="LineBasedFrameDecoder"; receiver="LineReceiver" ;;
    netstring) netty_codec="a netstring ByteToMessageDecoder"; receiver="NetstringReceiver" ;;
    int32) netty_codec="LengthFieldBasedFrameDecoder + LengthFieldPrepender"; receiver="Int32StringReceiver" ;;
esac
over=""
[[ "$tls" == 1 ]] && over=", over TLS"
label() {
    case "$1" in
        netty) echo "plain Netty ($netty_codec$([[ "$tls" == 1 ]] && echo " + SslHandler, JDK provider"))" ;;
        jtwisted) echo "jtwisted ($receiver on the reactor)" ;;
        jtwisted-views) echo "jtwisted, ByteBuffer views (zero-copy echo)" ;;
        jtwisted2) echo "jtwisted, 2 event loops" ;;
        python) echo "Python Twisted $("$python" -c 'import twisted; print(twisted.__version__)' 2> /dev/null) ($receiver)" ;;
    esac
}

declare -A mbps cpu_per_gb busy fps cpu_per_frame
for row in $servers; do
    if [[ -z "${note[$row]:-}" && -n "${runs[$row]:-}" ]]; then
        # shellcheck disable=SC2086 # word splitting wanted: one value per round
        mbps[$row]="$(best ${runs[$row]})"
        # shellcheck disable=SC2086
        cpu_per_gb[$row]="$(median ${cpu_runs[$row]})"
        # shellcheck disable=SC2086
        busy[$row]="$(median ${busy_runs[$row]})"
        if [[ "$framing" != raw ]]; then
            # shellcheck disable=SC2086
            fps[$row]="$(best ${frame_runs[$row]})"
            # shellcheck disable=SC2086
            cpu_per_frame[$row]="$(median ${frame_cpu_runs[$row]})"
        fi
    fi
done

results="$target/echo-$run-results.md"
{
    if [[ "$framing" == raw ]]; then
        echo "| Server | MB/s (best) | vs Netty | Server CPU s per GB | vs Netty (GB per CPU s) | Server busy | Rounds (MB/s) |"
    else
        echo "| Server | Frames/s (best) | vs Netty | Server CPU µs per frame | vs Netty | Server busy | Rounds (frames/s) |"
    fi
    echo "|---|---:|---:|---:|---:|---:|---|"
    for row in $servers; do
        if [[ -z "${mbps[$row]:-}" ]]; then
            echo "| $(label "$row") | ${note[$row]:-not run} | | | | | |"
        elif [[ "$framing" == raw ]]; then
            echo "| $(label "$row") | ${mbps[$row]} | $(percent "${mbps[$row]}" "${mbps[netty]:-}") |" \
                "${cpu_per_gb[$row]} | $(percent "${cpu_per_gb[netty]:-}" "${cpu_per_gb[$row]}") |" \
                "$(awk -v b="${busy[$row]}" 'BEGIN { printf "%.0f%%", 100 * b }') | ${runs[$row]% } |"
        else
            echo "| $(label "$row") | ${fps[$row]} | $(percent "${fps[$row]}" "${fps[netty]:-}") |" \
                "${cpu_per_frame[$row]} | $(ratio "${cpu_per_frame[$row]}" "${cpu_per_frame[netty]:-}") |" \
                "$(awk -v b="${busy[$row]}" 'BEGIN { printf "%.0f%%", 100 * b }') | ${frame_runs[$row]% } |"
        fi
    done
} > "$results"

echo
echo "Echo benchmark$over: $shape, ${warmup}s warm-up," \
    "${duration}s measured per server and round, $rounds round(s); $pinning; $("$java" -XshowSettings:properties -version 2>&1 |
        awk -F' = ' '/^ *java\.version = /{print "Java " $2; exit}'), $(uname -sr), $(nproc) CPUs."
if [[ "$framing" == raw ]]; then
    echo "MB/s: 10^6 echoed bytes (to the server and back) per second, every byte checked."
    echo "Server CPU: user+system seconds of the server process per 10^9 echoed bytes (lower is better);"
    echo "its ratio to Netty's holds up when other work on the machine takes CPU from a round, which MB/s"
    echo "does not. Server busy: the share of its CPU the server used (near 100%: the server was the limit)."
    echo "MB/s is the best round (other work can only slow a round down); the other figures are medians."
else
    echo "Frames/s: $framing frames echoed per second (each decoded by the server and sent back in the same"
    echo "framing), every byte checked. Server CPU: user+system microseconds of the server process per frame"
    echo "(lower is better), and its ratio to Netty's. Server busy: the share of its CPU the server used."
    echo "Frames/s is the best round; the other figures are medians."
fi
echo "Load average before/after: $load_before / $load_after."
echo
cat "$results"
