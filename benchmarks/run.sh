#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them on JDK 17 and JDK 25, then prints one markdown table.
# One command for the measurement run, so that every run measures the same things the same way.
#
#   benchmarks/run.sh            full run, about 4 minutes: run it on a quiet machine
#   QUICK=1 benchmarks/run.sh    smoke run, under 2 minutes: proves it works; numbers are noise
#
# Runs:
#   chain-jdk17   CallbackChainBenchmark on JDK 17
#   inline-jdk17  InlineCallbacksBenchmark on JDK 17, platform threads (17 has no virtual ones)
#   inline-jdk25  InlineCallbacksBenchmark on JDK 25, virtual and platform threads
# The thread mode is the benchmark's @Param "threads": each value gets its own fork, whose setup
# sets -Djtwisted.inlineCallbacks.threads accordingly and fails if bodies run on the wrong kind.
# By hand, for example:
#   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar benchmarks/target/benchmarks.jar \
#       InlineCallbacks -p threads=virtual,platform
#
# Environment:
#   JMH_ARGS    JMH options for every run, replacing the defaults below (e.g. "-f 3 -i 10",
#               or add "-prof gc" for allocation per op)
#   QUICK=1     tiny iteration counts (ignored when JMH_ARGS is set)
#   JAVA17      java for the JDK 17 runs (default: java on the PATH, which must be 17)
#   JAVA25      java for the JDK 25 runs (default: Temurin 25); runs are skipped if missing
#   SKIP_BUILD=1  reuse benchmarks/target/benchmarks.jar
#
# Output in benchmarks/target/: jmh-<run>.txt (JMH's log), jmh-<run>.csv, jmh-results.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
target="$here/target"
jar="$target/benchmarks.jar"

default_args="-f 1 -wi 3 -w 1s -i 5 -r 1s"
quick_args="-f 1 -wi 1 -w 200ms -i 3 -r 200ms"
if [[ -n "${JMH_ARGS:-}" ]]; then
    args_text="$JMH_ARGS"
elif [[ "${QUICK:-0}" == "1" ]]; then
    args_text="$quick_args"
else
    args_text="$default_args"
fi
read -r -a jmh_args <<< "$args_text"

java17="${JAVA17:-java}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"

# The java.version of a java binary, e.g. 17.0.15.
java_version() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java\.version = /{print $2; exit}'
}

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo ">> building $jar" >&2
    (cd "$root" && mvn -B -q -Pbench -pl benchmarks -am -DskipTests package)
fi
[[ -f "$jar" ]] || { echo "missing $jar: build it first" >&2; exit 1; }

v17="$(java_version "$java17")"
if [[ "${v17%%.*}" != "17" ]]; then
    echo "JAVA17 ($java17) is Java $v17, not 17: set JAVA17" >&2
    exit 1
fi

runs=()   # "name|jdk version" for the table, in order
csvs=()

# run NAME JAVA BENCHMARK-REGEX [EXTRA JMH ARGS...]
run() {
    local name="$1" java="$2" pattern="$3"
    shift 3
    local version
    version="$(java_version "$java")"
    echo ">> $name: Java $version, $pattern ${jmh_args[*]} $*" >&2
    rm -f "$target/jmh-$name.csv"
    # -foe: a failing setup (wrong thread mode, a wrong result) must fail the script, not leave
    # a row out of the table.
    "$java" -jar "$jar" "$pattern" "${jmh_args[@]}" "$@" -foe true \
        -rf csv -rff "$target/jmh-$name.csv" 2>&1 | tee "$target/jmh-$name.txt"
    runs+=("$name|$version")
    csvs+=("$target/jmh-$name.csv")
}

run chain-jdk17 "$java17" 'dev\.jtwisted\.benchmarks\.CallbackChainBenchmark\.'
run inline-jdk17 "$java17" 'dev\.jtwisted\.benchmarks\.InlineCallbacksBenchmark\.' -p threads=platform
if [[ -x "$java25" ]]; then
    run inline-jdk25 "$java25" 'dev\.jtwisted\.benchmarks\.InlineCallbacksBenchmark\.' \
        -p threads=virtual,platform
else
    echo "!! $java25 not found: skipping the JDK 25 (virtual threads) run; set JAVA25" >&2
fi

# One markdown table from all the CSVs. JMH's CSV quotes strings; no field holds a comma.
table() {
    echo "| Benchmark | JDK | Body threads | Mode | Score ± Error | Unit |"
    echo "|---|---|---|---|---:|---|"
    local i
    for i in "${!runs[@]}"; do
        awk -F',' -v jdk="${runs[$i]#*|}" '
            { sub(/\r$/, "") }   # JMH ends CSV lines with CRLF
            function unq(s) { gsub(/^"|"$/, "", s); return s }
            # Three significant figures or whole numbers, as JMH would show them.
            function fmt(x,   a) {
                if (x == "NaN" || x == "") return "NaN"
                a = (x < 0) ? -x : x
                if (a >= 100) return sprintf("%.0f", x)
                if (a >= 10) return sprintf("%.1f", x)
                if (a >= 1) return sprintf("%.2f", x)
                return sprintf("%.3f", x)
            }
            NR == 1 {
                for (c = 1; c <= NF; c++) col[unq($c)] = c
                next
            }
            {
                name = unq($col["Benchmark"])
                sub(/^dev\.jtwisted\.benchmarks\./, "", name)
                threads = ("Param: threads" in col) ? unq($col["Param: threads"]) : "-"
                score = unq($col["Score"]); err = unq($col["Score Error (99.9%)"])
                printf "| %s | %s | %s | %s | %s ± %s | %s |\n", name, jdk, threads,
                    unq($col["Mode"]), fmt(score), fmt(err), unq($col["Unit"])
            }' "${csvs[$i]}"
    done
}

table > "$target/jmh-results.md"
echo
if [[ -z "${JMH_ARGS:-}" && "${QUICK:-0}" == "1" ]]; then
    echo "QUICK smoke run ($args_text): the numbers below are noise, not results."
fi
echo "JMH args: $args_text. Scores in ns per chain (CallbackChain), per await (await*),"
echo "per body (startBody); lower is better. Error is JMH's 99.9% interval (NaN: too few samples)."
echo
cat "$target/jmh-results.md"
