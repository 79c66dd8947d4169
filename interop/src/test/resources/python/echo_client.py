"""
A Twisted echo client that checks every byte comes back.

Sends NBYTES of deterministic pseudo-random data, split evenly over NCONN concurrent
connections (each connection its own data, so that streams mixed up between connections are
caught), reads it back, compares it byte for byte, and closes each connection once all of its
data is back. Prints one JSON line:

    {"ok": true, "bytes": <total echoed>, "connections": [{"conn": 0, "sent": ...,
     "received": ..., "mismatch_at": -1, "reason": "ConnectionDone", "ok": true}, ...],
     "seconds": ...}

and exits 0 if every connection got all its bytes back intact, 1 otherwise. With --endpoint,
it connects to that client endpoint description instead (e.g. unix:path=/tmp/s.sock), and
HOST and PORT are ignored.

Usage: echo_client.py HOST PORT NBYTES NCONN [--seed 1] [--chunk 65536] [--timeout 60]
       [--endpoint DESCRIPTION] [--watch-stdin]
"""

import argparse
import sys
import time

from twisted.internet import defer, endpoints, protocol

import common


class CheckingClient(protocol.Protocol):
    """Writes its data, checks what comes back, closes when all of it has."""

    def __init__(self, conn, data, chunk):
        self.conn = conn
        self.data = data
        self.chunk = chunk
        self.received = 0
        self.mismatch_at = -1
        self.done = defer.Deferred()

    def connectionMade(self):
        for offset in range(0, len(self.data), self.chunk):
            self.transport.write(self.data[offset:offset + self.chunk])
        if not self.data:
            self.transport.loseConnection()

    def dataReceived(self, got):
        if self.mismatch_at >= 0:
            return
        bad = common.first_mismatch(self.data, self.received, got)
        if bad >= 0:
            self.mismatch_at = self.received + bad
            self.transport.abortConnection()
            return
        self.received += len(got)
        if self.received == len(self.data):
            self.transport.loseConnection()

    def connectionLost(self, reason):
        ok = self.mismatch_at < 0 and self.received == len(self.data)
        self.done.callback({"conn": self.conn, "sent": len(self.data),
                            "received": self.received, "mismatch_at": self.mismatch_at,
                            "reason": reason.type.__name__, "ok": ok})

    def result(self):
        return self.done


async def run(reactor, args):
    started = time.monotonic()
    if args.endpoint:
        endpoint = endpoints.clientFromString(reactor, args.endpoint)
    else:
        endpoint = endpoints.TCP4ClientEndpoint(reactor, args.host, args.port, timeout=10)

    async def one(conn, size):
        client = CheckingClient(conn, common.data_for(args.seed + conn, size), args.chunk)
        try:
            await endpoints.connectProtocol(endpoint, client)
        except Exception as e:
            return {"conn": conn, "sent": 0, "received": 0, "mismatch_at": -1,
                    "reason": "connect failed: %s" % e, "ok": False}
        return await client.result()

    sizes = common.split(args.nbytes, args.nconn)
    results = await defer.gatherResults(
        [defer.ensureDeferred(one(i, n)) for i, n in enumerate(sizes)])
    ok = all(r["ok"] for r in results)
    common.emit({"ok": ok, "bytes": sum(r["received"] for r in results),
                 "connections": results, "seconds": round(time.monotonic() - started, 3)})
    return 0 if ok else 1


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("nbytes", type=int)
    parser.add_argument("nconn", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=65536)
    parser.add_argument("--endpoint", default=None,
                        help="a client endpoint description to connect to instead of HOST:PORT")
    common.add_guard_arguments(parser)
    args = parser.parse_args()
    if args.nbytes < 0 or args.nconn < 1 or args.chunk < 1:
        parser.error("need NBYTES >= 0, NCONN >= 1, --chunk >= 1: %d %d %d"
                     % (args.nbytes, args.nconn, args.chunk))

    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task

    task.react(main)
