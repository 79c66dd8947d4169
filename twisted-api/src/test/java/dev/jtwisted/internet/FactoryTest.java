package dev.jtwisted.internet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.testing.AccumulatingProtocol;
import dev.jtwisted.internet.testing.IOPump;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import dev.jtwisted.testing.LogCapture.LogEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class FactoryTest {
    static class SomeProtocol extends Protocol {}

    /** Counts startFactory and stopFactory calls. */
    static class CountingFactory extends Factory {
        int started;
        int stopped;

        CountingFactory() {
            protocol = SomeProtocol::new;
        }

        @Override
        public void startFactory() {
            started++;
        }

        @Override
        public void stopFactory() {
            stopped++;
        }
    }

    static class SomeKindOfFactory extends Factory {}

    @BeforeEach
    void clearLogs() {
        LogCapture.clear();
    }

    @Nested
    class StartingAndStopping {
        @Test
        void startFactoryRunsOnceForTheFirstUserAndStopFactoryOnceAfterTheLast() {
            CountingFactory f = new CountingFactory();
            f.doStart();
            f.doStart();
            assertEquals(1, f.started);
            assertEquals(2, f.numPorts());

            f.doStop();
            assertEquals(0, f.stopped);
            f.doStop();
            assertEquals(1, f.stopped);
            assertEquals(0, f.numPorts());
        }

        @Test
        void aStoppedFactoryStartsAgainForTheNextUser() {
            CountingFactory f = new CountingFactory();
            f.doStart();
            f.doStop();
            f.doStart();
            assertEquals(2, f.started);
        }

        @Test
        void doStopWithNoUsersDoesNothing() {
            CountingFactory f = new CountingFactory();
            f.doStop();
            assertEquals(0, f.stopped);
            assertEquals(0, f.numPorts());
        }

        @Test // Twisted: test_protocol.FactoryTests.test_doStartLoggingStatement
        void doStartLogsStartingFactoryAtInfo() {
            Factory f = new Factory();
            f.doStart();
            List<LogEvent> events = LogCapture.containing("Starting factory");
            assertEquals(1, events.size());
            assertEquals(Level.INFO, events.get(0).level());
            assertEquals("Starting factory " + f, events.get(0).message());
        }

        @Test // Twisted: test_protocol.FactoryTests.test_doStopLoggingStatement
        void doStopLogsStoppingFactoryAtInfo() {
            Factory f = new Factory();
            f.doStart();
            f.doStop();
            List<LogEvent> events = LogCapture.containing("Stopping factory");
            assertEquals(1, events.size());
            assertEquals(Level.INFO, events.get(0).level());
            assertEquals("Stopping factory " + f, events.get(0).message());
        }

        @Test
        void aQuietFactoryLogsNothing() {
            CountingFactory f = new CountingFactory();
            f.noisy = false;
            f.doStart();
            f.doStop();
            assertTrue(LogCapture.containing("factory").isEmpty(), LogCapture.events().toString());
            assertEquals(1, f.started);
            assertEquals(1, f.stopped);
        }
    }

    @Nested
    class BuildingProtocols {
        @Test // Twisted: test_protocol.FactoryTests.test_defaultBuildProtocol
        void buildProtocolMakesAProtocolAndSetsItsFactory() {
            Factory f = new Factory();
            f.protocol = SomeProtocol::new;
            IProtocol p = f.buildProtocol(null);
            assertInstanceOf(SomeProtocol.class, p);
            assertSame(f, ((Protocol) p).factory());
        }

        @Test
        void eachConnectionGetsItsOwnProtocol() {
            Factory f = Factory.forProtocol(SomeProtocol::new);
            assertNotSame(f.buildProtocol(null), f.buildProtocol(null));
        }

        @Test // Twisted: test_protocol.FactoryTests.test_forProtocol
        void forProtocolMakesAFactoryOfThatProtocol() {
            Factory f = Factory.forProtocol(SomeProtocol::new);
            assertSame(Factory.class, f.getClass());
            assertInstanceOf(SomeProtocol.class, f.buildProtocol(null));
        }

        @Test
        void withoutAProtocolBuildProtocolSaysWhatToSet() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new SomeKindOfFactory().buildProtocol(null));
            assertTrue(e.getMessage().contains(SomeKindOfFactory.class.getName() + ".protocol is not set"),
                    e.getMessage());
        }

        @Test
        void forProtocolRejectsNull() {
            assertThrows(NullPointerException.class, () -> Factory.forProtocol(null));
        }

        @Test
        void aBuiltProtocolTalksOverAConnection() {
            Factory server = Factory.forProtocol(() -> new Protocol() {
                @Override
                public void connectionMade() {
                    transport.write("hi from the factory's protocol".getBytes(US_ASCII));
                    transport.loseConnection();
                }
            });
            IOPump<IProtocol, IProtocol> pump =
                    IOPump.connectedServerAndClient(server, Factory.forProtocol(AccumulatingProtocol::new));
            AccumulatingProtocol client = (AccumulatingProtocol) pump.client();
            assertEquals("hi from the factory's protocol", client.dataString());
            assertInstanceOf(ConnectionDone.class, client.closedReason().value());
        }
    }

    @Nested
    class Naming {
        @Test // Twisted: test_protocol.FactoryTests.test_logPrefix
        void logPrefixIsTheClassName() {
            assertEquals("SomeKindOfFactory", new SomeKindOfFactory().logPrefix());
        }

        @Test
        void toStringStartsWithTheLogPrefix() {
            assertTrue(new SomeKindOfFactory().toString().startsWith("SomeKindOfFactory@"));
        }
    }

    @Nested
    class ServerFactories {
        @Test
        void forProtocolMakesAServerFactory() {
            ServerFactory f = ServerFactory.forProtocol(SomeProtocol::new);
            assertSame(ServerFactory.class, f.getClass());
            Protocol p = (Protocol) f.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 5555));
            assertSame(f, p.factory());
        }
    }

    @Nested
    class ClientFactories {
        @Test
        void forProtocolMakesAClientFactory() {
            ClientFactory f = ClientFactory.forProtocol(SomeProtocol::new);
            assertSame(ClientFactory.class, f.getClass());
            assertInstanceOf(SomeProtocol.class, f.buildProtocol(null));
        }

        @Test
        void theConnectionEventsDoNothingByDefault() {
            ClientFactory f = ClientFactory.forProtocol(SomeProtocol::new);
            FakeConnector connector = new FakeConnector();
            f.startedConnecting(connector);
            f.clientConnectionFailed(connector, new Failure(new ConnectionRefusedError("no")));
            f.clientConnectionLost(connector, new Failure(new ConnectionLost("gone")));
            assertEquals(0, connector.connects);
            assertEquals(0, connector.stopConnectings);
            assertEquals(0, connector.disconnects);
        }
    }
}
