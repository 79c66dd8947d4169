"""
A Twisted echo server: writes back every byte it receives.

The peer of the jtwisted echo client in the interop tests, and the Python row of the echo
benchmark. Listens on 127.0.0.1, port 0 unless told otherwise, and prints

    LISTENING <port>

once the port is bound, then one JSON line per closed connection:

    {"event": "closed", "bytes": <bytes echoed>, "reason": "ConnectionDone"}

Usage: echo_server.py [--host 127.0.0.1] [--port 0] [--watch-stdin] [--timeout 60]
"""

import argparse
import sys

from twisted.internet import endpoints, protocol, reactor

import common


class Echo(protocol.Protocol):
    """Twisted's canonical echo protocol, counting what it echoes."""

    received = 0

    def dataReceived(self, data):
        self.received += len(data)
        self.transport.write(data)

    def connectionLost(self, reason):
        common.emit({"event": "closed", "bytes": self.received,
                     "reason": reason.type.__name__})


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
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
    endpoint.listen(protocol.Factory.forProtocol(Echo)).addCallbacks(listening, failed)
    common.install_guards(reactor, args, stop)
    reactor.run()
    sys.exit(exit_code[0])


if __name__ == "__main__":
    main()
