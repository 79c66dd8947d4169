#!/usr/bin/python3
"""
Records how Twisted's own twisted.protocols.basic receivers react to random, often malformed,
input cut into random chunks, so that TwistedTracesTest can replay the same input into the Java
receivers and demand the same events, byte for byte.

Run with the Twisted to match (22.4 for jtwisted), from the repository root:

    /usr/bin/python3 twisted-api/src/test/python/basic_traces.py \
        > twisted-api/src/test/resources/dev/jtwisted/protocols/basic/twisted-traces.txt

Trace format, one item per line, bytes in hex ("-" for none):

    case <kind> <seed> max=<MAX_LENGTH> delim=<hex> closes=<0|1>
    > <hex>              feed this chunk to dataReceived
    < <event> [<hex>]    what happened, in order, since the previous chunk
    end

Events: line, raw, exceeded, cleared, string (payloads); limit <decimal>; lose (the receiver
called transport.loseConnection); error (dataReceived raised); resume (the driver resumed a
receiver paused at the end of a chunk); broken (NetstringReceiver.brokenPeer, at the end).

The receivers act on payloads starting with "!": !R<n> raw mode for n bytes, !C clearLineBuffer,
!Q loseConnection, !D<k> delimiter k (1 "\\n", 2 "\\r\\n", 3 "ab"), !M<n> MAX_LENGTH n,
!P pauseProducing, !E raise, !F dataReceived(b"1:z,") from stringReceived.
"""

import random
import struct
import sys

import twisted
from twisted.internet.testing import StringTransport
from twisted.protocols import basic

DELIMS = {b"1": b"\n", b"2": b"\r\n", b"3": b"ab"}


class Transport(StringTransport):
    def __init__(self, events):
        StringTransport.__init__(self, lenient=True)
        self.events = events

    def loseConnection(self):
        self.events.append(("lose", None))
        StringTransport.loseConnection(self)


def command(proto, payload):
    """Acts on a payload's command, if it is one this kind of receiver handles."""
    if not payload.startswith(b"!"):
        return
    c, arg = payload[1:2], payload[2:]
    if c == b"Q":
        proto.transport.loseConnection()
    elif c == b"E":
        raise RuntimeError("boom")
    elif c == b"M" and arg.isdigit():
        proto.MAX_LENGTH = int(arg)
    elif c == b"D" and arg in DELIMS and hasattr(proto, "delimiter"):
        proto.delimiter = DELIMS[arg]
    elif c == b"P" and hasattr(proto, "pauseProducing"):
        proto.pauseProducing()
    elif c == b"C" and hasattr(proto, "clearLineBuffer"):
        proto.events.append(("cleared", proto.clearLineBuffer()))
    elif c == b"R" and arg.isdigit() and hasattr(proto, "setRawMode"):
        proto.remaining = int(arg)
        proto.setRawMode()
    elif c == b"F" and hasattr(proto, "sendString"):
        proto.dataReceived(b"1:z,")


class LR(basic.LineReceiver):
    remaining = 0

    def lineReceived(self, line):
        self.events.append(("line", line))
        command(self, line)

    def rawDataReceived(self, data):
        take = data[: self.remaining]
        self.remaining -= len(take)
        self.events.append(("raw", take))
        if self.remaining == 0:
            self.setLineMode(data[len(take) :])

    def lineLengthExceeded(self, line):
        self.events.append(("exceeded", line))
        if self.closes:
            basic.LineReceiver.lineLengthExceeded(self, line)


class LO(basic.LineOnlyReceiver):
    def lineReceived(self, line):
        self.events.append(("line", line))
        command(self, line)

    def lineLengthExceeded(self, line):
        self.events.append(("exceeded", line))
        if self.closes:
            basic.LineOnlyReceiver.lineLengthExceeded(self, line)


class NS(basic.NetstringReceiver):
    def stringReceived(self, string):
        self.events.append(("string", string))
        command(self, string)


def intN(base):
    class I(base):
        def stringReceived(self, string):
            self.events.append(("string", string))
            command(self, string)

        def lengthLimitExceeded(self, length):
            self.events.append(("limit", length))
            if self.closes:
                base.lengthLimitExceeded(self, length)

    return I


KINDS = {
    "LR": LR,
    "LO": LO,
    "NS": NS,
    "I1": intN(basic.Int8StringReceiver),
    "I2": intN(basic.Int16StringReceiver),
    "I4": intN(basic.Int32StringReceiver),
}

JUNK = b"abxyz0123456789:,\r\n|"


def junk(rng, n):
    return bytes(rng.choice(JUNK) for _ in range(n))


def line_input(rng, kind):
    cmds = [b"!Q", b"!M%d" % rng.randint(0, 60), b"!D1", b"!D2", b"!D3"]
    if kind == "LR":
        cmds += [b"!C", b"!P", b"!P", b"!R%d" % rng.randint(0, 12), b"!R%d" % rng.randint(0, 4)]
        cmds += [b"!R%d" % rng.randint(0, 30)]
    parts = []
    for _ in range(rng.randint(1, 14)):
        r = rng.random()
        if r < 0.02:
            parts.append(b"!E")
        elif r < 0.25:
            parts.append(rng.choice(cmds))
        elif r < 0.3:
            parts.append(junk(rng, rng.randint(20, 60)))
        else:
            parts.append(junk(rng, rng.randint(0, 10)))
        parts.append(rng.choice([b"\r\n", b"\r\n", b"\r\n", b"\n", b"ab", b"\r", b""]))
    return b"".join(parts)


def netstring_input(rng):
    parts = []
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        payload = rng.choice([junk(rng, rng.randint(0, 12))] * 6 + [b"!Q", b"!E", b"!F", b""])
        if r < 0.75:
            parts.append(b"%d:%s," % (len(payload), payload))
        elif r < 0.8:
            parts.append(b"%d:%s%s" % (len(payload), payload, junk(rng, 1)))
        elif r < 0.85:
            parts.append(b"0%d:%s," % (len(payload), payload))
        elif r < 0.9:
            parts.append(b"%d\n" % rng.randint(0, 99))
        elif r < 0.95:
            parts.append(b"%d:" % rng.choice([51, 99, 100, 12345, 10 ** 12]))
        else:
            parts.append(junk(rng, rng.randint(1, 5)))
    return b"".join(parts)


def intn_input(rng, fmt):
    parts = []
    for _ in range(rng.randint(1, 8)):
        payload = rng.choice([junk(rng, rng.randint(0, 12))] * 6 + [b"!Q", b"!E", b"!P", b"!P", b""])
        length = len(payload) if rng.random() < 0.9 else rng.randint(0, 255)
        parts.append(struct.pack(fmt, length) + payload)
    return b"".join(parts)


FORMATS = {"I1": "!B", "I2": "!H", "I4": "!I"}


def run(kind, seed, out):
    rng = random.Random("%s-%d" % (kind, seed))
    if kind in ("LR", "LO"):
        data = line_input(rng, kind)
        maxLength = rng.randint(0, 12) if rng.random() < 0.25 else rng.randint(12, 70)
    elif kind == "NS":
        data = netstring_input(rng)
        maxLength = rng.randint(1, 60)
    else:
        data = intn_input(rng, FORMATS[kind])
        maxLength = rng.choice([rng.randint(0, 12), 50, 300])
    delim = rng.choice([b"\r\n", b"\n", b"ab"])
    closes = int(rng.random() < 0.3)

    proto = KINDS[kind]()
    proto.events = []
    proto.closes = closes
    proto.MAX_LENGTH = maxLength
    if kind in ("LR", "LO"):
        proto.delimiter = delim
    proto.makeConnection(Transport(proto.events))
    proto.events.clear()

    out.append(
        "case %s %d max=%d delim=%s closes=%d" % (kind, seed, maxLength, delim.hex(), closes)
    )
    i = 0
    stop = False
    while i < len(data) and not stop:
        n = rng.choice([1, 1, 2, 3, 5, 8, 13, 100])
        chunk = data[i : i + n]
        i += n
        out.append("> " + (chunk.hex() or "-"))
        try:
            proto.dataReceived(chunk)
        except RuntimeError:
            proto.events.append(("error", None))
        if getattr(proto, "paused", False) and proto.transport.producerState != "stopped":
            proto.events.append(("resume", None))
            try:
                proto.resumeProducing()
            except RuntimeError:
                proto.events.append(("error", None))
        for name, value in proto.events:
            if kind in FORMATS and name in ("limit", "error"):
                # After a refused prefix or an exception, Twisted's IntNStringReceiver delivers
                # the strings already delivered again on the next dataReceived; jtwisted does
                # not, so the trace stops here.
                stop = True
            if name == "limit":
                out.append("< limit %d" % value)
            elif value is None:
                out.append("< " + name)
            else:
                out.append("< %s %s" % (name, value.hex() or "-"))
        proto.events.clear()
    if kind == "NS":
        out.append("< broken %d" % proto.brokenPeer)
    out.append("end")


def main():
    out = ["# Generated by basic_traces.py with Twisted %s; do not edit." % twisted.__version__]
    for kind in KINDS:
        for seed in range(500 if kind in ("LR", "LO") else 250):
            run(kind, seed, out)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
