package dev.jtwisted.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtwisted.internet.BadFileError;
import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.ITCPTransport;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.netty.TcpIntegrationTest.RecordingClientFactory;
import dev.jtwisted.netty.TcpIntegrationTest.Watched;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.lockfile.FilesystemLock;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNIX-domain stream sockets in a temporary directory, on each backend available here: echo
 * through {@code unix:} endpoints, addresses, the file's mode and life, lock files, errors.
 *
 * <p>Twisted: {@code twisted.test.test_unix} ({@code UnixSocketTests}) and the lockfile part of
 * {@code unix.Port}, ported where they apply.
 */
@Timeout(60)
class UnixIntegrationTest {
    /** Echoes what it gets. */
    static final class Echo extends Watched {
        @Override
        public void dataReceived(byte[] data) {
            super.dataReceived(data);
            transport.write(data);
        }
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** The pid of a process that has exited. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.pid();
    }

    /** Leaves a socket file with nothing listening on it, as a killed server does. */
    static void staleSocketFile(Path path) throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Nested
    class OnNio extends Contract {
        OnNio() {
            super(IoBackend.NIO);
        }
    }

    @Nested
    class OnEpoll extends Contract {
        OnEpoll() {
            super(IoBackend.EPOLL);
        }
    }

    @Nested
    class OnIoUring extends Contract {
        OnIoUring() {
            super(IoBackend.IO_URING);
        }
    }

    abstract class Contract {
        private final IoBackend backend;
        private final Reactors reactors = new Reactors();
        NettyReactor reactor;
        @TempDir
        Path dir;
        Path path;

        Contract(IoBackend backend) {
            this.backend = backend;
        }

        @BeforeEach
        void start() {
            assumeTrue(backend.isAvailable(), () -> backend + " is not available here: " + backend.unavailabilityCause());
            reactor = reactors.started(NettyReactor.builder().backend(backend).name("unix-" + backend));
            path = dir.resolve("s.sock");
        }

        @AfterEach
        void stop() {
            reactors.close();
        }

        IListeningPort listen(Watched protocol) {
            return reactor.listenUNIX(path.toString(), ServerFactory.forProtocol(() -> protocol), 50, 0666, false);
        }

        @Test // Twisted: UnixSocketTests.test_peerBind, test_dumber
        void echoesThroughUnixEndpointsAndBothEndsSeeUnixAddresses() throws Exception {
            Echo accepted = new Echo();
            IListeningPort port = Reactors.onDeferred(reactor, () -> Endpoints
                    .serverFromString(reactor, "unix:" + path + ":mode=600:lockfile=1")
                    .listen(ServerFactory.forProtocol(() -> accepted)));
            assertEquals(new UNIXAddress(path.toString()), port.getHost());

            Watched dialer = new Watched();
            dialer.expected = "hello";
            IProtocol connected = Reactors.onDeferred(reactor, () -> Endpoints
                    .clientFromString(reactor, "unix:path=" + path + ":timeout=5:lockfile=1")
                    .connect(ServerFactory.forProtocol(() -> dialer)));
            assertTrue(connected != null);
            ITCPTransport clientSide = get(dialer.made);
            clientSide.write("hello".getBytes(US_ASCII));
            assertEquals("hello", get(dialer.gotExpected));

            ITCPTransport serverSide = get(accepted.made);
            assertEquals(new UNIXAddress(path.toString()), serverSide.getHost());
            assertEquals(new UNIXAddress(null), serverSide.getPeer());
            assertEquals(new UNIXAddress(path.toString()), clientSide.getPeer());
            assertEquals(new UNIXAddress(null), clientSide.getHost());

            clientSide.loseConnection();
            assertInstanceOf(ConnectionDone.class, get(accepted.lost).value(), "a clean close is ConnectionDone");
            assertInstanceOf(ConnectionDone.class, get(dialer.lost).value());
        }

        @Test
        void theServerClosingCleanlyIsConnectionDoneAtTheClient() throws Exception {
            Watched accepted = new Watched();
            listen(accepted);
            Watched dialer = new Watched();
            reactor.connectUNIX(path.toString(), new RecordingClientFactory() {
                {
                    protocol = () -> dialer;
                }
            });
            get(dialer.made);
            get(accepted.made).loseConnection();
            assertInstanceOf(ConnectionDone.class, get(dialer.lost).value());
            assertInstanceOf(ConnectionDone.class, get(accepted.lost).value());
        }

        @Test // Twisted: UnixSocketTests.test_socketLocking's cleanup, test_listenOnLinuxAbstractNamespace
        void stopListeningRemovesTheSocketFileAndTheLock() throws Exception {
            IListeningPort port = reactor.listenUNIX(path.toString(), ServerFactory.forProtocol(Protocol::new), 50,
                    0666, true);
            Path lock = Path.of(path + ".lock");
            assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readSymbolicLink(lock).toString());
            Reactors.onDeferred(reactor, port::stopListening);
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "the socket file is gone");
            assertFalse(Files.exists(lock, LinkOption.NOFOLLOW_LINKS), "the lock is released");
            // And the path can be listened on again.
            reactor.listenUNIX(path.toString(), ServerFactory.forProtocol(Protocol::new), 50, 0666, true);
        }

        @Test // Twisted: UnixSocketTests.test_mode
        void theSocketFileGetsTheModeAsked() throws Exception {
            reactor.listenUNIX(path.toString(), ServerFactory.forProtocol(Protocol::new), 50, 0600, false);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(path));
            Path other = dir.resolve("t.sock");
            reactor.listenUNIX(other.toString(), ServerFactory.forProtocol(Protocol::new));
            assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), Files.getPosixFilePermissions(other));
        }

        @Test // Twisted: UnixSocketTests.test_socketLocking (a dead owner's files are cleared)
        void aLockLeftByADeadProcessIsTakenAndItsStaleSocketFileRemoved() throws Exception {
            staleSocketFile(path);
            Files.createSymbolicLink(Path.of(path + ".lock"), Path.of(Long.toString(deadPid())));
            Echo accepted = new Echo();
            reactor.listenUNIX(path.toString(), ServerFactory.forProtocol(() -> accepted), 50, 0666, true);
            Watched dialer = new Watched();
            reactor.connectUNIX(path.toString(), new RecordingClientFactory() {
                {
                    protocol = () -> dialer;
                }
            }, 5, true);
            get(dialer.made);
            get(accepted.made);
        }

        @Test // Twisted: UnixSocketTests.test_socketLocking (a live owner refuses)
        void aLockHeldByALiveProcessRefusesToListen() throws Exception {
            FilesystemLock held = new FilesystemLock(path + ".lock");
            assertTrue(held.lock());
            CannotListenError e = assertThrows(CannotListenError.class, () -> reactor.listenUNIX(path.toString(),
                    ServerFactory.forProtocol(Protocol::new), 50, 0666, true));
            assertTrue(e.getMessage().contains("Cannot acquire lock"), e.getMessage());
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "nothing was bound");
            held.unlock();
        }

        @Test // Twisted: a second listenUNIX with wantPID in one process fails the same way
        void listeningTwiceWithLocksOnOnePathRefusesTheSecond() {
            reactor.listenUNIX(path.toString(), ServerFactory.forProtocol(Protocol::new), 50, 0666, true);
            assertThrows(CannotListenError.class, () -> reactor.listenUNIX(path.toString(),
                    ServerFactory.forProtocol(Protocol::new), 50, 0666, true));
            assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "the first one's socket stays");
        }

        @Test // Twisted: without wantPID a stale file makes bind fail
        void withoutALockAStaleSocketFileIsCannotListenError() throws Exception {
            staleSocketFile(path);
            CannotListenError e = assertThrows(CannotListenError.class, () -> listen(new Watched()));
            assertTrue(e.getMessage().startsWith("Couldn't listen on " + path), e.getMessage());
            assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "the file is left alone");
        }

        @Test // Twisted: test_listenOnLinuxAbstractNamespace (not supported here), and sun_path's limit
        void abstractAndTooLongPathsAreRefusedSayingWhy() {
            CannotListenError abs = assertThrows(CannotListenError.class, () -> reactor.listenUNIX("\0jtwisted-test",
                    ServerFactory.forProtocol(Protocol::new)));
            assertTrue(abs.getMessage().contains("abstract-namespace"), abs.getMessage());
            String longPath = dir.resolve("x".repeat(120)).toString();
            CannotListenError tooLong = assertThrows(CannotListenError.class, () -> reactor.listenUNIX(longPath,
                    ServerFactory.forProtocol(Protocol::new)));
            assertTrue(tooLong.getMessage().contains("at most 107"), tooLong.getMessage());
            assertThrows(CannotListenError.class, () -> reactor.listenUNIX(dir.resolve("no/such/dir.sock").toString(),
                    ServerFactory.forProtocol(Protocol::new)));
        }

        @Test // Twisted: test_connectToNonExistentPath... ConnectError; refused on a stale file
        void connectingWhereNothingListensFails() throws Exception {
            RecordingClientFactory missing = new RecordingClientFactory();
            reactor.connectUNIX(dir.resolve("missing.sock").toString(), missing);
            Failure f = get(missing.failed);
            assertInstanceOf(ConnectError.class, f.value());

            staleSocketFile(path);
            RecordingClientFactory stale = new RecordingClientFactory();
            reactor.connectUNIX(path.toString(), stale);
            assertInstanceOf(ConnectionRefusedError.class, get(stale.failed).value());
        }

        @Test // Twisted: unix.Client's checkPID
        void checkPIDFailsWithBadFileErrorUnlessALiveServerHoldsTheLock() throws Exception {
            listen(new Watched());
            RecordingClientFactory noLock = new RecordingClientFactory();
            reactor.connectUNIX(path.toString(), noLock, 5, true);
            assertInstanceOf(BadFileError.class, get(noLock.failed).value());
        }

        @Test // Twisted: ReactorShutdownInteractionTests, for UNIX ports
        void stoppingTheReactorClosesThePortAndRemovesItsFile() throws Exception {
            reactor.listenUNIX(path.toString(), ServerFactory.forProtocol(Protocol::new), 50, 0666, true);
            Reactors.stopAndWait(reactor);
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(Path.of(path + ".lock"), LinkOption.NOFOLLOW_LINKS));
        }
    }
}
