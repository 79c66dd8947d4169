package dev.jtwisted.internet.testing;

import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ProcessExitedAlready;
import dev.jtwisted.internet.ProcessProtocol;
import dev.jtwisted.internet.ProcessTerminated;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ReactorAlreadyRunning;
import dev.jtwisted.internet.ReactorNotRestartable;
import dev.jtwisted.internet.ReactorNotRunning;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.CertificateOptions;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ports the behaviours of Twisted's {@code MemoryReactor} and {@code MemoryReactorClock}, and of
 * the system event tests the memory reactor must pass like a real one: {@code
 * test_internet.ThreePhaseEventTests}, {@code test_internet.SystemEventTests} and
 * {@code test_core.SystemEventTestsBuilder}.
 */
class MemoryReactorTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void clearLogs() {
        LogCapture.clear();
    }

    private Object trigger(String phase, String eventType, String record) {
        return reactor.addSystemEventTrigger(phase, eventType, () -> events.add(record));
    }

    @Nested
    class Recording {
        private final ServerFactory serverFactory = ServerFactory.forProtocol(Protocol::new);
        private final ClientFactory clientFactory = new ClientFactory() {
            @Override
            public void startedConnecting(IConnector connector) {
                events.add("startedConnecting " + connector.getDestination());
            }
        };

        @Test
        void isAReactor() {
            assertInstanceOf(IReactor.class, reactor);
            assertInstanceOf(MemoryReactor.class, new MemoryReactorClock());
        }

        @Test
        void listenTCPRecordsItsArgumentsAndReturnsAPortOnAllIPv4Interfaces() {
            IListeningPort port = reactor.listenTCP(8000, serverFactory, 50, "");

            assertEquals(List.of(new MemoryReactor.TCPServer(8000, serverFactory, 50, "")), reactor.tcpServers());
            assertEquals(new IPv4Address("TCP", "0.0.0.0", 8000), port.getHost());
            assertEquals(List.of(port), reactor.ports());
        }

        @Test
        void theDefaultListenTCPRecordsBacklog50OnAllInterfaces() {
            reactor.listenTCP(0, serverFactory);
            assertEquals(new MemoryReactor.TCPServer(0, serverFactory, 50, ""), reactor.tcpServers().get(0));
        }

        @Test
        void aPortReportsTheIPv4InterfaceItWasGiven() {
            IListeningPort port = reactor.listenTCP(80, serverFactory, 50, "127.0.0.1");
            assertEquals(new IPv4Address("TCP", "127.0.0.1", 80), port.getHost());
        }

        @Test
        void aPortOnAnIPv6InterfaceReportsAnIPv6Address() {
            IListeningPort port = reactor.listenTCP(80, serverFactory, 5, "::1");
            assertEquals(new IPv6Address("TCP", "::1", 80), port.getHost());
        }

        @Test
        void stopListeningFiresAndIsRecorded() {
            MemoryReactor.FakePort port = (MemoryReactor.FakePort) reactor.listenTCP(80, serverFactory);
            assertFalse(port.stopped());

            assertNull(successResultOf(port.stopListening()));
            assertTrue(port.stopped());
            successResultOf(port.stopListening());
            assertEquals(2, port.stopListeningCalls());
        }

        @Test
        void connectTCPRecordsItsArgumentsAndTellsTheFactoryItStartedConnecting() {
            IPv4Address bind = new IPv4Address("TCP", "127.0.0.1", 0);
            IConnector connector = reactor.connectTCP("example.com", 80, clientFactory, 10, bind);

            assertEquals(List.of(new MemoryReactor.TCPClient("example.com", 80, clientFactory, 10, bind)),
                    reactor.tcpClients());
            assertEquals(new IPv4Address("TCP", "example.com", 80), connector.getDestination());
            assertEquals(List.of("startedConnecting " + connector.getDestination()), events);
            assertEquals(List.of(connector), reactor.connectors());
        }

        @Test
        void aConnectorToAnIPv6AddressHasAnIPv6Destination() {
            IConnector connector = reactor.connectTCP("::1", 80, clientFactory);
            assertEquals(new IPv6Address("TCP", "::1", 80), connector.getDestination());
            assertEquals(30.0, reactor.tcpClients().get(0).timeout());
        }

        @Test
        void aConnectorRecordsWhatItIsAskedToDoAndDoesNothingElse() {
            MemoryReactor.FakeConnector connector =
                    (MemoryReactor.FakeConnector) reactor.connectTCP("h", 1, clientFactory);
            assertFalse(connector.stoppedConnecting());
            assertFalse(connector.disconnected());

            connector.stopConnecting();
            connector.disconnect();
            connector.connect();
            connector.connect();

            assertTrue(connector.stoppedConnecting());
            assertTrue(connector.disconnected());
            assertEquals(2, connector.connectCalls());
            assertEquals(1, reactor.tcpClients().size());
        }

        @Test
        void aTestSettlesAConnectionAttemptThroughTheRecordedFactory() {
            List<Object> failures = new ArrayList<>();
            ClientFactory factory = new ClientFactory() {
                @Override
                public void clientConnectionFailed(IConnector connector, dev.jtwisted.python.failure.Failure reason) {
                    failures.add(reason.value());
                }
            };
            reactor.connectTCP("h", 1, factory);
            MemoryReactor.TCPClient call = reactor.tcpClients().get(0);
            ConnectionRefusedError refused = new ConnectionRefusedError("refused");

            call.factory().clientConnectionFailed(reactor.connectors().get(0),
                    new dev.jtwisted.python.failure.Failure(refused));

            assertEquals(List.of(refused), failures);
        }

        @Test // Twisted: RaisingMemoryReactor
        void aListenExceptionIsThrownByEveryListenTCPUntilCleared() {
            CannotListenError error = new CannotListenError("port 80 in use");
            reactor.setListenException(error);

            assertSame(error, assertThrows(CannotListenError.class, () -> reactor.listenTCP(80, serverFactory)));
            assertSame(error, assertThrows(CannotListenError.class, () -> reactor.listenTCP(81, serverFactory)));
            assertEquals(List.of(), reactor.tcpServers());

            reactor.setListenException(null);
            reactor.listenTCP(82, serverFactory);
            assertEquals(1, reactor.tcpServers().size());
        }

        @Test // Twisted: RaisingMemoryReactor
        void aConnectExceptionIsThrownByEveryConnectTCPUntilCleared() {
            ConnectionRefusedError error = new ConnectionRefusedError("no");
            reactor.setConnectException(error);

            assertSame(error, assertThrows(ConnectionRefusedError.class,
                    () -> reactor.connectTCP("h", 1, clientFactory)));
            assertEquals(List.of(), reactor.tcpClients());
            assertEquals(List.of(), events);

            reactor.setConnectException(null);
            reactor.connectTCP("h", 1, clientFactory);
            assertEquals(1, reactor.tcpClients().size());
        }

        @Test
        void theRecordingsAreReadOnly() {
            assertThrows(UnsupportedOperationException.class, () -> reactor.tcpServers().clear());
            assertThrows(UnsupportedOperationException.class, () -> reactor.tcpClients().clear());
        }
    }

    @Nested
    class UNIX {
        @Test // Twisted: MemoryReactorTests.test_listenUNIX... (unixServers)
        void recordsListenUNIXAndReturnsAPortAtThatPath() {
            ServerFactory factory = ServerFactory.forProtocol(Protocol::new);
            IListeningPort port = reactor.listenUNIX("/tmp/s.sock", factory, 5, 0600, true);
            assertEquals(List.of(new MemoryReactor.UNIXServer("/tmp/s.sock", factory, 5, 0600, true)),
                    reactor.unixServers());
            assertEquals(new UNIXAddress("/tmp/s.sock"), port.getHost());
            assertSame(port, reactor.unixPorts().get(0));
            assertTrue(reactor.tcpServers().isEmpty());
        }

        @Test // Twisted: MemoryReactorTests.test_connectUNIX... (unixClients)
        void recordsConnectUNIXAndTellsTheFactoryItStarted() {
            List<IConnector> started = new ArrayList<>();
            ClientFactory factory = new ClientFactory() {
                @Override
                public void startedConnecting(IConnector connector) {
                    started.add(connector);
                }
            };
            IConnector connector = reactor.connectUNIX("/tmp/s.sock", factory);
            assertEquals(List.of(new MemoryReactor.UNIXClient("/tmp/s.sock", factory, 30, false)), reactor.unixClients());
            assertEquals(List.of(connector), started);
            assertEquals(new UNIXAddress("/tmp/s.sock"), connector.getDestination());
            assertSame(connector, reactor.unixConnectors().get(0));
        }

        @Test
        void listenAndConnectExceptionsApplyToUNIXToo() {
            reactor.setListenException(new CannotListenError("no"));
            reactor.setConnectException(new ConnectionRefusedError("no"));
            assertThrows(CannotListenError.class,
                    () -> reactor.listenUNIX("/p", ServerFactory.forProtocol(Protocol::new)));
            assertThrows(ConnectionRefusedError.class, () -> reactor.connectUNIX("/p", new ClientFactory()));
            assertTrue(reactor.unixServers().isEmpty() && reactor.unixClients().isEmpty());
        }
    }

    @Nested
    class SSL {
        private final CertificateOptions options = CertificateOptions.builder().build();

        @Test // Twisted: MemoryReactorTests.test_listenSSL... (sslServers)
        void recordsListenSSLWithItsContextFactory() {
            ServerFactory factory = ServerFactory.forProtocol(Protocol::new);
            IListeningPort port = reactor.listenSSL(443, factory, options, 7, "127.0.0.1");
            assertEquals(List.of(new MemoryReactor.SSLServer(443, factory, options, 7, "127.0.0.1")),
                    reactor.sslServers());
            assertEquals(new IPv4Address("TCP", "127.0.0.1", 443), port.getHost());
            assertSame(port, reactor.sslPorts().get(0));
            assertTrue(reactor.tcpServers().isEmpty());
        }

        @Test // Twisted: MemoryReactorTests.test_connectSSL... (sslClients)
        void recordsConnectSSLAndTellsTheFactoryItStarted() {
            List<IConnector> started = new ArrayList<>();
            ClientFactory factory = new ClientFactory() {
                @Override
                public void startedConnecting(IConnector connector) {
                    started.add(connector);
                }
            };
            IConnector connector = reactor.connectSSL("example.com", 443, factory, options);
            assertEquals(List.of(new MemoryReactor.SSLClient("example.com", 443, factory, options, 30, null)),
                    reactor.sslClients());
            assertEquals(List.of(connector), started);
            assertEquals(new IPv4Address("TCP", "example.com", 443), connector.getDestination());
            assertSame(connector, reactor.sslConnectors().get(0));
            assertTrue(reactor.tcpClients().isEmpty());
        }

        @Test
        void listenAndConnectExceptionsApplyToSSLToo() {
            reactor.setListenException(new CannotListenError("no"));
            reactor.setConnectException(new ConnectionRefusedError("no"));
            assertThrows(CannotListenError.class,
                    () -> reactor.listenSSL(1, ServerFactory.forProtocol(Protocol::new), options));
            assertThrows(ConnectionRefusedError.class, () -> reactor.connectSSL("h", 1, new ClientFactory(), options));
            assertTrue(reactor.sslServers().isEmpty() && reactor.sslClients().isEmpty());
        }
    }

    @Nested
    class Time {
        @Test // Twisted: MemoryReactorClock, as Clock
        void keepsTimeThatMovesOnlyWhenAdvanced() {
            assertEquals(0.0, reactor.seconds());
            reactor.callLater(2, () -> events.add("two"));
            reactor.callLater(1, () -> events.add("one"));
            assertEquals(2, reactor.getDelayedCalls().size());

            reactor.advance(1.5);
            assertEquals(List.of("one"), events);
            assertEquals(1.5, reactor.seconds());

            reactor.pump(0.25, 0.25);
            assertEquals(List.of("one", "two"), events);
            assertEquals(List.of(), reactor.getDelayedCalls());
        }

        @Test
        void refusesANegativeDelayNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> reactor.callLater(-1, () -> {}));
            assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
        }

        @Test
        void aStopFromATimedCallShutsDownOnceTheDueCallsHaveRun() {
            reactor.startRunning();
            trigger("before", "shutdown", "before shutdown");
            reactor.callLater(1, () -> {
                reactor.stop();
                events.add("stopped");
            });
            reactor.callLater(1, () -> events.add("second call"));

            reactor.advance(1);

            assertEquals(List.of("stopped", "second call", "before shutdown"), events);
            assertFalse(reactor.running());
        }
    }

    @Nested
    class Threads {
        @Test
        void callFromThreadRunsAtOnce() {
            reactor.callFromThread(() -> events.add("ran"));
            assertEquals(List.of("ran"), events);
        }

        @Test
        void callInThreadRunsAtOnce() {
            reactor.callInThread(() -> events.add("ran"));
            assertEquals(List.of("ran"), events);
        }

        @Test
        void reactorExecutorRunsAtOnce() {
            reactor.reactorExecutor().execute(() -> events.add("ran"));
            assertEquals(List.of("ran"), events);
        }

        @Test
        void remembersTheSuggestedThreadPoolSize() {
            assertEquals(10, reactor.suggestedThreadPoolSize());
            reactor.suggestThreadPoolSize(4);
            assertEquals(4, reactor.suggestedThreadPoolSize());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> reactor.suggestThreadPoolSize(0));
            assertTrue(e.getMessage().contains("0"), e.getMessage());
        }
    }

    @Nested
    class RunningAndStopping {
        @Test
        void startsNotRunningNotRunAndNotStopped() {
            assertFalse(reactor.running());
            assertFalse(reactor.hasRun());
            assertFalse(reactor.hasStopped());
        }

        @Test // Twisted: MemoryReactor.run
        void runRunsTheWhenRunningCallsAndThenStops() {
            reactor.callWhenRunning(() -> events.add("first " + reactor.running()));
            reactor.callWhenRunning(() -> events.add("second"));
            assertEquals(List.of(), events);

            reactor.run();

            assertEquals(List.of("first true", "second"), events);
            assertTrue(reactor.hasRun());
            assertTrue(reactor.hasStopped());
            assertFalse(reactor.running());
        }

        @Test
        void startRunningLeavesItRunningUntilStopped() {
            reactor.startRunning();
            assertTrue(reactor.running());
            assertTrue(reactor.hasRun());
            assertFalse(reactor.hasStopped());

            reactor.stop();
            assertFalse(reactor.running());
            assertTrue(reactor.hasStopped());
        }

        @Test
        void callWhenRunningOnARunningReactorCallsAtOnce() {
            reactor.startRunning();
            reactor.callWhenRunning(() -> events.add("now"));
            assertEquals(List.of("now"), events);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_callWhenRunningOrder
        void whenRunningCallsRunInTheOrderAdded() {
            reactor.callWhenRunning(() -> events.add("first"));
            reactor.callWhenRunning(() -> events.add("second"));
            reactor.callWhenRunning(reactor::stop);
            reactor.run();
            assertEquals(List.of("first", "second"), events);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_stopWhenNotStarted
        void stoppingAReactorThatHasNotStartedThrows() {
            ReactorNotRunning e = assertThrows(ReactorNotRunning.class, reactor::stop);
            assertEquals("Can't stop reactor that isn't running.", e.getMessage());
        }

        @Test // Twisted: SystemEventTestsBuilder.test_stopWhenAlreadyStopped
        void stoppingAStoppedReactorThrows() {
            reactor.run();
            assertThrows(ReactorNotRunning.class, reactor::stop);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_multipleRun
        void runningARunningReactorThrows() {
            reactor.callWhenRunning(() -> {
                assertThrows(ReactorAlreadyRunning.class, reactor::run);
                events.add("tested");
            });
            reactor.run();
            assertEquals(List.of("tested"), events);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_runAfterStop
        void runningAStoppedReactorThrows() {
            reactor.run();
            assertThrows(ReactorNotRestartable.class, reactor::run);
            assertThrows(ReactorNotRestartable.class, reactor::startRunning);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_runningForStartupEvents
        void runningTurnsTrueInTheDuringPhaseOfStartup() {
            reactor.addSystemEventTrigger("before", "startup", () -> events.add("before " + reactor.running()));
            reactor.addSystemEventTrigger("during", "startup", () -> events.add("during " + reactor.running()));
            reactor.addSystemEventTrigger("after", "startup", () -> events.add("after " + reactor.running()));
            reactor.run();
            assertEquals(List.of("before false", "during true", "after true"), events);
        }

        @Test
        void runningTurnsFalseInTheDuringPhaseOfShutdown() {
            reactor.addSystemEventTrigger("before", "shutdown", () -> events.add("before " + reactor.running()));
            reactor.addSystemEventTrigger("during", "shutdown", () -> events.add("during " + reactor.running()));
            reactor.addSystemEventTrigger("after", "shutdown", () -> events.add("after " + reactor.running()));
            reactor.run();
            assertEquals(List.of("before true", "during false", "after false"), events);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_stopShutDownEvents
        void stopFiresTheThreePhasesOfShutdown() {
            trigger("after", "shutdown", "after");
            trigger("during", "shutdown", "during");
            trigger("before", "shutdown", "before");
            reactor.callWhenRunning(reactor::stop);
            reactor.run();
            assertEquals(List.of("before", "during", "after"), events);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_shutdownFiresTriggersAsynchronously
        void aStopFromATriggerShutsDownOnlyAfterTheTriggerReturns() {
            trigger("before", "shutdown", "before shutdown");
            reactor.callWhenRunning(() -> {
                reactor.stop();
                events.add("stopped");
            });
            reactor.callWhenRunning(() -> events.add("later when-running call"));
            reactor.run();
            assertEquals(List.of("stopped", "later when-running call", "before shutdown"), events);
        }

        @Test
        void aShutdownWaitsForTheDeferredOfABeforeTrigger() {
            Deferred<Void> flushed = new Deferred<>();
            reactor.addSystemEventTrigger("before", "shutdown", () -> flushed);
            trigger("after", "shutdown", "after");
            reactor.startRunning();

            reactor.stop();
            assertTrue(reactor.hasStopped());
            assertTrue(reactor.running());
            assertEquals(List.of(), events);

            flushed.callback(null);
            assertFalse(reactor.running());
            assertEquals(List.of("after"), events);
        }

        @Test // Twisted: SystemEventTestsBuilder.test_runWithAsynchronousBeforeStartupTrigger
        void aStartupWaitingOnADeferredLeavesRunReturningWithoutStopping() {
            Deferred<Void> ready = new Deferred<>();
            reactor.addSystemEventTrigger("before", "startup", () -> ready);
            reactor.callWhenRunning(() -> events.add("running"));

            reactor.run();
            assertFalse(reactor.running());
            assertFalse(reactor.hasStopped());
            assertEquals(List.of(), events);

            ready.callback(null);
            assertTrue(reactor.running());
            assertEquals(List.of("running"), events);
            reactor.stop();
            assertFalse(reactor.running());
        }

        @Test
        void aStopWhileStartupWaitsKeepsTheReactorStopped() {
            Deferred<Void> ready = new Deferred<>();
            reactor.addSystemEventTrigger("before", "startup", () -> ready);
            reactor.startRunning();
            reactor.stop();

            ready.callback(null);

            assertFalse(reactor.running());
        }
    }

    @Nested
    class Triggers {
        @Test // Twisted: ThreePhaseEventTests.test_fireEvent
        void anEventRunsItsBeforeThenDuringThenAfterTriggersEachInTheOrderAdded() {
            trigger("after", "test", "first after");
            trigger("during", "test", "first during");
            trigger("before", "test", "first before");
            trigger("before", "test", "second before");
            trigger("during", "test", "second during");
            trigger("after", "test", "second after");

            reactor.fireSystemEvent("test");

            assertEquals(List.of("first before", "second before", "first during", "second during",
                    "first after", "second after"), events);
        }

        @Test // Twisted: ThreePhaseEventTests.test_addInvalidPhase, SystemEventTests.test_unknownPhase
        void anUnknownPhaseIsRefusedByName() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> reactor.addSystemEventTrigger("xxx", "test", () -> null));
            assertTrue(e.getMessage().contains("\"xxx\""), e.getMessage());
            assertTrue(e.getMessage().contains("before"), e.getMessage());
        }

        @Test // Twisted: ThreePhaseEventTests.test_asynchronousBefore
        void theDuringPhaseWaitsForTheDeferredOfABeforeTrigger() {
            Deferred<Void> beforeResult = new Deferred<>();
            reactor.addSystemEventTrigger("before", "test", () -> beforeResult);
            trigger("during", "test", "during");
            trigger("after", "test", "after");

            reactor.fireSystemEvent("test");
            assertEquals(List.of(), events);

            beforeResult.callback(null);
            assertEquals(List.of("during", "after"), events);
        }

        @Test // Twisted: SystemEventTests.test_multipleBeforeReturnDeferred
        void theDuringPhaseWaitsForEveryBeforeDeferred() {
            Deferred<Void> first = new Deferred<>();
            Deferred<Void> second = new Deferred<>();
            reactor.addSystemEventTrigger("before", "test", () -> first);
            reactor.addSystemEventTrigger("before", "test", () -> second);
            trigger("during", "test", "during");

            reactor.fireSystemEvent("test");
            first.callback(null);
            assertEquals(List.of(), events);
            second.callback(null);
            assertEquals(List.of("during"), events);
        }

        @Test
        void aBeforeTriggerReturningAFiredDeferredDoesNotHoldTheEvent() {
            reactor.addSystemEventTrigger("before", "test", () -> Defer.succeed("done"));
            trigger("during", "test", "during");
            reactor.fireSystemEvent("test");
            assertEquals(List.of("during"), events);
        }

        @Test // Twisted: SystemEventTests.test_subsequentBeforeTriggerFiresPriorBeforeDeferred
        void aLaterBeforeTriggerFiringAnEarlierDeferredStillRunsTheRemainingBeforeTriggersFirst() {
            Deferred<Void> first = new Deferred<>();
            Deferred<Void> second = new Deferred<>();
            reactor.addSystemEventTrigger("before", "test", () -> first);
            reactor.addSystemEventTrigger("before", "test", () -> {
                first.callback(null);
                return null;
            });
            reactor.addSystemEventTrigger("before", "test", () -> {
                events.add("before");
                return second;
            });
            trigger("during", "test", "during");

            reactor.fireSystemEvent("test");
            assertEquals(List.of("before"), events);
            second.callback(null);
            assertEquals(List.of("before", "during"), events);
        }

        @Test // Twisted: ThreePhaseEventTests.test_beforeTriggerException
        void aThrowingBeforeTriggerIsLoggedAndTheEventGoesOn() {
            reactor.addSystemEventTrigger("before", "test", () -> {
                throw new IllegalStateException("dummy");
            });
            trigger("before", "test", "before");
            trigger("during", "test", "during");

            reactor.fireSystemEvent("test");

            assertEquals(List.of("before", "during"), events);
            assertEquals(1, LogCapture.containing("the test event goes on").size());
            assertEquals("dummy", LogCapture.containing("the test event goes on").get(0).throwable().getMessage());
        }

        @Test // Twisted: ThreePhaseEventTests.test_duringTriggerException
        void aThrowingDuringTriggerIsLoggedAndTheEventGoesOn() {
            reactor.addSystemEventTrigger("during", "test", () -> {
                throw new IllegalStateException("dummy");
            });
            trigger("during", "test", "during");
            trigger("after", "test", "after");

            reactor.fireSystemEvent("test");

            assertEquals(List.of("during", "after"), events);
            assertEquals(1, LogCapture.containing("the test event goes on").size());
        }

        @Test
        void aFailedBeforeDeferredIsLoggedAndTheEventGoesOn() {
            Deferred<Void> beforeResult = new Deferred<>();
            reactor.addSystemEventTrigger("before", "test", () -> beforeResult);
            trigger("during", "test", "during");
            reactor.fireSystemEvent("test");

            beforeResult.errback(new IllegalStateException("flush failed"));

            assertEquals(List.of("during"), events);
            assertEquals("flush failed",
                    LogCapture.containing("the Deferred of").get(0).throwable().getMessage());
        }

        @Test // Twisted: ThreePhaseEventTests.test_triggersRunOnce
        void triggersRunOnlyTheFirstTimeTheirEventFires() {
            trigger("before", "test", "before");
            trigger("during", "test", "during");
            trigger("after", "test", "after");
            reactor.fireSystemEvent("test");
            reactor.fireSystemEvent("test");
            assertEquals(List.of("before", "during", "after"), events);
        }

        @Test
        void firingAnEventWithoutTriggersDoesNothing() {
            reactor.fireSystemEvent("nothing registered");
            assertEquals(List.of(), events);
        }

        @Test // Twisted: SystemEventTests.test_removeSystemEventTrigger
        void aRemovedTriggerDoesNotRun() {
            trigger("before", "test", "first");
            reactor.removeSystemEventTrigger(trigger("before", "test", "second"));
            reactor.fireSystemEvent("test");
            assertEquals(List.of("first"), events);
        }

        @Test // Twisted: ThreePhaseEventTests.test_synchronousBeforeRemovesDuring
        void aBeforeTriggerCanRemoveADuringTrigger() {
            Object[] during = new Object[1];
            reactor.addSystemEventTrigger("before", "test", () -> {
                reactor.removeSystemEventTrigger(during[0]);
                return null;
            });
            during[0] = trigger("during", "test", "during");
            trigger("after", "test", "after");
            reactor.fireSystemEvent("test");
            assertEquals(List.of("after"), events);
        }

        @Test // Twisted: ThreePhaseEventTests.test_asynchronousBeforeRemovesDuring
        void aDuringTriggerRemovedWhileTheEventWaitsDoesNotRun() {
            Deferred<Void> beforeResult = new Deferred<>();
            reactor.addSystemEventTrigger("before", "test", () -> beforeResult);
            Object during = trigger("during", "test", "during");
            trigger("after", "test", "after");
            reactor.fireSystemEvent("test");

            reactor.removeSystemEventTrigger(during);
            beforeResult.callback(null);

            assertEquals(List.of("after"), events);
        }

        @Test // Twisted: SystemEventTests.test_removeNonExistentSystemEventTrigger
        void removingSomethingThatIsNotAPendingTriggerThrowsNamingIt() {
            Object id = trigger("during", "test", "during");
            reactor.removeSystemEventTrigger(id);

            IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                    () -> reactor.removeSystemEventTrigger(id));
            assertTrue(again.getMessage().contains("already run or been removed"), again.getMessage());
            assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(null));
            IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                    () -> reactor.removeSystemEventTrigger("xxx"));
            assertTrue(foreign.getMessage().contains("xxx"), foreign.getMessage());
            Object otherReactors = new MemoryReactor().addSystemEventTrigger("during", "test", () -> null);
            assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(otherReactors));
        }

        @Test // Twisted: ThreePhaseEventTests.test_synchronousRemoveAlreadyExecutedBefore
        void removingABeforeTriggerThatHasAlreadyRunOnlyWarns() {
            dev.jtwisted.testing.LogCapture.clear();
            Object first = trigger("before", "test", "first");
            reactor.addSystemEventTrigger("before", "test", () -> {
                reactor.removeSystemEventTrigger(first);
                return events.add("tried");
            });
            reactor.fireSystemEvent("test");
            assertEquals(List.of("first", "tried"), events);
            assertEquals(1, dev.jtwisted.testing.LogCapture
                    .containing("Removing already-fired system event trigger").size());
        }

        @Test // Twisted: SystemEventTests.test_interactionBetweenDifferentEvents
        void eventsWaitingOnDeferredsDoNotHoldEachOtherUp() {
            Deferred<Void> first = new Deferred<>();
            Deferred<Void> second = new Deferred<>();
            reactor.addSystemEventTrigger("before", "first-event", () -> {
                events.add("before first");
                return first;
            });
            trigger("after", "first-event", "after first");
            reactor.addSystemEventTrigger("before", "second-event", () -> {
                events.add("before second");
                return second;
            });
            trigger("after", "second-event", "after second");

            reactor.fireSystemEvent("first-event");
            reactor.fireSystemEvent("second-event");
            assertEquals(List.of("before first", "before second"), events);

            first.callback(null);
            assertEquals(List.of("before first", "before second", "after first"), events);
            second.callback(null);
            assertEquals(List.of("before first", "before second", "after first", "after second"), events);
        }
    }

    @Nested
    class Processes {
        /** Records its events in the test's {@code events}. */
        private final ProcessProtocol proto = new ProcessProtocol() {
            @Override
            public void connectionMade() {
                events.add("made pid=" + transport.pid());
            }

            @Override
            public void childConnectionLost(int childFD) {
                events.add("lost " + childFD);
            }

            @Override
            public void processExited(Failure reason) {
                events.add("exited " + reason.value().getMessage());
            }

            @Override
            public void processEnded(Failure reason) {
                events.add("ended " + reason.type().getSimpleName());
            }
        };

        @Test // Twisted: test_procmon's DummyProcessReactor.spawnProcess
        void spawnProcessRecordsTheCallAndConnectsTheProtocol() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(
                    proto, "/bin/echo", List.of("echo", "hi"), Map.of("A", "b"), "/tmp");
            assertEquals(List.of(p), reactor.spawnedProcesses());
            assertSame(proto, p.protocol());
            assertEquals("/bin/echo", p.executable());
            assertEquals(List.of("echo", "hi"), p.args());
            assertEquals(Map.of("A", "b"), p.env());
            assertEquals("/tmp", p.path());
            assertEquals(List.of("made pid=1"), events);
            assertEquals(2L, reactor.spawnProcess(new ProcessProtocol(), "x", List.of()).pid());
        }

        @Test
        void theShortFormIsAnEmptyEnvironmentAndNoPath() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(proto, "cat", List.of("cat"));
            assertEquals(Map.of(), p.env());
            assertNull(p.path());
        }

        @Test
        void aNullEnvironmentIsRecordedAsNull() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(
                    proto, "cat", List.of("cat"), null, null);
            assertNull(p.env());
        }

        @Test
        void writesToStdinAreRecordedUntilItIsClosed() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(proto, "cat", List.of("cat"));
            p.write("a".getBytes(StandardCharsets.US_ASCII));
            p.writeSequence(List.of("b".getBytes(StandardCharsets.US_ASCII), "c".getBytes(StandardCharsets.US_ASCII)));
            p.writeToChild(0, "d".getBytes(StandardCharsets.US_ASCII));
            p.closeStdin();
            p.write("e".getBytes(StandardCharsets.US_ASCII));
            assertEquals("abcd", new String(p.value(), StandardCharsets.US_ASCII));
            assertFalse(p.isOpen(0));
            assertThrows(IllegalArgumentException.class, () -> p.writeToChild(1, new byte[1]));
        }

        @Test
        void closingAPipeTellsTheProtocolOnce() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(proto, "cat", List.of("cat"));
            p.closeStdout();
            p.closeChildFD(1);
            p.closeChildFD(5);
            p.loseConnection();
            assertEquals(List.of("made pid=1", "lost 1", "lost 0", "lost 2"), events);
            assertTrue(p.disconnecting());
        }

        @Test
        void exitClosesThePipesThenReportsExitedAndEnded() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(proto, "cat", List.of("cat"));
            p.closeStdin();
            p.exit(0);
            assertEquals(List.of("made pid=1", "lost 0", "lost 1", "lost 2",
                    "exited process finished with exit code 0", "ended ProcessDone"), events);
            assertNull(p.pid());
            assertThrows(IllegalStateException.class, () -> p.exit(0));
        }

        @Test
        void aNonZeroExitOrASignalEndsWithProcessTerminated() {
            List<Failure> ends = new ArrayList<>();
            ProcessProtocol recorder = new ProcessProtocol() {
                @Override
                public void processEnded(Failure reason) {
                    ends.add(reason);
                }
            };
            ((MemoryReactor.FakeProcess) reactor.spawnProcess(recorder, "a", List.of())).exit(3);
            ((MemoryReactor.FakeProcess) reactor.spawnProcess(recorder, "b", List.of())).killedBy(9);
            ProcessTerminated exited = (ProcessTerminated) ends.get(0).value();
            ProcessTerminated killed = (ProcessTerminated) ends.get(1).value();
            assertEquals(3, exited.exitCode());
            assertNull(exited.signal());
            assertNull(killed.exitCode());
            assertEquals(9, killed.signal());
            assertEquals(137, killed.status());
        }

        @Test
        void signalsAreRecordedUntilTheProcessHasExited() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(proto, "cat", List.of("cat"));
            p.signalProcess("TERM");
            p.signalProcess(10);
            assertThrows(IllegalArgumentException.class, () -> p.signalProcess("BOGUS"));
            assertEquals(List.of("TERM", 10), p.signals());
            p.killedBy(15);
            assertThrows(ProcessExitedAlready.class, () -> p.signalProcess("KILL"));
        }

        @Test
        void aProcessHasNoAddress() {
            MemoryReactor.FakeProcess p = (MemoryReactor.FakeProcess) reactor.spawnProcess(proto, "cat", List.of("cat"));
            assertThrows(UnsupportedOperationException.class, p::getPeer);
            assertThrows(UnsupportedOperationException.class, p::getHost);
        }
    }
}
