package dev.jtwisted.netty;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.threads.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Makes reactors for a test and stops whatever is left running after it. */
final class Reactors implements AutoCloseable {
    private final List<NettyReactor> made = new ArrayList<>();

    NettyReactor create() {
        return create(NettyReactor.builder());
    }

    NettyReactor create(NettyReactor.Builder builder) {
        NettyReactor reactor = builder.shutdownGracePeriod(Duration.ofSeconds(2)).build();
        made.add(reactor);
        return reactor;
    }

    NettyReactor started() {
        return started(NettyReactor.builder());
    }

    NettyReactor started(NettyReactor.Builder builder) {
        NettyReactor reactor = create(builder);
        reactor.start();
        return reactor;
    }

    /** Runs {@code f} on the reactor's main loop and returns its result (or its Deferred's). */
    static <T> T on(NettyReactor reactor, Callable<T> f) throws Exception {
        return Threads.blockingCallFromThread(reactor, f);
    }

    /** Runs {@code f} on the reactor's main loop and returns the result of the Deferred it returns. */
    static <T> T onDeferred(NettyReactor reactor, Callable<? extends Deferred<? extends T>> f) throws Exception {
        return Threads.blockingCallFromThreadDeferring(reactor, f);
    }

    static void stopAndWait(NettyReactor reactor) throws InterruptedException {
        reactor.stop();
        if (!reactor.awaitTermination(Duration.ofSeconds(10))) {
            throw new AssertionError(reactor + " did not stop within 10 s");
        }
    }

    @Override
    public void close() {
        for (NettyReactor reactor : made) {
            reactor.close();
        }
    }
}
