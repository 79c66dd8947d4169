package dev.jtwisted.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.Reactor;
import dev.jtwisted.internet.ReactorAlreadyRunning;
import dev.jtwisted.internet.ReactorNotRestartable;
import dev.jtwisted.internet.ReactorNotRunning;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.testing.LogCapture;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Running and stopping a reactor: Twisted's ReactorBase lifecycle and system event triggers. */
@Timeout(20)
class ReactorLifecycleTest {
    private final Reactors reactors = new Reactors();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void clearLog() {
        LogCapture.clear();
    }

    @AfterEach
    void stopReactors() throws Exception {
        reactors.close();
    }

    private void record(NettyReactor reactor, String phase, String event) {
        reactor.addSystemEventTrigger(phase, event, () -> {
            events.add(phase + " " + event + " running=" + reactor.running());
            return null;
        });
    }

    /** Runs {@code reactor.run()} on a thread of its own; returns that thread. */
    private static Thread runInBackground(NettyReactor reactor) {
        Thread t = new Thread(reactor::run, "test-run");
        t.start();
        return t;
    }

    @Nested
    class Startup {
        @Test // Twisted: test_core.SystemEventTestsBuilder.test_runAfterCrash's trigger order
        void runFiresTheStartupPhasesInOrderThenTheCallWhenRunningCalls() {
            NettyReactor reactor = reactors.create();
            record(reactor, "before", "startup");
            record(reactor, "during", "startup");
            record(reactor, "after", "startup");
            reactor.callWhenRunning(() -> events.add("whenRunning running=" + reactor.running()));
            reactor.callWhenRunning(reactor::stop);
            reactor.run();
            assertEquals(List.of("before startup running=false", "during startup running=true",
                    "after startup running=true", "whenRunning running=true"), events);
        }

        @Test
        void aDeferredFromABeforeTriggerHoldsTheRestOfStartupUntilItFires() throws Exception {
            NettyReactor reactor = reactors.create();
            reactor.addSystemEventTrigger("before", "startup", () -> {
                Deferred<Void> d = new Deferred<>();
                reactor.callLater(0.02, () -> {
                    events.add("fired");
                    d.callback(null);
                });
                return d;
            });
            record(reactor, "during", "startup");
            CountDownLatch ran = new CountDownLatch(1);
            reactor.callWhenRunning(ran::countDown);
            reactor.start();
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("fired", "during startup running=true"), events);
        }

        @Test
        void callWhenRunningOnARunningReactorCallsAtOnceOnTheReactorThread() throws Exception {
            NettyReactor reactor = reactors.started();
            CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
            reactor.callWhenRunning(() -> onLoop.complete(reactor.isInIOThread()));
            assertTrue(onLoop.get(5, TimeUnit.SECONDS));
        }

        @Test
        void startReturnsOnceRunning() {
            NettyReactor reactor = reactors.started();
            assertTrue(reactor.running());
        }
    }

    @Nested
    class BeforeRun {
        @Test
        void nothingRunsBeforeTheReactorDoesAndEverythingRunsAfterInTwistedsOrder() throws Exception {
            NettyReactor reactor = reactors.create();
            List<String> built = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch accepted = new CountDownLatch(1);
            ServerFactory factory = new ServerFactory() {
                @Override
                public IProtocol buildProtocol(IAddress addr) {
                    built.add("buildProtocol");
                    accepted.countDown();
                    return new Protocol();
                }
            };
            reactor.callLater(0, () -> events.add("timer"));
            reactor.callFromThread(() -> events.add("fromThread"));
            reactor.callWhenRunning(() -> events.add("whenRunning"));
            IListeningPort port = reactor.listenTCP(0, factory, 50, "127.0.0.1");
            assertEquals(1, factory.numPorts(), "doStart runs when listening starts");
            try (Socket early = new Socket("127.0.0.1", ((IPv4Address) port.getHost()).port())) {
                // The kernel completes the handshake into the backlog; the reactor accepts nothing.
                assertTrue(early.isConnected());
                reactor.mainLoop.submit(() -> { }).get(5, TimeUnit.SECONDS);
                assertEquals(List.of(), events);
                assertEquals(List.of(), built);
                reactor.start();
                assertTrue(accepted.await(5, TimeUnit.SECONDS));
                Reactors.on(reactor, () -> null);
                reactor.mainLoop.submit(() -> { }).get(5, TimeUnit.SECONDS);
            }
            CountDownLatch timer = new CountDownLatch(1);
            reactor.callLater(0, timer::countDown);
            assertTrue(timer.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("whenRunning", "fromThread", "timer"), events);
        }

        @Test
        void listenTCPBindsAtOnceAndFailsAtOnceOnAPortInUse() {
            NettyReactor reactor = reactors.create();
            IListeningPort first = reactor.listenTCP(0, ServerFactory.forProtocol(Protocol::new), 50, "127.0.0.1");
            int port = ((IPv4Address) first.getHost()).port();
            assertTrue(port > 0);
            CannotListenError e = assertThrows(CannotListenError.class,
                    () -> reactor.listenTCP(port, ServerFactory.forProtocol(Protocol::new), 50, "127.0.0.1"));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertNotNull(e.getCause());
        }

        @Test
        void listenTCPOnAnAddressNotOfThisMachineFailsNamingIt() {
            NettyReactor reactor = reactors.create();
            CannotListenError e = assertThrows(CannotListenError.class,
                    () -> reactor.listenTCP(0, ServerFactory.forProtocol(Protocol::new), 50, "192.0.2.1"));
            assertTrue(e.getMessage().contains("192.0.2.1"), e.getMessage());
        }
    }

    @Nested
    class Shutdown {
        @Test
        void stopFromAnotherThreadRunsTheShutdownPhasesAndRunReturns() throws Exception {
            NettyReactor reactor = reactors.create();
            record(reactor, "before", "shutdown");
            record(reactor, "during", "shutdown");
            record(reactor, "after", "shutdown");
            CountDownLatch running = new CountDownLatch(1);
            reactor.callWhenRunning(running::countDown);
            Thread runner = runInBackground(reactor);
            assertTrue(running.await(5, TimeUnit.SECONDS));
            reactor.stop();
            runner.join(10_000);
            assertFalse(runner.isAlive(), "run() did not return");
            assertEquals(List.of("before shutdown running=true", "during shutdown running=false",
                    "after shutdown running=false"), events);
            assertTrue(reactor.isTerminated());
        }

        @Test
        void aDeferredFromABeforeShutdownTriggerHoldsTheDuringPhase() throws Exception {
            NettyReactor reactor = reactors.started();
            reactor.addSystemEventTrigger("before", "shutdown", () -> {
                Deferred<Void> d = new Deferred<>();
                reactor.callLater(0.05, () -> {
                    events.add("goodbye sent");
                    d.callback(null);
                });
                return d;
            });
            record(reactor, "during", "shutdown");
            Reactors.stopAndWait(reactor);
            assertEquals(List.of("goodbye sent", "during shutdown running=false"), events);
        }

        @Test
        void whenStoppedCompletesAfterTheAfterTriggers() throws Exception {
            NettyReactor reactor = reactors.started();
            record(reactor, "after", "shutdown");
            CompletableFuture<Void> stopped = reactor.whenStopped();
            assertFalse(stopped.isDone());
            reactor.stop();
            stopped.get(10, TimeUnit.SECONDS);
            assertEquals(1, events.size());
        }

        @Test
        void delayedCallsDoNotRunAfterShutdownBegins() throws Exception {
            NettyReactor reactor = reactors.started();
            reactor.addSystemEventTrigger("during", "shutdown", () -> {
                reactor.callLater(0, () -> events.add("late timer"));
                return null;
            });
            Reactors.stopAndWait(reactor);
            assertEquals(List.of(), events);
        }
    }

    @Nested
    class Errors {
        @Test // Twisted: test_core.ReactorTests.test_stopWhenNotStarted
        void stopBeforeRunRaisesReactorNotRunning() {
            NettyReactor reactor = reactors.create();
            assertThrows(ReactorNotRunning.class, reactor::stop);
        }

        @Test // Twisted: test_core.ReactorTests.test_stopWhenAlreadyStopped
        void stopTwiceRaisesReactorNotRunning() throws Exception {
            NettyReactor reactor = reactors.started();
            reactor.stop();
            assertThrows(ReactorNotRunning.class, reactor::stop);
            assertTrue(reactor.awaitTermination(Duration.ofSeconds(10)));
        }

        @Test
        void runOnARunningReactorRaisesReactorAlreadyRunning() throws Exception {
            NettyReactor reactor = reactors.started();
            CompletableFuture<Throwable> raised = new CompletableFuture<>();
            reactor.callFromThread(() -> {
                try {
                    reactor.run();
                    raised.complete(null);
                } catch (Throwable t) {
                    raised.complete(t);
                }
            });
            assertInstanceOf(ReactorAlreadyRunning.class, raised.get(5, TimeUnit.SECONDS));
            assertThrows(ReactorAlreadyRunning.class, reactor::start);
        }

        @Test // Twisted: test_core.ReactorTests.test_runAfterStop (ReactorNotRestartable)
        void runAfterStopRaisesReactorNotRestartable() throws Exception {
            NettyReactor reactor = reactors.started();
            Reactors.stopAndWait(reactor);
            assertThrows(ReactorNotRestartable.class, reactor::run);
            assertThrows(ReactorNotRestartable.class, reactor::start);
        }

        @Test
        void anExceptionInATriggerIsLoggedAndTheOtherTriggersStillRun() throws Exception {
            NettyReactor reactor = reactors.create();
            reactor.addSystemEventTrigger("before", "startup", () -> {
                throw new IllegalStateException("bad trigger");
            });
            record(reactor, "before", "startup");
            reactor.start();
            assertEquals(List.of("before startup running=false"), events);
            assertEquals(1, LogCapture.containing("failed; the startup event goes on").size(), LogCapture.events().toString());
        }

        @Test
        void anExceptionFromCallFromThreadIsLoggedAndTheReactorGoesOn() throws Exception {
            NettyReactor reactor = reactors.started();
            reactor.callFromThread(() -> {
                throw new IllegalStateException("bad call");
            });
            assertEquals("still here", Reactors.on(reactor, () -> "still here"));
            assertEquals(1, LogCapture.containing("unhandled error in").size(), LogCapture.events().toString());
        }
    }

    @Nested
    class Triggers {
        @Test // Twisted: test_internet.SystemEventTests.test_removeSystemEventTrigger
        void aRemovedTriggerDoesNotRun() {
            NettyReactor reactor = reactors.create();
            Object id = reactor.addSystemEventTrigger("before", "custom", () -> events.add("removed"));
            record(reactor, "before", "custom");
            reactor.removeSystemEventTrigger(id);
            reactor.fireSystemEvent("custom");
            assertEquals(List.of("before custom running=false"), events);
            assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(id));
        }

        @Test
        void anUnknownPhaseIsRefused() {
            NettyReactor reactor = reactors.create();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> reactor.addSystemEventTrigger("sometime", "startup", () -> null));
            assertTrue(e.getMessage().contains("sometime"), e.getMessage());
        }

        @Test
        void aCustomEventRunsItsPhasesInOrder() {
            NettyReactor reactor = reactors.create();
            record(reactor, "after", "custom");
            record(reactor, "during", "custom");
            record(reactor, "before", "custom");
            reactor.fireSystemEvent("custom");
            assertEquals(List.of("before custom running=false", "during custom running=false",
                    "after custom running=false"), events);
        }
    }

    @Nested
    class LibraryUse {
        @Test
        void independentReactorsRunOnTheirOwnThreadsAndStopSeparately() throws Exception {
            NettyReactor one = reactors.started(NettyReactor.builder().name("one"));
            NettyReactor two = reactors.started(NettyReactor.builder().name("two"));
            Thread t1 = Reactors.on(one, Thread::currentThread);
            Thread t2 = Reactors.on(two, Thread::currentThread);
            assertNotSame(t1, t2);
            assertTrue(t1.getName().startsWith("one-loop-"), t1.getName());
            Reactors.stopAndWait(one);
            assertTrue(two.running());
            assertEquals("alive", Reactors.on(two, () -> "alive"));
        }

        @Test
        void theGlobalReactorIsANettyReactorFromTheServiceLoader() {
            assertInstanceOf(NettyReactor.class, Reactor.reactor());
        }

        @Test
        void theBackendComesFromTheSystemProperty() {
            String old = System.getProperty(IoBackend.PROPERTY);
            try {
                System.setProperty(IoBackend.PROPERTY, "nio");
                assertEquals(IoBackend.NIO, reactors.create().backend());
                System.setProperty(IoBackend.PROPERTY, "kqueue");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, IoBackend::fromSystemProperty);
                assertTrue(e.getMessage().contains("kqueue"), e.getMessage());
            } finally {
                if (old == null) {
                    System.clearProperty(IoBackend.PROPERTY);
                } else {
                    System.setProperty(IoBackend.PROPERTY, old);
                }
            }
        }

        @Test
        void theChosenBackendIsLogged() {
            reactors.create(NettyReactor.builder().backend(IoBackend.NIO).name("logged"));
            assertEquals(1, LogCapture.containing("Reactor logged on NIO").size(), LogCapture.events().toString());
        }
    }
}
