package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.endpoints.TCP4ServerEndpoint;
import dev.jtwisted.internet.testing.MemoryReactor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContextTest {
    private final Captured io = new Captured();
    private final MemoryReactor reactor = new MemoryReactor();
    private int reactorsMade;
    private final Context context = io.context("echo", () -> {
        reactorsMade++;
        return reactor;
    });
    private final Factory factory = Factory.forProtocol(Protocol::new);

    @Nested
    class TheReactor {
        @Test
        void isAskedForOnlyWhenTheSampleFirstWantsIt() {
            assertEquals(0, reactorsMade);
            assertSame(reactor, context.reactor());
            assertSame(reactor, context.reactor());
            assertEquals(1, reactorsMade);
        }

        @Test
        void isAnErrorWhenWhoeverRunsTheSampleHasNone() {
            Context none = io.context("echo", Captured.NO_REACTOR);
            var e = assertThrows(IllegalStateException.class, none::reactor);
            assertEquals("this test gives the sample no reactor", e.getMessage());
        }
    }

    @Nested
    class Serving {
        @Test
        void listensWithTheFactoryOnTheEndpointAndRunsTheReactorUntilItStops() throws Exception {
            context.serve(new TCP4ServerEndpoint(reactor, 8000, 50, "127.0.0.1"), factory);
            assertEquals(List.of(new MemoryReactor.TCPServer(8000, factory, 50, "127.0.0.1")), reactor.tcpServers());
            assertTrue(reactor.hasRun());
            assertTrue(reactor.hasStopped());
        }

        @Test
        void stopsListeningBeforeTheReactorShutsDown() throws Exception {
            List<Boolean> stoppedBeforeShutdown = new ArrayList<>();
            reactor.addSystemEventTrigger("during", "shutdown",
                    () -> stoppedBeforeShutdown.add(reactor.ports().get(0).stopped()));
            context.serve(new TCP4ServerEndpoint(reactor, 8000, 50, "127.0.0.1"), factory);
            assertEquals(List.of(true), stoppedBeforeShutdown);
        }

        @Test
        void printsOneLineWithTheBoundAddressBeforeTheReactorRuns() throws Exception {
            AtomicReference<String> printedWhenRunning = new AtomicReference<>();
            reactor.callWhenRunning(() -> printedWhenRunning.set(io.out()));
            context.serve(new TCP4ServerEndpoint(reactor, 8000, 50, "127.0.0.1"), factory);
            assertEquals("echo listening on 127.0.0.1:8000\n", printedWhenRunning.get());
            assertEquals("echo listening on 127.0.0.1:8000\n", io.out());
            assertEquals("", io.err());
        }

        @Test
        void printsTheLinesEachPortAddsFromItsBoundAddressRightAfterItsListeningLine() throws Exception {
            context.serve(dev.jtwisted.samples.Serving
                    .listen("chat", new TCP4ServerEndpoint(reactor, 8000, 50, "127.0.0.1"), factory)
                    .followedBy(address -> "connect to " + Listening.hostAndPort(address))
                    .followedBy(address -> "or telnet")
                    .and("chat-api", new TCP4ServerEndpoint(reactor, 8001, 50, "127.0.0.1"), factory)
                    .followedBy(address -> "dashboard at " + Listening.hostAndPort(address)));
            assertEquals("""
                    chat listening on 127.0.0.1:8000
                    connect to 127.0.0.1:8000
                    or telnet
                    chat-api listening on 127.0.0.1:8001
                    dashboard at 127.0.0.1:8001
                    """, io.out());
        }

        @Test
        void printsAnIpv6HostInBrackets() throws Exception {
            context.serve(new TCP4ServerEndpoint(reactor, 8000, 50, "::1"), factory);
            assertEquals("echo listening on [::1]:8000\n", io.out());
        }

        @Test
        void throwsWhyItCouldNotListenAndDoesNotRunTheReactor() {
            CannotListenError inUse = new CannotListenError("Couldn't listen on 127.0.0.1:8000: Address already in use.");
            reactor.setListenException(inUse);
            var e = assertThrows(CannotListenError.class,
                    () -> context.serve(new TCP4ServerEndpoint(reactor, 8000, 50, "127.0.0.1"), factory));
            assertSame(inUse, e);
            assertFalse(reactor.hasRun());
            assertEquals("", io.out());
        }

        @Test
        void stopsTheReactorAndThrowsWhenTheListenFailsOnceItRuns() {
            CannotListenError late = new CannotListenError("the address went away");
            IStreamServerEndpoint failsOnceRunning = f -> {
                Deferred<IListeningPort> d = new Deferred<>();
                reactor.callWhenRunning(() -> d.errback(late));
                return d;
            };
            var e = assertThrows(CannotListenError.class, () -> context.serve(failsOnceRunning, factory));
            assertSame(late, e);
            assertTrue(reactor.hasStopped());
            assertFalse(reactor.running());
            assertEquals("", io.out());
        }
    }
}
