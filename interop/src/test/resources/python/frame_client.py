"""
A Twisted client that sends frames with Twisted's own receivers and checks each one comes back.

Opens NCONN concurrent connections to a frame echo server at HOST PORT. Each sends NFRAMES
frames with sendLine or sendString, through the receiver --framing names (line: LineReceiver,
lineonly: LineOnlyReceiver, netstring: NetstringReceiver, int32: Int32StringReceiver, each with
Twisted's MAX_LENGTH), and checks that lineReceived or stringReceived gets the same frames back,
in order, byte for byte; it closes once all have come back. The frames are pseudo-random and
their own per connection: empty, MAX_LENGTH long, a few half that or more, most short. A line
never holds the delimiter, and a lineonly line is at most MAX_LENGTH - 1 long, because Twisted's
LineOnlyReceiver drops the connection when a packet ends between a MAX_LENGTH line and the \\n of
its delimiter. Prints one JSON line:

    {"ok": true, "frames": <frames echoed>, "bytes": <payload bytes echoed>,
     "connections": [{"conn": 0, "sent": ..., "received": ..., "mismatch_at": -1,
                      "reason": "ConnectionDone", "ok": true}, ...], "seconds": ...}

and exits 0 if every connection got every frame back, 1 otherwise.

Usage: frame_client.py HOST PORT NFRAMES NCONN --framing line [--seed 1] [--timeout 60]
       [--watch-stdin]
"""

import argparse
import random
import time

from twisted.internet import defer, endpoints
from twisted.protocols import basic

import common


class Checking:
    """Sends its frames on connecting; checks each frame that comes back against them."""

    def __init__(self, conn, frames):
        self.conn = conn
        self.frames = frames
        self.received = 0
        self.received_bytes = 0
        self.mismatch_at = -1
        self.done = defer.Deferred()

    def connectionMade(self):
        for frame in self.frames:
            self.send(frame)
        if not self.frames:
            self.transport.loseConnection()

    def frameReceived(self, frame):
        if self.mismatch_at >= 0:
            return
        if self.received >= len(self.frames) or frame != self.frames[self.received]:
            self.mismatch_at = self.received
            self.transport.abortConnection()
            return
        self.received += 1
        self.received_bytes += len(frame)
        if self.received == len(self.frames):
            self.transport.loseConnection()

    def connectionLost(self, reason):
        ok = self.mismatch_at < 0 and self.received == len(self.frames)
        self.done.callback({"conn": self.conn, "sent": len(self.frames),
                            "received": self.received, "bytes": self.received_bytes,
                            "mismatch_at": self.mismatch_at, "reason": reason.type.__name__,
                            "ok": ok})


class LineChecking(Checking, basic.LineReceiver):
    def lineReceived(self, line):
        self.frameReceived(line)

    def send(self, frame):
        self.sendLine(frame)


class LineOnlyChecking(Checking, basic.LineOnlyReceiver):
    def lineReceived(self, line):
        self.frameReceived(line)

    def send(self, frame):
        self.sendLine(frame)


class NetstringChecking(Checking, basic.NetstringReceiver):
    def stringReceived(self, string):
        self.frameReceived(string)

    def send(self, frame):
        self.sendString(frame)


class Int32Checking(Checking, basic.Int32StringReceiver):
    def stringReceived(self, string):
        self.frameReceived(string)

    def send(self, frame):
        self.sendString(frame)


CHECKING = {"line": LineChecking, "lineonly": LineOnlyChecking, "netstring": NetstringChecking,
            "int32": Int32Checking}


def frames_for(seed, n, framing):
    """n frames for framing: empty, longest, some long, most short; the same for the same seed."""
    checking = CHECKING[framing]
    longest = checking.MAX_LENGTH - (1 if framing == "lineonly" else 0)
    rng = random.Random(seed)
    frames = []
    for i in range(n):
        if i == 0:
            size = 0
        elif i == 1:
            size = longest
        elif i % 16 == 5:
            size = rng.randint(longest // 2, longest)
        else:
            size = rng.randint(0, 200)
        frame = rng.randbytes(size)
        if framing in ("line", "lineonly"):
            frame = frame.replace(b"\r\n", b"\r.")
        frames.append(frame)
    return frames


async def run(reactor, args):
    started = time.monotonic()
    endpoint = endpoints.TCP4ClientEndpoint(reactor, args.host, args.port, timeout=10)

    async def one(conn):
        client = CHECKING[args.framing](conn, frames_for(args.seed + conn, args.nframes,
                                                         args.framing))
        await endpoints.connectProtocol(endpoint, client)
        return await client.done

    results = await defer.gatherResults(
        [defer.ensureDeferred(one(i)) for i in range(args.nconn)])
    ok = all(r["ok"] for r in results)
    common.emit({"ok": ok, "frames": sum(r["received"] for r in results),
                 "bytes": sum(r["bytes"] for r in results), "connections": results,
                 "seconds": round(time.monotonic() - started, 3)})
    return 0 if ok else 1


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("nframes", type=int)
    parser.add_argument("nconn", type=int)
    parser.add_argument("--framing", choices=sorted(CHECKING), required=True)
    parser.add_argument("--seed", type=int, default=1)
    common.add_guard_arguments(parser)
    args = parser.parse_args()
    if args.nframes < 0 or args.nconn < 1:
        parser.error("need NFRAMES >= 0 and NCONN >= 1: %d %d" % (args.nframes, args.nconn))

    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task

    task.react(main)
