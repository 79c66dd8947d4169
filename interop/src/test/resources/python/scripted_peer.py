"""
A Twisted peer that plays scripted bytes, well-formed or not, to a frame echo and records what
comes back.

The interop tests' way to put the same malformed input to Twisted's receivers and to jtwisted's
and compare what each does with it. With "connect HOST PORT" it connects to an echo server; with
"listen" it listens on 127.0.0.1, prints LISTENING <port>, and takes the connections of an echo
client (frame_echo_client.py, or a jtwisted one) in the order they arrive.

The first connection is the steady one: it has the probe echoed before the first case, stays
open while the cases run, has it echoed again after the last, and is closed. Each further
connection plays one case of CASES, a JSON file:

    {"probe": "<bytes>", "case_timeout": 5,
     "cases": [{"name": "...", "steps": [{"send": "<bytes>"}, {"await": <n>}, ...]}, ...]}

where bytes are strings of code points 0 to 255 (Latin-1). A "send" step writes its bytes in one
write; an "await" step waits until n bytes in all have come back, so that what follows arrives
in a later packet. After the steps the peer sends the probe, a well-formed frame (at once, so it
may share the last step's packet: a case that needs it in a later one ends with an "await"), and
waits until it comes back ("survived"), the echo closes the connection ("closed"), or
case_timeout seconds pass ("hung"); then it closes the connection if it is still open. One line
per case:

    {"event": "case", "case": "...", "echoed": "<bytes>", "end": "closed", "reason": "..."}

where echoed is everything that came back, the probe's echo included. Then:

    {"event": "done", "ok": true, "steady": {"echoed": "<bytes>", "end": "survived", ...}}

ok: the steady connection had both probes echoed, and no case hung. Exits 0 if ok, else 1.

Usage: scripted_peer.py CASES connect HOST PORT [--timeout 60] [--watch-stdin]
       scripted_peer.py CASES listen [--timeout 60] [--watch-stdin]
"""

import argparse
import json

from twisted.internet import defer, endpoints, protocol

import common


def to_bytes(text):
    return text.encode("latin-1")


def to_text(data):
    return bytes(data).decode("latin-1")


class Player(protocol.Protocol):
    """Writes what it is told, keeps everything that comes back, and says when enough has."""

    def __init__(self, on_made=None):
        self.on_made = on_made
        self.echoed = bytearray()
        self.reason = None
        self.lost = defer.Deferred()
        self._waiting = None

    def connectionMade(self):
        self.transport.setTcpNoDelay(True)
        if self.on_made is not None:
            self.on_made(self)

    def until(self, enough, timeout, reactor):
        """
        Fires with True once enough(echoed) holds, with False if the connection is lost first;
        fails with defer.TimeoutError after timeout seconds.
        """
        d = defer.Deferred()
        if enough(self.echoed):
            d.callback(True)
        elif self.reason is not None:
            d.callback(False)
        else:
            self._waiting = (enough, d)
            d.addTimeout(timeout, reactor)
        return d

    def dataReceived(self, data):
        self.echoed += data
        if self._waiting is not None and self._waiting[0](self.echoed):
            self._fire(True)

    def connectionLost(self, reason):
        self.reason = reason.type.__name__
        self._fire(False)
        self.lost.callback(self.reason)

    def _fire(self, result):
        waiting, self._waiting = self._waiting, None
        if waiting is not None and not waiting[1].called:
            waiting[1].callback(result)


async def exchange(reactor, player, data, until, timeout):
    """Writes data, waits until until(echoed); the end so far: survived, closed or hung."""
    if player.reason is not None:
        return "closed"
    if data:
        player.transport.write(data)
    try:
        enough = await player.until(until, timeout, reactor)
    except defer.TimeoutError:
        return "hung"
    return "survived" if enough else "closed"


async def play(reactor, player, case, probe, timeout):
    """Plays case to player, then the probe; closes the connection; returns the case's line."""
    end = "survived"
    for step in case["steps"]:
        if "send" in step:
            data, n = to_bytes(step["send"]), None
        else:
            data, n = b"", step["await"]
        end = await exchange(reactor, player, data, lambda e, n=n: n is None or len(e) >= n,
                             timeout)
        if end != "survived":
            break
    if end == "survived":
        end = await exchange(reactor, player, probe, lambda e: e.endswith(probe), timeout)
    if player.reason is None:
        if end == "hung":
            player.transport.abortConnection()
        else:
            player.transport.loseConnection()
    reason = await player.lost
    return {"event": "case", "case": case["name"], "echoed": to_text(player.echoed), "end": end,
            "reason": reason}


async def run(reactor, args):
    with open(args.cases, encoding="utf-8") as f:
        spec = json.load(f)
    probe = to_bytes(spec["probe"])
    timeout = spec.get("case_timeout", 5)

    if args.mode == "listen":
        arrived = defer.DeferredQueue()
        factory = protocol.Factory.forProtocol(lambda: Player(arrived.put))
        port = await endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1").listen(factory)
        print("LISTENING %d" % port.getHost().port, flush=True)
        next_player = arrived.get
    else:
        endpoint = endpoints.TCP4ClientEndpoint(reactor, args.host, args.port, timeout=10)

        def next_player():
            return endpoints.connectProtocol(endpoint, Player())

    steady = await next_player()
    steady_end = await exchange(reactor, steady, probe, lambda e: len(e) >= len(probe), timeout)
    hung = False
    for case in spec["cases"]:
        line = await play(reactor, await next_player(), case, probe, timeout)
        hung = hung or line["end"] == "hung"
        common.emit(line)
    if steady_end == "survived":
        steady_end = await exchange(reactor, steady, probe, lambda e: len(e) >= 2 * len(probe),
                                    timeout)
    if steady.reason is None:
        steady.transport.loseConnection()
    reason = await steady.lost
    ok = steady_end == "survived" and steady.echoed == probe * 2 and not hung
    common.emit({"event": "done", "ok": ok,
                 "steady": {"echoed": to_text(steady.echoed), "end": steady_end,
                            "reason": reason}})
    return 0 if ok else 1


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("cases")
    sub = parser.add_subparsers(dest="mode", required=True)
    connect = sub.add_parser("connect")
    connect.add_argument("host")
    connect.add_argument("port", type=int)
    common.add_guard_arguments(connect)
    listen = sub.add_parser("listen")
    common.add_guard_arguments(listen)
    args = parser.parse_args()

    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task

    task.react(main)
