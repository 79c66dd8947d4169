"""
A Twisted echo server: writes back every byte it receives, or with --framing, every frame.

The peer of the jtwisted echo clients in the interop tests, and the Python row of the echo
benchmarks. Framings: raw (Protocol.dataReceived), line (LineReceiver: each line sent back with
sendLine), lineonly (LineOnlyReceiver), netstring (NetstringReceiver) and int32
(Int32StringReceiver), each echoing with the receiver's own send method. Listens on 127.0.0.1,
port 0 unless told otherwise, and prints

    LISTENING <port>

once the port is bound (0 for a UNIX socket: --endpoint unix:/path), then one JSON line per
closed connection:

    {"event": "closed", "conn": <n>, "bytes": <bytes or frame payload bytes echoed>,
     "frames": <frames>, "reason": "ConnectionDone", "error": null}

where conn numbers the connections from 0 in the order they were made, and error says what the
receiver made of a peer that broke the framing: "lineLengthExceeded" or "lengthLimitExceeded"
(the callback that was called), "brokenPeer" (NetstringReceiver's flag), or null.
frame_echo_client.py echoes the same way from the client end.

Usage: echo_server.py [--host 127.0.0.1] [--port 0] [--framing raw] [--max-length N]
                      [--close-on FRAME] [--endpoint DESCRIPTION] [--watch-stdin] [--timeout 60]
"""

import argparse
import itertools
import sys

from twisted.internet import endpoints, protocol, reactor
from twisted.protocols import basic

import common


class Counting:
    """
    Counts what a connection echoes and reports it, and any framing error, when it closes.
    Closes the connection after echoing a frame equal to close_on (--close-on), if set.
    """

    numbers = itertools.count()
    received = 0
    frames = 0
    error = None
    close_on = None

    def connectionMade(self):
        self.conn = next(Counting.numbers)

    def count(self, data):
        self.received += len(data)
        self.frames += 1

    def echo(self, frame, send):
        self.count(frame)
        send(frame)
        if frame == self.close_on:
            self.transport.loseConnection()

    def connectionLost(self, reason):
        error = self.error or ("brokenPeer" if getattr(self, "brokenPeer", 0) else None)
        common.emit({"event": "closed", "conn": self.conn, "bytes": self.received,
                     "frames": self.frames, "reason": reason.type.__name__, "error": error})


class Echo(Counting, protocol.Protocol):
    """Twisted's canonical echo protocol."""

    def dataReceived(self, data):
        self.count(data)
        self.transport.write(data)


class LineEcho(Counting, basic.LineReceiver):
    def lineReceived(self, line):
        self.echo(line, self.sendLine)

    def lineLengthExceeded(self, line):
        self.error = "lineLengthExceeded"
        return basic.LineReceiver.lineLengthExceeded(self, line)

    def connectionLost(self, reason):
        Counting.connectionLost(self, reason)


class LineOnlyEcho(Counting, basic.LineOnlyReceiver):
    def lineReceived(self, line):
        self.echo(line, self.sendLine)

    def lineLengthExceeded(self, line):
        self.error = "lineLengthExceeded"
        return basic.LineOnlyReceiver.lineLengthExceeded(self, line)


class NetstringEcho(Counting, basic.NetstringReceiver):
    def stringReceived(self, string):
        self.echo(string, self.sendString)

    def connectionLost(self, reason):
        Counting.connectionLost(self, reason)


class Int32Echo(Counting, basic.Int32StringReceiver):
    def stringReceived(self, string):
        self.echo(string, self.sendString)

    def lengthLimitExceeded(self, length):
        self.error = "lengthLimitExceeded"
        return basic.Int32StringReceiver.lengthLimitExceeded(self, length)


FRAMINGS = {"raw": Echo, "line": LineEcho, "lineonly": LineOnlyEcho, "netstring": NetstringEcho,
            "int32": Int32Echo}


def echo_protocol(framing, max_length=None, close_on=None):
    """
    The echo protocol class for framing, with MAX_LENGTH max_length (None: Twisted's), closing
    after a frame equal to close_on (None: never).
    """
    echo = FRAMINGS[framing]
    attributes = {"close_on": close_on}
    if max_length is not None:
        attributes["MAX_LENGTH"] = max_length
    return type(echo.__name__, (echo,), attributes)


def add_framing_arguments(parser):
    parser.add_argument("--framing", choices=sorted(FRAMINGS), default="raw")
    parser.add_argument("--max-length", type=int, default=None,
                        help="the receiver's MAX_LENGTH (default: Twisted's)")
    parser.add_argument("--close-on", type=lambda s: s.encode("latin-1"), default=None,
                        help="close the connection after echoing this frame")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--endpoint", default=None,
                        help="a server endpoint description to listen on instead of --host/--port")
    add_framing_arguments(parser)
    common.add_guard_arguments(parser)
    args = parser.parse_args()

    def stop(why):
        print("echo_server: stopping: %s" % why, file=sys.stderr, flush=True)
        reactor.stop()

    def listening(port):
        print("LISTENING %d" % getattr(port.getHost(), "port", 0), flush=True)

    def failed(failure):
        print("echo_server: cannot listen: %s" % failure.getErrorMessage(), file=sys.stderr,
              flush=True)
        # listen may fail before the reactor runs (a UNIX lock is checked at once).
        reactor.callWhenRunning(reactor.stop)
        exit_code[0] = 2

    exit_code = [0]
    if args.endpoint:
        endpoint = endpoints.serverFromString(reactor, args.endpoint)
    else:
        endpoint = endpoints.TCP4ServerEndpoint(reactor, args.port, interface=args.host)
    echo = echo_protocol(args.framing, args.max_length, args.close_on)
    endpoint.listen(protocol.Factory.forProtocol(echo)).addCallbacks(listening, failed)
    common.install_guards(reactor, args, stop)
    reactor.run()
    sys.exit(exit_code[0])


if __name__ == "__main__":
    main()
