"""
Shared by the interop scripts: JSON result lines, deterministic data, and the two guards that
keep a script from outliving its test (stdin closing, a wall-clock deadline).

Every script prints one JSON object per line on stdout and flushes at once, so that the Java
side can read results line by line; diagnostics go to stderr.
"""

import json
import random
import sys

from twisted.internet import defer, protocol, stdio
from twisted.python import failure


def emit(obj):
    """Prints one JSON line on stdout and flushes it."""
    sys.stdout.write(json.dumps(obj, sort_keys=True) + "\n")
    sys.stdout.flush()


def data_for(seed, n):
    """n bytes of pseudo-random data, the same for the same seed on every run."""
    return random.Random(seed).randbytes(n)


def split(total, parts):
    """total split into parts sizes that differ by at most one, the larger first."""
    if parts < 1:
        raise ValueError("parts < 1: %d" % parts)
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def first_mismatch(expected, offset, got):
    """The index in got of the first byte that differs from expected[offset:], or -1."""
    want = expected[offset:offset + len(got)]
    if want == got:
        return -1
    for i, (a, b) in enumerate(zip(want, got)):
        if a != b:
            return i
    return min(len(want), len(got))


def fire_first(source, target):
    """Passes source's result on to target, unless target has fired already (a guard won)."""

    def passOn(result):
        if not target.called:
            if isinstance(result, failure.Failure):
                target.errback(result)
            else:
                target.callback(result)

    source.addBoth(passOn)


class _StdinWatcher(protocol.Protocol):
    def __init__(self, on_eof):
        self._on_eof = on_eof

    def connectionLost(self, reason):
        self._on_eof()


def watch_stdin(on_eof):
    """Calls on_eof once stdin closes: the parent (the JVM running the test) has gone."""
    stdio.StandardIO(_StdinWatcher(on_eof))


def add_guard_arguments(parser):
    parser.add_argument("--watch-stdin", action="store_true",
                        help="exit when stdin closes (the test harness keeps it open)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="give up after this many seconds (0: never)")


def install_guards(reactor, args, on_stop):
    """Arms --watch-stdin and --timeout; on_stop(why) is called at most once."""
    fired = []

    def stop(why):
        if not fired:
            fired.append(why)
            on_stop(why)

    if args.watch_stdin:
        watch_stdin(lambda: stop("stdin closed"))
    if args.timeout > 0:
        call = reactor.callLater(args.timeout, stop, "timed out after %gs" % args.timeout)

        def cancel():
            if call.active():
                call.cancel()

        reactor.addSystemEventTrigger("before", "shutdown", cancel)


def run_client(reactor, args, run):
    """
    Drives a client script to its exit code, for task.react: runs the coroutine run(reactor,
    args), whose result is the exit code; a failure is reported as a JSON line and exits 1; a
    guard (stdin closed, deadline) reports why and exits 3.
    """
    finished = defer.Deferred()

    def give_up(why):
        emit({"ok": False, "error": why})
        if not finished.called:
            finished.callback(3)

    def failed(failure):
        emit({"ok": False, "error": failure.getErrorMessage()})
        return 1

    def exit_with(code):
        raise SystemExit(code)

    install_guards(reactor, args, give_up)
    fire_first(defer.ensureDeferred(run(reactor, args)).addErrback(failed), finished)
    return finished.addCallback(exit_with)
