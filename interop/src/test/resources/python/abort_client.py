"""
A Twisted client that drops connections abruptly while another connection keeps going.

Checks that an echo server survives peers that vanish: it opens a steady connection and has
half of its NBYTES echoed, then opens NABORT connections and aborts each (abortConnection, with
SO_LINGER 0 so the kernel sends a reset rather than a FIN): half of them right after connecting,
half once the first echoed bytes arrive. Then it has the second half of the steady data echoed,
checks one fresh connection too, and closes cleanly. Prints one JSON line:

    {"ok": true, "steady": {...}, "fresh": {...}, "aborted": [{"conn": 0, "when": "at-once",
     "echoed": 0, "reason": "ConnectionAborted"}, ...], "seconds": ...}

and exits 0 if the steady and fresh connections got every byte back intact, 1 otherwise.

Usage: abort_client.py HOST PORT NABORT NBYTES [--seed 1] [--timeout 60] [--watch-stdin]
"""

import argparse
import socket
import struct
import time

from twisted.internet import defer, endpoints, protocol

import common
from echo_client import CheckingClient


class Mismatch(Exception):
    pass


class SteadyClient(protocol.Protocol):
    """Sends its data a part at a time; each part's Deferred fires once it is echoed intact."""

    def __init__(self, data):
        self.data = data
        self.sent = 0
        self.received = 0
        self.mismatch_at = -1
        self.waiting = None
        self.lost = defer.Deferred()

    def send_until(self, end):
        """Writes data[sent:end]; fires once everything up to end has come back."""
        self.transport.write(self.data[self.sent:end])
        self.sent = end
        self.waiting = defer.Deferred()
        self._check()
        return self.waiting

    def dataReceived(self, got):
        bad = common.first_mismatch(self.data, self.received, got)
        if bad >= 0 or self.received + len(got) > self.sent:
            self.mismatch_at = self.received + max(bad, 0)
            self.transport.abortConnection()
            return
        self.received += len(got)
        self._check()

    def _check(self):
        if self.waiting is not None and self.received == self.sent:
            waiting, self.waiting = self.waiting, None
            waiting.callback(self.received)

    def connectionLost(self, reason):
        if self.waiting is not None:
            waiting, self.waiting = self.waiting, None
            waiting.errback(Mismatch("steady connection lost (%s) at byte %d, mismatch at %d"
                                     % (reason.type.__name__, self.received, self.mismatch_at)))
        self.lost.callback(reason.type.__name__)


class Aborter(protocol.Protocol):
    """Writes some data, then resets the connection: at once, or after the first echo."""

    def __init__(self, conn, data, when):
        self.conn = conn
        self.data = data
        self.when = when
        self.echoed = 0
        self.aborted = False
        self.done = defer.Deferred()

    def connectionMade(self):
        self.transport.write(self.data)
        if self.when == "at-once":
            self.abort()

    def dataReceived(self, got):
        self.echoed += len(got)
        if not self.aborted:
            self.abort()

    def abort(self):
        self.aborted = True
        # A zero linger turns close() into a reset: the server sees ECONNRESET, not EOF.
        self.transport.getHandle().setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.transport.abortConnection()

    def connectionLost(self, reason):
        self.done.callback({"conn": self.conn, "when": self.when, "echoed": self.echoed,
                            "reason": reason.type.__name__})


async def run(reactor, args):
    started = time.monotonic()
    endpoint = endpoints.TCP4ClientEndpoint(reactor, args.host, args.port, timeout=10)

    steady = SteadyClient(common.data_for(args.seed, args.nbytes))
    await endpoints.connectProtocol(endpoint, steady)
    half = args.nbytes // 2
    await steady.send_until(half)

    async def abort_one(conn):
        when = "at-once" if conn % 2 == 0 else "after-echo"
        aborter = Aborter(conn, common.data_for(args.seed + 1000 + conn, 65536), when)
        await endpoints.connectProtocol(endpoint, aborter)
        return await aborter.done

    aborted = await defer.gatherResults(
        [defer.ensureDeferred(abort_one(i)) for i in range(args.nabort)])

    await steady.send_until(args.nbytes)

    fresh = CheckingClient(0, common.data_for(args.seed + 2000, 65536), 65536)
    await endpoints.connectProtocol(endpoint, fresh)
    fresh_result = await fresh.result()

    steady.transport.loseConnection()
    steady_reason = await steady.lost
    ok = steady_reason == "ConnectionDone" and fresh_result["ok"]
    common.emit({"ok": ok, "aborted": aborted, "fresh": fresh_result,
                 "steady": {"sent": steady.sent, "received": steady.received,
                            "reason": steady_reason},
                 "seconds": round(time.monotonic() - started, 3)})
    return 0 if ok else 1


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("nabort", type=int)
    parser.add_argument("nbytes", type=int)
    parser.add_argument("--seed", type=int, default=1)
    common.add_guard_arguments(parser)
    args = parser.parse_args()
    if args.nabort < 0 or args.nbytes < 2:
        parser.error("need NABORT >= 0 and NBYTES >= 2: %d %d" % (args.nabort, args.nbytes))

    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task

    task.react(main)
