"""
A Twisted web client, twisted.web.client.Agent with readBody, making the requests it is given
against a server (the jtwisted Site of the interop tests) and reporting what came back.

PLAN is a JSON list of requests, made one after the other on a persistent connection pool (so a
server that keeps connections alive serves them on one connection), or PARALLEL at a time:

    [{"method": "GET", "path": "/hello", "headers": {"name": ["value"]},
      "body": "text" or null, "body_size": n (n bytes of deterministic data instead)}, ...]

Prints one JSON line:

    {"ok": true, "responses": [{"code": 200, "phrase": "OK", "version": "HTTP/1.1",
      "headers": {"content-type": ["text/html"], ...}, "length": <body bytes>,
      "body": <the body as text if it is short UTF-8, else null>, "sha256": <hex of the body>,
      "sent_sha256": <hex of the request body sent, if any>}
      or {"error": "<what failed>"}, ...], "seconds": ...}

and exits 0 if every request got a response (whatever its status), 1 otherwise.

Usage: web_client.py BASE_URL PLAN [--parallel 1] [--seed 1] [--timeout 60] [--watch-stdin]
"""

import argparse
import hashlib
import io
import json
import time

from twisted.internet import defer
from twisted.web.client import Agent, FileBodyProducer, HTTPConnectionPool, readBody
from twisted.web.http_headers import Headers

import common


async def one(agent, base, spec, seed):
    method = spec.get("method", "GET").encode("ascii")
    url = (base + spec["path"]).encode("ascii")
    headers = Headers({k.encode(): [v.encode() for v in vs] for k, vs in spec.get("headers", {}).items()})
    producer = None
    sent = None
    if spec.get("body") is not None:
        sent = spec["body"].encode("utf-8")
    elif spec.get("body_size") is not None:
        sent = common.data_for(seed, spec["body_size"])
    if sent is not None:
        producer = FileBodyProducer(io.BytesIO(sent))
    try:
        response = await agent.request(method, url, headers, producer)
        body = await readBody(response)
    except Exception as e:
        return {"error": "%s: %s" % (type(e).__name__, e)}
    text = None
    if len(body) <= 4096:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    result = {"code": response.code, "phrase": response.phrase.decode("latin-1"),
            "version": "%s/%d.%d" % (response.version[0].decode(), response.version[1], response.version[2]),
            "headers": {k.decode("latin-1").lower(): [v.decode("latin-1") for v in vs]
                        for k, vs in response.headers.getAllRawHeaders()},
            "length": len(body), "body": text, "sha256": hashlib.sha256(body).hexdigest()}
    if sent is not None:
        result["sent_sha256"] = hashlib.sha256(sent).hexdigest()
    return result


async def run(reactor, args):
    started = time.monotonic()
    pool = HTTPConnectionPool(reactor, persistent=True)
    pool.maxPersistentPerHost = max(2, args.parallel)
    agent = Agent(reactor, pool=pool)
    plan = json.loads(args.plan)
    results = [None] * len(plan)
    semaphore = defer.DeferredSemaphore(args.parallel)

    async def slot(i, spec):
        await semaphore.acquire()
        try:
            results[i] = await one(agent, args.base_url, spec, args.seed + i)
        finally:
            semaphore.release()

    await defer.gatherResults([defer.ensureDeferred(slot(i, s)) for i, s in enumerate(plan)])
    await pool.closeCachedConnections()
    ok = all("error" not in r for r in results)
    common.emit({"ok": ok, "responses": results, "seconds": round(time.monotonic() - started, 3)})
    return 0 if ok else 1


def main(reactor):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("plan")
    parser.add_argument("--parallel", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    common.add_guard_arguments(parser)
    args = parser.parse_args()
    if args.parallel < 1:
        parser.error("--parallel must be at least 1: %d" % args.parallel)
    return common.run_client(reactor, args, run)


if __name__ == "__main__":
    from twisted.internet import task
    task.react(main)
