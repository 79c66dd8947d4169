"""
Twisted LineReceiver clients, as many connections as it is told, driven line by line from stdin:
the interop tests' way to talk to a line server (the samples' chat, kv, finger) the way a Twisted
user's client would, and to see exactly what comes back.

Each stdin line is one JSON command; "conn" names a connection:

    {"connect": "a", "delimiter": "\\n"}     connect to HOST PORT (no delimiter: --delimiter's)
    {"conn": "a", "send_line": "get k"}     sendLine: the line and the delimiter
    {"conn": "a", "send_lines": ["x", "y"]} all the lines, each with the delimiter, in one write
    {"conn": "a", "send": "xyz", "times": 3} raw bytes (times times over) in one write
    {"close": "a"}                          loseConnection

Bytes are strings of code points 0 to 255 (Latin-1) both ways. Each stdout line is one JSON
event, in the order things happened:

    {"event": "connected", "conn": "a"}
    {"event": "connect_failed", "conn": "a", "error": "..."}
    {"event": "line", "conn": "a", "line": "..."}            a line received, without delimiter
    {"event": "closed", "conn": "a", "by": "peer" or "us", "reason": "ConnectionDone",
     "received": "<every byte received on the connection, delimiters included>"}
    {"event": "error", "error": "..."}                       a command it could not carry out

It exits 0 when stdin closes (so --watch-stdin is implied), closing what is still open; with
{"ok": false, "error": "timed out after ..."} and 3 after --timeout seconds.

Usage: line_client.py HOST PORT [--delimiter crlf|lf] [--timeout 60] [--watch-stdin]
"""

import argparse
import json

from twisted.internet import defer, endpoints, stdio
from twisted.protocols import basic

import common

DELIMITERS = {"crlf": "\r\n", "lf": "\n"}


def to_bytes(text):
    return text.encode("latin-1")


def to_text(data):
    return bytes(data).decode("latin-1")


class Client(basic.LineReceiver):
    """One connection: reports each line, keeps every byte, says who closed and why."""

    MAX_LENGTH = 1 << 24  # the servers' limits are under test, not this client's

    def __init__(self, name, delimiter):
        self.name = name
        self.delimiter = delimiter
        self.received = bytearray()
        self.closing = False
        self.lost = defer.Deferred()

    def dataReceived(self, data):
        self.received += data
        super().dataReceived(data)

    def lineReceived(self, line):
        common.emit({"event": "line", "conn": self.name, "line": to_text(line)})

    def connectionLost(self, reason):
        common.emit({"event": "closed", "conn": self.name, "by": "us" if self.closing else "peer",
                     "reason": reason.type.__name__, "received": to_text(self.received)})
        self.lost.callback(None)


class Commands(basic.LineReceiver):
    """Reads the JSON commands on stdin; calls on_eof when stdin closes."""

    delimiter = b"\n"
    MAX_LENGTH = 1 << 24

    def __init__(self, reactor, args, on_eof):
        self.reactor = reactor
        self.args = args
        self.on_eof = on_eof
        self.clients = {}

    def lineReceived(self, line):
        try:
            command = json.loads(line)
            self.run(command)
        except Exception as e:
            common.emit({"event": "error", "error": "%s: %s in %r" % (type(e).__name__, e, line)})

    def run(self, command):
        if "connect" in command:
            self.connect(command["connect"], command.get("delimiter", self.args.delimiter))
            return
        if "close" in command:
            client = self.clients[command["close"]]
            client.closing = True
            client.transport.loseConnection()
            return
        client = self.clients[command["conn"]]
        if "send_line" in command:
            client.sendLine(to_bytes(command["send_line"]))
        elif "send_lines" in command:
            client.transport.write(b"".join(to_bytes(line) + client.delimiter
                                            for line in command["send_lines"]))
        elif "send" in command:
            client.transport.write(to_bytes(command["send"]) * command.get("times", 1))
        else:
            raise ValueError("unknown command")

    def connect(self, name, delimiter):
        if name in self.clients:
            raise ValueError("connection %r exists already" % name)
        client = Client(name, to_bytes(delimiter))
        self.clients[name] = client
        endpoint = endpoints.TCP4ClientEndpoint(self.reactor, self.args.host, self.args.port,
                                                timeout=10)

        def made(_):
            client.transport.setTcpNoDelay(True)
            common.emit({"event": "connected", "conn": name})

        def failed(failure):
            del self.clients[name]
            common.emit({"event": "connect_failed", "conn": name,
                         "error": failure.getErrorMessage()})

        endpoints.connectProtocol(endpoint, client).addCallbacks(made, failed)

    def connectionLost(self, reason):
        self.on_eof()

    def close_all(self):
        """Closes every open connection; fires once all are closed."""
        waiting = []
        for client in self.clients.values():
            if not client.lost.called:
                if client.transport is not None:
                    client.closing = True
                    client.transport.loseConnection()
                waiting.append(client.lost)
        return defer.DeferredList(waiting)


async def run(reactor, args):
    eof = defer.Deferred()
    commands = Commands(reactor, args, lambda: eof.called or eof.callback(None))
    stdio.StandardIO(commands)
    await eof
    await commands.close_all().addTimeout(5, reactor)
    return 0


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--delimiter", choices=sorted(DELIMITERS), default="crlf",
                        help="the connections' line delimiter unless connect says (default crlf)")
    common.add_guard_arguments(parser)
    args = parser.parse_args()
    args.delimiter = DELIMITERS[args.delimiter]
    # stdin is the command channel: its end is the end, with or without --watch-stdin.
    args.watch_stdin = False
    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task

    task.react(main)
