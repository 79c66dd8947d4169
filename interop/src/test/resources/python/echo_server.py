"""
A Twisted echo server: writes back every byte it receives, or with --framing, every frame.

The peer of the jtwisted echo clients in the interop tests, and the Python row of the echo
benchmarks. Framings: raw (Protocol.dataReceived), line (LineReceiver: each line sent back with
sendLine), netstring (NetstringReceiver) and int32 (Int32StringReceiver), each echoing with the
receiver's own send method. Listens on 127.0.0.1, port 0 unless told otherwise, and prints

    LISTENING <port>

once the port is bound, then one JSON line per closed connection:

    {"event": "closed", "bytes": <bytes or frame payload bytes echoed>, "frames": <frames>,
     "reason": "ConnectionDone"}

Usage: echo_server.py [--host 127.0.0.1] [--port 0] [--framing raw] [--max-length N]
                      [--watch-stdin] [--timeout 60]
"""

import argparse
import sys

from twisted.internet import endpoints, protocol, reactor
from twisted.protocols import basic

import common


class Counting:
    """Counts what a connection echoes and reports it when the connection closes."""

    received = 0
    frames = 0

    def count(self, data):
        self.received += len(data)
        self.frames += 1

    def connectionLost(self, reason):
        common.emit({"event": "closed", "bytes": self.received, "frames": self.frames,
                     "reason": reason.type.__name__})


class Echo(Counting, protocol.Protocol):
    """Twisted's canonical echo protocol."""

    def dataReceived(self, data):
        self.count(data)
        self.transport.write(data)


class LineEcho(Counting, basic.LineReceiver):
    def lineReceived(self, line):
        self.count(line)
        self.sendLine(line)

    def connectionLost(self, reason):
        Counting.connectionLost(self, reason)


class NetstringEcho(Counting, basic.NetstringReceiver):
    def stringReceived(self, string):
        self.count(string)
        self.sendString(string)

    def connectionLost(self, reason):
        Counting.connectionLost(self, reason)


class Int32Echo(Counting, basic.Int32StringReceiver):
    def stringReceived(self, string):
        self.count(string)
        self.sendString(string)


FRAMINGS = {"raw": Echo, "line": LineEcho, "netstring": NetstringEcho, "int32": Int32Echo}


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--framing", choices=sorted(FRAMINGS), default="raw")
    parser.add_argument("--max-length", type=int, default=None,
                        help="the receiver's MAX_LENGTH (default: Twisted's)")
    common.add_guard_arguments(parser)
    args = parser.parse_args()

    def stop(why):
        print("echo_server: stopping: %s" % why, file=sys.stderr, flush=True)
        reactor.stop()

    def listening(port):
        print("LISTENING %d" % port.getHost().port, flush=True)

    def failed(failure):
        print("echo_server: cannot listen: %s" % failure.getErrorMessage(), file=sys.stderr,
              flush=True)
        reactor.stop()
        exit_code[0] = 2

    exit_code = [0]
    endpoint = endpoints.TCP4ServerEndpoint(reactor, args.port, interface=args.host)
    echo = FRAMINGS[args.framing]
    if args.max_length is not None:
        echo = type(echo.__name__, (echo,), {"MAX_LENGTH": args.max_length})
    endpoint.listen(protocol.Factory.forProtocol(echo)).addCallbacks(listening, failed)
    common.install_guards(reactor, args, stop)
    reactor.run()
    sys.exit(exit_code[0])


if __name__ == "__main__":
    main()
