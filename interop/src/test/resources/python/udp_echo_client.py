"""
A Twisted UDP echo client: sends COUNT datagrams, one at a time, from a connected UDP port to
HOST:PORT, and checks that each comes back whole, from there.

The peer of the jtwisted UDP echo server in the interop tests. Datagram i holds
common.data_for(i, size) with sizes cycling through 1, 2, 100, 1000, 8192 and 65507 (the
largest IPv4 payload); a datagram not echoed within 5 s fails the run. Prints one JSON line:

    {"ok": true, "datagrams": <n>, "bytes": <total>, "local_port": <port>}

or {"ok": false, "error": "..."}, and exits 0 on success.

Usage: udp_echo_client.py HOST PORT COUNT [--watch-stdin] [--timeout 60]
"""

import argparse

from twisted.internet import defer, protocol

import common

SIZES = [1, 2, 100, 1000, 8192, 65507]


class Client(protocol.DatagramProtocol):
    def __init__(self, host, port):
        self.host = host
        self.port = port
        self.waiting = None

    def startProtocol(self):
        self.transport.connect(self.host, self.port)

    def datagramReceived(self, data, addr):
        if self.waiting is not None:
            d, self.waiting = self.waiting, None
            d.callback((data, addr))

    def connectionRefused(self):
        if self.waiting is not None:
            d, self.waiting = self.waiting, None
            d.errback(Exception("connection refused by %s:%d" % (self.host, self.port)))

    def send(self, reactor, data):
        self.waiting = defer.Deferred()
        self.transport.write(data)
        return self.waiting.addTimeout(5, reactor)


async def run(reactor, args):
    client = Client(args.host, args.port)
    port = reactor.listenUDP(0, client, interface="127.0.0.1", maxPacketSize=65536)
    total = 0
    for i in range(args.count):
        data = common.data_for(i, SIZES[i % len(SIZES)])
        got, addr = await client.send(reactor, data)
        if got != data:
            common.emit({"ok": False, "error": "datagram %d: sent %d bytes, got %d back, first "
                         "difference at %d" % (i, len(data), len(got),
                                               common.first_mismatch(data, 0, got))})
            return 1
        if addr != (args.host, args.port):
            common.emit({"ok": False, "error": "datagram %d came back from %r" % (i, addr)})
            return 1
        total += len(data)
    local = port.getHost().port
    await port.stopListening()
    common.emit({"ok": True, "datagrams": args.count, "bytes": total, "local_port": local})
    return 0


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("count", type=int)
    common.add_guard_arguments(parser)
    args = parser.parse_args()
    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task
    task.react(main)
