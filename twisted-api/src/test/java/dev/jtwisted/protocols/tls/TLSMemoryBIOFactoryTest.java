package dev.jtwisted.protocols.tls;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IHalfCloseableProtocol;
import dev.jtwisted.internet.IHandshakeListener;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.ITLSTransport;
import dev.jtwisted.internet.internal.TLSClientDefault;
import dev.jtwisted.internet.ssl.CertificateOptions;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.internet.ssl.SSL;
import dev.jtwisted.internet.ssl.SSLError;
import dev.jtwisted.internet.testing.AccumulatingProtocol;
import dev.jtwisted.internet.testing.StringTransport;
import dev.jtwisted.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the TLS wrapper does with its transport and its wrapped protocol, on a transport that
 * records {@code startTLS}; the handshakes themselves are netty-bridge's tests.
 *
 * <p>Twisted: the wrapping behaviours of {@code test_tls.TLSMemoryBIOTests}
 * ({@code test_wrappedProtocolInterfaces}, {@code test_getHandle}'s peers, {@code test_logPrefix}).
 */
class TLSMemoryBIOFactoryTest {
    private final CertificateOptions options = CertificateOptions.builder().build();

    /** A transport that can start TLS, and records how it was asked to. */
    static final class TLSStringTransport extends StringTransport implements ITLSTransport, TLSClientDefault {
        final List<String> started = new ArrayList<>();
        private final boolean clientSide;

        TLSStringTransport(boolean clientSide) {
            this.clientSide = clientSide;
        }

        @Override
        public void startTLS(IContextFactory contextFactory) {
            startTLS(contextFactory, true);
        }

        @Override
        public void startTLS(IContextFactory contextFactory, boolean normal) {
            started.add((normal ? "normal " : "swapped ") + contextFactory.getClass().getSimpleName());
        }

        @Override
        public boolean tlsClientDefault() {
            return clientSide;
        }
    }

    /** Records events, handshakeCompleted included. */
    static class Recording extends AccumulatingProtocol implements IHandshakeListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("connectionMade");
            super.connectionMade();
        }

        @Override
        public void handshakeCompleted() {
            events.add("handshakeCompleted");
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("connectionLost " + reason.type().getSimpleName());
            super.connectionLost(reason);
        }
    }

    private TLSMemoryBIOProtocol build(TLSMemoryBIOFactory factory) {
        return assertInstanceOf(TLSMemoryBIOProtocol.class, factory.buildProtocol(null));
    }

    @Nested
    class Servers {
        @Test
        void aServerStartsTlsInItsDefaultRoleAndConnectsTheWrappedProtocolAtOnce() {
            Recording wrapped = new Recording();
            TLSMemoryBIOProtocol tls = build(new TLSMemoryBIOFactory(options, false, Factory.forProtocol(() -> wrapped)));
            TLSStringTransport transport = new TLSStringTransport(false);
            tls.makeConnection(transport);
            assertEquals(List.of("normal CertificateOptions"), transport.started);
            assertEquals(List.of("connectionMade"), wrapped.events);
            assertSame(transport, wrapped.transport());
            tls.dataReceived("plain".getBytes(StandardCharsets.US_ASCII));
            assertEquals("plain", new String(wrapped.data(), StandardCharsets.US_ASCII));
            tls.handshakeCompleted();
            assertEquals(List.of("connectionMade", "handshakeCompleted"), wrapped.events);
        }

        @Test
        void aClientsOptionsCannotServe() {
            assertThrows(IllegalArgumentException.class, () -> new TLSMemoryBIOFactory(
                    SSL.optionsForClientTLS("example.com"), false, Factory.forProtocol(Recording::new)));
        }

        @Test // Twisted: TLSMemoryBIOTests.test_logPrefix
        void logPrefixesSayTls() {
            TLSMemoryBIOFactory factory = new TLSMemoryBIOFactory(options, false, Factory.forProtocol(Recording::new));
            assertEquals("Factory (TLS)", factory.logPrefix());
            assertEquals("Recording (TLS)", build(factory).logPrefix());
        }
    }

    @Nested
    class Clients {
        @Test
        void aClientConnectsTheWrappedProtocolOnlyOnceTheHandshakeHasCompleted() {
            Recording wrapped = new Recording();
            TLSMemoryBIOProtocol tls = build(new TLSMemoryBIOFactory(options, true, Factory.forProtocol(() -> wrapped)));
            TLSStringTransport transport = new TLSStringTransport(true);
            tls.makeConnection(transport);
            assertEquals(List.of("normal CertificateOptions"), transport.started);
            assertEquals(List.of(), wrapped.events);
            var done = tls.whenHandshakeCompleted();
            assertNoResult(done);
            tls.handshakeCompleted();
            assertSame(wrapped, successResultOf(done));
            assertEquals(List.of("connectionMade", "handshakeCompleted"), wrapped.events);
        }

        @Test
        void aConnectionLostBeforeTheHandshakeFailsTheDeferredAndTheWrappedProtocolNeverHearsOfIt() {
            Recording wrapped = new Recording();
            TLSMemoryBIOProtocol tls = build(new TLSMemoryBIOFactory(options, true, Factory.forProtocol(() -> wrapped)));
            tls.makeConnection(new TLSStringTransport(true));
            tls.connectionLost(new Failure(new SSLError("TLS handshake failed: no")));
            failureResultOf(tls.whenHandshakeCompleted(), SSLError.class);
            assertEquals(List.of(), wrapped.events);
        }

        @Test
        void theRoleIsSwappedOnATransportWhoseDefaultIsTheOther() {
            TLSMemoryBIOProtocol tls = build(new TLSMemoryBIOFactory(options, true, Factory.forProtocol(Recording::new)));
            TLSStringTransport accepted = new TLSStringTransport(false);
            tls.makeConnection(accepted);
            assertEquals(List.of("swapped CertificateOptions"), accepted.started);
        }

        @Test
        void cancellingTheHandshakeDeferredAbortsTheConnection() {
            TLSMemoryBIOProtocol tls = build(new TLSMemoryBIOFactory(options, true, Factory.forProtocol(Recording::new)));
            TLSStringTransport transport = new TLSStringTransport(true);
            tls.makeConnection(transport);
            tls.whenHandshakeCompleted().cancel();
            assertTrue(transport.disconnecting());
        }

        @Test
        void theClientFactorysEventsReachTheWrappedFactory() {
            List<String> heard = new ArrayList<>();
            ClientFactory wrapped = new ClientFactory() {
                @Override
                public void clientConnectionFailed(dev.jtwisted.internet.IConnector c, Failure reason) {
                    heard.add("failed " + reason.type().getSimpleName());
                }

                @Override
                public void clientConnectionLost(dev.jtwisted.internet.IConnector c, Failure reason) {
                    heard.add("lost " + reason.type().getSimpleName());
                }
            };
            TLSMemoryBIOFactory factory = new TLSMemoryBIOFactory(options, true, wrapped);
            factory.clientConnectionFailed(null, new Failure(new ConnectionRefusedError("no")));
            factory.clientConnectionLost(null, new Failure(new ConnectionDone("done")));
            assertEquals(List.of("failed ConnectionRefusedError", "lost ConnectionDone"), heard);
        }
    }

    @Nested
    class Wrapping {
        @Test
        void aTransportThatCannotStartTlsIsRefused() {
            TLSMemoryBIOProtocol tls = build(new TLSMemoryBIOFactory(options, false, Factory.forProtocol(Recording::new)));
            SSLError e = assertThrows(SSLError.class, () -> tls.makeConnection(new StringTransport()));
            assertTrue(e.getMessage().endsWith("it is no ITLSTransport"), e.getMessage());
        }

        @Test
        void aNullProtocolFromTheWrappedFactoryIsNull() {
            Factory refusing = new Factory() {
                @Override
                public IProtocol buildProtocol(dev.jtwisted.internet.IAddress addr) {
                    return null;
                }
            };
            assertNull(new TLSMemoryBIOFactory(options, false, refusing).buildProtocol(null));
        }

        @Test // Twisted: TLSMemoryBIOTests.test_wrappedProtocolInterfaces
        void aHalfCloseableProtocolStaysHalfCloseable() {
            final class Half extends Recording implements IHalfCloseableProtocol {
                boolean readLost;

                @Override
                public void readConnectionLost() {
                    readLost = true;
                }

                @Override
                public void writeConnectionLost() {}
            }
            Half half = new Half();
            IProtocol tls = new TLSMemoryBIOFactory(options, false, Factory.forProtocol(() -> half)).buildProtocol(null);
            ((IHalfCloseableProtocol) tls).readConnectionLost();
            assertTrue(half.readLost);
            assertFalse(new TLSMemoryBIOFactory(options, false, Factory.forProtocol(Recording::new))
                    .buildProtocol(null) instanceof IHalfCloseableProtocol);
        }
    }
}
