package dev.jtwisted.internet.testing;

import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IPullProducer;
import dev.jtwisted.internet.IPushProducer;
import dev.jtwisted.internet.ITransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IOPumpTest {
    static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    /** Writes back whatever it receives. */
    static class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /** Says hello as soon as it is connected, and records what it receives. */
    static class Greeter extends AccumulatingProtocol {
        @Override
        public void connectionMade() {
            super.connectionMade();
            transport.write(ascii("hello\r\n"));
        }
    }

    /** Records half-close events as well. */
    static class HalfCloseable extends AccumulatingProtocol implements IHalfCloseableProtocol {
        boolean readLost;
        boolean writeLost;

        @Override
        public void readConnectionLost() {
            readLost = true;
        }

        @Override
        public void writeConnectionLost() {
            writeLost = true;
        }
    }

    /** Records its name in a shared list when the connection is lost. */
    static class OrderRecorder extends AccumulatingProtocol {
        final String name;
        final List<String> log;

        OrderRecorder(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            log.add(name);
        }
    }

    /**
     * A push producer that enforces Twisted's state rules and writes {@code chunks} of
     * {@code size} bytes whenever it runs, then unregisters.
     *
     * <p>Twisted: test_iosim.StrictPushProducer, plus writing.
     */
    static final class StrictPushProducer implements IPushProducer {
        String state = "running";
        final List<String> calls = new ArrayList<>();
        ITransport consumer;
        int chunksLeft;
        int size;

        @Override
        public void stopProducing() {
            calls.add("stop");
            if (state.equals("stopped")) {
                throw new IllegalStateException("Cannot stop already-stopped IPushProducer");
            }
            state = "stopped";
        }

        @Override
        public void pauseProducing() {
            calls.add("pause");
            if (!state.equals("running")) {
                throw new IllegalStateException("Cannot pause " + state + " IPushProducer");
            }
            state = "paused";
        }

        @Override
        public void resumeProducing() {
            calls.add("resume");
            if (!state.equals("paused")) {
                throw new IllegalStateException("Cannot resume " + state + " IPushProducer");
            }
            state = "running";
            produce();
        }

        /** Writes until paused or done; a real producer would do this from its own events. */
        void produce() {
            while (state.equals("running") && chunksLeft > 0) {
                chunksLeft--;
                consumer.write(new byte[size]);
                if (chunksLeft == 0) {
                    consumer.unregisterProducer();
                }
            }
        }
    }

    private static IOPump<AccumulatingProtocol, AccumulatingProtocol> quietPair() {
        return IOPump.connectedServerAndClient(AccumulatingProtocol::new, AccumulatingProtocol::new);
    }

    @Nested
    class Connecting {
        @Test
        void makesBothConnectionsAndDeliversTheGreeting() {
            IOPump<Greeter, AccumulatingProtocol> pump =
                    IOPump.connectedServerAndClient(Greeter::new, AccumulatingProtocol::new);
            assertTrue(pump.server().made());
            assertTrue(pump.client().made());
            assertEquals("hello\r\n", pump.client().dataString());
        }

        @Test
        void withoutGreetNothingMovesUntilPumped() {
            Greeter server = new Greeter();
            AccumulatingProtocol client = new AccumulatingProtocol();
            IOPump<Greeter, AccumulatingProtocol> pump = IOPump.connect(server,
                    IOPump.makeFakeServer(server), client, IOPump.makeFakeClient(client), false);
            assertEquals("", client.dataString());
            assertTrue(pump.pump());
            assertEquals("hello\r\n", client.dataString());
            assertFalse(pump.pump());
        }

        @Test
        void refusesATransportThatDeliversToAnotherProtocol() {
            AccumulatingProtocol server = new AccumulatingProtocol();
            AccumulatingProtocol client = new AccumulatingProtocol();
            FakeTransport wrong = IOPump.makeFakeServer(new AccumulatingProtocol());
            assertThrows(IllegalArgumentException.class,
                    () -> IOPump.connect(server, wrong, client, IOPump.makeFakeClient(client)));
        }

        @Test
        void factoriesBuildTheProtocolsAndTheAddressesCross() {
            Factory serverFactory = Factory.forProtocol(Echo::new);
            Factory clientFactory = Factory.forProtocol(AccumulatingProtocol::new);
            IOPump<IProtocol, IProtocol> pump =
                    IOPump.connectedServerAndClient(serverFactory, clientFactory);
            assertSame(serverFactory, ((Protocol) pump.server()).factory());
            assertSame(clientFactory, ((Protocol) pump.client()).factory());
            assertSame(pump.serverIO().getHost(), pump.clientIO().getPeer());
            assertSame(pump.clientIO().getHost(), pump.serverIO().getPeer());
        }

        @Test // Twisted: test_iosim.FakeTransportTests.test_connectionSerial
        void eachTransportHasItsOwnSerial() {
            FakeTransport a = new FakeTransport(new Protocol(), true);
            FakeTransport b = new FakeTransport(new Protocol(), false);
            assertNotEquals(a.serial(), b.serial());
            assertTrue(a.toString().startsWith("FakeTransport<S," + a.serial()), a.toString());
        }
    }

    @Nested
    class MovingBytes {
        @Test
        void anEchoServerEchoes() {
            IOPump<Echo, AccumulatingProtocol> pump =
                    IOPump.connectedServerAndClient(Echo::new, AccumulatingProtocol::new);
            pump.clientIO().write(ascii("ping"));
            assertTrue(pump.flush());
            assertEquals("ping", pump.client().dataString());
            assertFalse(pump.flush());
        }

        @Test // Twisted: test_iosim.FakeTransportTests.test_writeSequence
        void writeSequenceBuffersEachPieceInOrder() {
            FakeTransport a = new FakeTransport(new Protocol(), false);
            a.write(ascii("a"));
            a.writeSequence(List.of(ascii("b"), ascii("c"), ascii("d")));
            assertEquals(4, a.buffered());
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 5, 64})
        void anEchoServerFedInAnyChunkSizeEchoesEveryByte(int chunk) {
            Echo echo = new Echo();
            StringTransport transport = new StringTransport();
            echo.makeConnection(transport);
            Chunks.feed(echo, "the quick brown fox\r\n", chunk);
            assertEquals("the quick brown fox\r\n", transport.valueString());
        }

        @Test
        void aReaderThatPausedGetsNothingUntilItResumes() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.clientIO().pauseProducing();
            pump.serverIO().write(ascii("held"));
            assertFalse(pump.flush());
            assertEquals("", pump.client().dataString());
            pump.clientIO().resumeProducing();
            assertTrue(pump.flush());
            assertEquals("held", pump.client().dataString());
        }
    }

    @Nested
    class Closing {
        @Test
        void loseConnectionSendsWhatWasWrittenThenBothSidesGetConnectionDone() {
            List<String> order = new ArrayList<>();
            IOPump<OrderRecorder, OrderRecorder> pump = IOPump.connectedServerAndClient(
                    () -> new OrderRecorder("server", order), () -> new OrderRecorder("client", order));
            pump.serverIO().write(ascii("bye"));
            pump.serverIO().loseConnection();
            assertFalse(pump.client().closed());

            pump.flush();
            assertEquals("bye", pump.client().dataString());
            assertInstanceOf(ConnectionDone.class, pump.client().closedReason().value());
            assertInstanceOf(ConnectionDone.class, pump.server().closedReason().value());
            assertEquals(List.of("client", "server"), order, "the other side hears first, as in iosim");
            assertTrue(pump.serverIO().disconnected());
            assertTrue(pump.clientIO().disconnected());
        }

        @Test
        void aClosingSideStopsReading() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.clientIO().write(ascii("too late"));
            pump.serverIO().loseConnection();
            pump.flush();
            assertEquals("", pump.server().dataString());
            assertTrue(pump.server().closed());
        }

        @Test
        void abortConnectionDropsUnsentBytesAndBothSidesGetConnectionLost() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.clientIO().write(ascii("never sent"));
            pump.clientIO().abortConnection();
            pump.flush();
            assertEquals("", pump.server().dataString());
            assertInstanceOf(ConnectionLost.class, pump.server().closedReason().value());
            assertInstanceOf(ConnectionLost.class, pump.client().closedReason().value());
        }

        @Test
        void writesAfterTheConnectionClosedAreDropped() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.clientIO().loseConnection();
            pump.flush();
            pump.clientIO().write(ascii("ghost"));
            assertEquals(0, pump.clientIO().buffered());
        }

        @Test
        void writesAfterLoseConnectionButBeforeTheCloseAreStillSent() {
            // Unlike Twisted's iosim, which drops them; a real transport sends them.
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.serverIO().loseConnection();
            pump.serverIO().write(ascii("last words"));
            pump.flush();
            assertEquals("last words", pump.client().dataString());
        }

        @Test
        void stopProducingOnTheTransportClosesTheConnection() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.serverIO().stopProducing();
            pump.flush();
            assertTrue(pump.client().closed());
        }
    }

    @Nested
    class HalfClosing {
        @Test
        void bothHalfCloseableSidesAreToldAndTheOtherWayStaysOpen() {
            IOPump<HalfCloseable, HalfCloseable> pump =
                    IOPump.connectedServerAndClient(HalfCloseable::new, HalfCloseable::new);
            pump.clientIO().write(ascii("request"));
            pump.clientIO().loseWriteConnection();
            pump.flush();
            assertEquals("request", pump.server().dataString());
            assertTrue(pump.client().writeLost);
            assertTrue(pump.server().readLost);
            assertFalse(pump.server().closed());

            pump.serverIO().write(ascii("response"));
            pump.clientIO().write(ascii("dropped: writing half is shut"));
            pump.flush();
            assertEquals("response", pump.client().dataString());
            assertEquals("request", pump.server().dataString());
        }

        @Test
        void aReaderWithoutHalfCloseSupportClosesTheConnection() {
            IOPump<AccumulatingProtocol, HalfCloseable> pump =
                    IOPump.connectedServerAndClient(AccumulatingProtocol::new, HalfCloseable::new);
            pump.clientIO().loseWriteConnection();
            pump.flush();
            assertInstanceOf(ConnectionDone.class, pump.server().closedReason().value());
            assertInstanceOf(ConnectionDone.class, pump.client().closedReason().value());
        }
    }

    @Nested
    class Producers {
        @Test // Twisted: test_iosim.IOPumpTests.test_serverStreamingProducer
        void pumpDoesNotResumeARunningPushProducerOnTheServer() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            StrictPushProducer producer = new StrictPushProducer();
            pump.serverIO().registerProducer(producer, true);
            pump.pump();
            assertEquals("running", producer.state);
        }

        @Test // Twisted: test_iosim.IOPumpTests.test_clientStreamingProducer
        void pumpDoesNotResumeARunningPushProducerOnTheClient() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            StrictPushProducer producer = new StrictPushProducer();
            pump.clientIO().registerProducer(producer, true);
            pump.pump();
            assertEquals("running", producer.state);
        }

        @Test
        void aPushProducerIsPausedWhenTheBufferFillsAndResumedWhenThePumpDrainsIt() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.serverIO().setBufferSize(10);
            StrictPushProducer producer = new StrictPushProducer();
            producer.consumer = pump.serverIO();
            producer.chunksLeft = 5;
            producer.size = 6;
            pump.serverIO().registerProducer(producer, true);

            producer.produce();
            assertEquals("paused", producer.state, "12 bytes buffered > 10");
            assertEquals(3, producer.chunksLeft);

            pump.flush();
            assertEquals(30, pump.client().data().length);
            assertEquals(List.of("pause", "resume", "pause", "resume"), producer.calls);
            assertNull(pump.serverIO().producer());
        }

        @Test
        void aPullProducerIsAskedForEachChunkUntilItUnregisters() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            NonStreamingProducer producer = new NonStreamingProducer(pump.clientIO());
            pump.clientIO().registerProducer(producer, false);
            assertEquals(1, producer.counter(), "asked for its first chunk on registration");

            pump.flush();
            assertEquals("0123456789", pump.server().dataString());
            successResultOf(producer.result());
            assertFalse(producer.stopped());
        }

        @Test
        void loseConnectionWaitsForAPullProducerToFinish() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            NonStreamingProducer producer = new NonStreamingProducer(pump.serverIO());
            pump.serverIO().registerProducer(producer, false);
            pump.serverIO().loseConnection();
            pump.flush();
            assertEquals("0123456789", pump.client().dataString());
            assertTrue(pump.client().closed());
            assertFalse(producer.stopped());
        }

        @Test
        void aProducerStillRegisteredWhenTheConnectionCloseIsStopped() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            StrictPushProducer producer = new StrictPushProducer();
            pump.serverIO().registerProducer(producer, true);
            pump.clientIO().abortConnection();
            pump.flush();
            assertEquals("stopped", producer.state);
            assertNull(pump.serverIO().producer());
        }

        @Test
        void aProducerRegisteredAfterTheCloseIsStoppedAtOnce() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            pump.clientIO().loseConnection();
            pump.flush();
            StrictPushProducer producer = new StrictPushProducer();
            pump.clientIO().registerProducer(producer, true);
            assertEquals("stopped", producer.state);
        }

        @Test
        void aSecondProducerIsRefused() {
            FakeTransport t = new FakeTransport(new Protocol(), true);
            t.registerProducer(new StrictPushProducer(), true);
            assertThrows(IllegalStateException.class,
                    () -> t.registerProducer(new StrictPushProducer(), true));
        }

        @Test
        void aPullProducerThatNeverStopsMakesFlushFailInsteadOfSpinning() {
            IOPump<AccumulatingProtocol, AccumulatingProtocol> pump = quietPair();
            FakeTransport io = pump.serverIO();
            io.registerProducer(new IPullProducer() {
                @Override
                public void resumeProducing() {
                    io.write(ascii("more"));
                }

                @Override
                public void stopProducing() {}
            }, false);
            AssertionError e = assertThrows(AssertionError.class, pump::flush);
            assertTrue(e.getMessage().contains("1000"), e.getMessage());
        }
    }
}
