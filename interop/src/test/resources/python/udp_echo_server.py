"""
A Twisted UDP echo server: a DatagramProtocol that sends every datagram back to its sender.

The peer of the jtwisted UDP client in the interop tests. Listens on 127.0.0.1, port 0 unless
told otherwise, and prints

    LISTENING <port>

once bound, then one JSON line per datagram it echoed:

    {"event": "datagram", "bytes": <length>, "host": <sender's host>, "port": <sender's port>}

Usage: udp_echo_server.py [--host 127.0.0.1] [--port 0] [--watch-stdin] [--timeout 60]
"""

import argparse
import sys

from twisted.internet import protocol, reactor

import common


class Echo(protocol.DatagramProtocol):
    def datagramReceived(self, data, addr):
        self.transport.write(data, addr)
        common.emit({"event": "datagram", "bytes": len(data), "host": addr[0], "port": addr[1]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    common.add_guard_arguments(parser)
    args = parser.parse_args()

    def stop(why):
        print("udp_echo_server: stopping: %s" % why, file=sys.stderr, flush=True)
        reactor.stop()

    port = reactor.listenUDP(args.port, Echo(), interface=args.host, maxPacketSize=65536)
    print("LISTENING %d" % port.getHost().port, flush=True)
    common.install_guards(reactor, args, stop)
    reactor.run()


if __name__ == "__main__":
    main()
