"""
A Twisted web server: a Site whose /hello resource answers GET with b"hello", the Python row of
the web benchmark (benchmarks/web.sh). Listens on 127.0.0.1, port 0 unless told otherwise, and
prints

    LISTENING <port>

once the port is bound. The access log is off unless --access-log is given, as for the other
rows of the benchmark (Twisted would otherwise format a log line per request for its default
log observer).

Usage: web_server.py [--host 127.0.0.1] [--port 0] [--access-log] [--timeout 60] [--watch-stdin]
"""

import argparse

from twisted.internet import endpoints, reactor
from twisted.web import resource, server

import common


class Hello(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        return b"hello"


class QuietSite(server.Site):
    def log(self, request):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--access-log", action="store_true")
    common.add_guard_arguments(parser)
    args = parser.parse_args()

    root = resource.Resource()
    root.putChild(b"hello", Hello())
    site = server.Site(root) if args.access_log else QuietSite(root)
    endpoint = endpoints.TCP4ServerEndpoint(reactor, args.port, backlog=1024, interface=args.host)

    def listening(port):
        print("LISTENING %d" % port.getHost().port, flush=True)

    def failed(f):
        common.emit({"ok": False, "error": f.getErrorMessage()})
        reactor.stop()

    endpoint.listen(site).addCallbacks(listening, failed)
    common.install_guards(reactor, args, lambda why: reactor.stop())
    reactor.run()


if __name__ == "__main__":
    main()
