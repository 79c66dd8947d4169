"""
A Twisted Site for the jtwisted HTTP client (Agent) to fetch: /hello, /echo (POST: answers the
body), /big?n=N (N pseudo-random bytes, seed 7, written in 64 KiB pieces: chunked; their
SHA-256 in X-Sha256), /redirect
(302 to /hello), /connections (how many connections this site has accepted so far). Listens on
the endpoint given (tcp:0:interface=127.0.0.1 by default; an ssl: one for HTTPS) and prints

    LISTENING <port>

once the port is bound.

Usage: agent_target.py [--endpoint DESCRIPTION] [--timeout 60] [--watch-stdin]
"""

import argparse
import hashlib

from twisted.internet import endpoints, reactor
from twisted.web import resource, server, util

import common

CONNECTIONS = [0]


class Hello(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        request.setHeader(b"x-python", b"twisted")
        return b"hello"


class Echo(resource.Resource):
    isLeaf = True

    def render_POST(self, request):
        request.setHeader(b"content-type", b"application/octet-stream")
        return request.content.read()


class Big(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        n = int(request.args.get(b"n", [b"1048576"])[0])
        data = common.data_for(7, n)
        request.setHeader(b"x-sha256", hashlib.sha256(data).hexdigest().encode("ascii"))
        for i in range(0, n, 65536):
            request.write(data[i:i + 65536])
        request.finish()
        return server.NOT_DONE_YET


class Connections(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        return str(CONNECTIONS[0]).encode("ascii")


class CountingSite(server.Site):
    def buildProtocol(self, addr):
        CONNECTIONS[0] += 1
        return server.Site.buildProtocol(self, addr)

    def log(self, request):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--endpoint", default="tcp:0:interface=127.0.0.1")
    common.add_guard_arguments(parser)
    args = parser.parse_args()

    root = resource.Resource()
    root.putChild(b"hello", Hello())
    root.putChild(b"echo", Echo())
    root.putChild(b"big", Big())
    root.putChild(b"redirect", util.Redirect(b"/hello"))
    root.putChild(b"connections", Connections())
    site = CountingSite(root)

    def listening(port):
        print("LISTENING %d" % port.getHost().port, flush=True)

    def failed(f):
        common.emit({"ok": False, "error": f.getErrorMessage()})
        reactor.stop()

    endpoints.serverFromString(reactor, args.endpoint).listen(site).addCallbacks(listening, failed)
    common.install_guards(reactor, args, lambda why: reactor.stop())
    reactor.run()


if __name__ == "__main__":
    main()
