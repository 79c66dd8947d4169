"""
A Twisted client that echoes frames as echo_server.py does, for a peer that listens.

Opens COUNT connections to HOST PORT, in an order a listening peer can count on: the first, then
(once the first is made) the second, then each further one once the one before it has closed;
the first stays open alongside the others. Each echoes every frame it receives with the
receiver's own send method (echo_server.py's protocols, --framing line|lineonly|netstring|int32)
and prints echo_server.py's JSON line when it closes. Once all have closed it prints

    {"event": "done", "connections": COUNT}

and exits 0. scripted_peer.py listen plays its cases to these connections.

Usage: frame_echo_client.py HOST PORT COUNT --framing line [--max-length N] [--close-on FRAME]
       [--timeout 60] [--watch-stdin]
"""

import argparse

from twisted.internet import defer, endpoints

import common
import echo_server


def tracked(echo):
    """A subclass of the echo protocol class echo whose lost Deferred fires when it closes."""

    class Tracked(echo):
        def __init__(self):
            self.lost = defer.Deferred()

        def connectionLost(self, reason):
            echo.connectionLost(self, reason)
            self.lost.callback(None)

    return Tracked


async def run(reactor, args):
    endpoint = endpoints.TCP4ClientEndpoint(reactor, args.host, args.port, timeout=10)
    echo = tracked(echo_server.echo_protocol(args.framing, args.max_length, args.close_on))

    first = await endpoints.connectProtocol(endpoint, echo())
    for _ in range(args.count - 1):
        other = await endpoints.connectProtocol(endpoint, echo())
        await other.lost
    await first.lost
    common.emit({"event": "done", "connections": args.count})
    return 0


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("count", type=int)
    echo_server.add_framing_arguments(parser)
    common.add_guard_arguments(parser)
    args = parser.parse_args()
    if args.count < 1 or args.framing == "raw":
        parser.error("need COUNT >= 1 and a --framing other than raw: %d %s"
                     % (args.count, args.framing))

    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task

    task.react(main)
