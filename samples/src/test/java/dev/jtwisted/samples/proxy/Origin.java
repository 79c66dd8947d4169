package dev.jtwisted.samples.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.netty.NettyReactor;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web site the proxies fetch from in the tests, on its own reactor on 127.0.0.1, port 0:
 * {@code /page} answers a fixed body, {@code /slow} waits until {@link #release()},
 * {@code /flaky} fails with 500 the first time and works after, anything else is 404.
 * Counts the requests each path got.
 */
final class Origin implements AutoCloseable {
    static final String PAGE = "<html>the page</html>";

    private final NettyReactor reactor = NettyReactor.builder().name("origin").build();
    private final List<IRequest> held = new ArrayList<>();
    private final AtomicInteger pageHits = new AtomicInteger();
    private final AtomicInteger slowHits = new AtomicInteger();
    private final AtomicInteger flakyHits = new AtomicInteger();
    private final CompletableFuture<Void> slowRequested = new CompletableFuture<>();
    private final int port;

    Origin() {
        Resource root = new Resource();
        root.putChild("page", new Leaf(request -> {
            pageHits.incrementAndGet();
            return PAGE.getBytes(UTF_8);
        }));
        root.putChild("slow", new Leaf(request -> {
            slowHits.incrementAndGet();
            held.add(request);
            slowRequested.complete(null);
            return Server.NOT_DONE_YET;
        }));
        root.putChild("flaky", new Leaf(request -> {
            if (flakyHits.incrementAndGet() == 1) {
                request.setResponseCode(500);
                return "try again".getBytes(UTF_8);
            }
            return "steady now".getBytes(UTF_8);
        }));
        port = ((IPv4Address) reactor.listenTCP(0, new Site(root), 50, "127.0.0.1").getHost()).port();
        reactor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    int port() {
        return port;
    }

    int pageHits() {
        return pageHits.get();
    }

    /** Completes when {@code /slow} gets its first request. */
    CompletableFuture<Void> slowRequested() {
        return slowRequested;
    }

    int slowHits() {
        return slowHits.get();
    }

    /** Answers every request held by {@code /slow} with {@code body}. */
    void release(String body) {
        reactor.callFromThread(() -> {
            for (IRequest request : held) {
                request.write(body.getBytes(UTF_8));
                request.finish();
            }
            held.clear();
        });
    }

    @Override
    public void close() {
        reactor.close();
    }

    private interface Renderer {
        byte[] render(IRequest request);
    }

    private static final class Leaf extends Resource {
        private final Renderer renderer;

        Leaf(Renderer renderer) {
            this.renderer = renderer;
            isLeaf = true;
        }

        byte[] render_GET(IRequest request) {
            return renderer.render(request);
        }
    }
}
