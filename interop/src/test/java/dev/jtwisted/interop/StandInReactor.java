package dev.jtwisted.interop;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.ConnectionLost;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ReactorAlreadyRunning;
import dev.jtwisted.internet.ReactorNotRunning;
import dev.jtwisted.internet.ITransport;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A throwaway {@link IReactor} on blocking sockets, a thread or two per connection, with every
 * protocol event run on the one thread that called {@link #run()}: enough of Twisted's TCP
 * contract to prove {@link EchoInteropTest} itself before netty-bridge's reactor lands. Chosen
 * with {@code -Dinterop.reactor=stand-in}; not a product, and to be deleted once the real
 * reactor runs the tests.
 *
 * <p>It keeps the contract the tests rely on: {@code connectionLost} once per connection, with
 * {@link ConnectionDone} after a clean close (either side) and {@link ConnectionLost} after a
 * reset or an abort, as Twisted's {@code tcp.Connection} does. Timers, triggers and producers are
 * left out: they throw {@link UnsupportedOperationException}.
 */
final class StandInReactor implements IReactor {
    private static final Runnable STOP = () -> {};

    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final List<Runnable> whenRunning = new ArrayList<>();
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread reactorThread;

    @Override
    public void run() {
        synchronized (this) {
            if (running || reactorThread != null) {
                throw new ReactorAlreadyRunning("the stand-in reactor runs once");
            }
            running = true;
            reactorThread = Thread.currentThread();
        }
        whenRunning.forEach(Runnable::run);
        try {
            for (Runnable event; (event = events.take()) != STOP; ) {
                event.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Shutting down: the socket is going away either way.
                }
            }
        }
    }

    @Override
    public void stop() {
        if (!running) {
            throw new ReactorNotRunning("the stand-in reactor is not running");
        }
        running = false;
        events.add(STOP);
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void callWhenRunning(Runnable callable) {
        if (running) {
            callFromThread(callable);
        } else {
            whenRunning.add(callable);
        }
    }

    @Override
    public void callFromThread(Runnable callable) {
        events.add(callable);
    }

    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String interfaceAddress) {
        ServerSocket server;
        try {
            String host = interfaceAddress == null || interfaceAddress.isEmpty() ? "0.0.0.0" : interfaceAddress;
            server = new ServerSocket(port, backlog, InetAddress.getByName(host));
        } catch (IOException e) {
            throw new CannotListenError(interfaceAddress + ":" + port + ": " + e.getMessage(), e);
        }
        open.add(server);
        factory.doStart();
        daemon("stand-in-accept-" + server.getLocalPort(), () -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    callFromThread(() -> new Connection(socket, factory, null).start());
                }
            } catch (IOException e) {
                // stopListening closed the socket.
            }
        });
        IPv4Address host = new IPv4Address("TCP", server.getInetAddress().getHostAddress(), server.getLocalPort());
        return new IListeningPort() {
            @Override
            public Deferred<Void> stopListening() {
                open.remove(server);
                try {
                    server.close();
                } catch (IOException e) {
                    return failed(e);
                }
                factory.doStop();
                Deferred<Void> d = new Deferred<>();
                d.callback(null);
                return d;
            }

            @Override
            public IAddress getHost() {
                return host;
            }
        };
    }

    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress) {
        IPv4Address destination = new IPv4Address("TCP", host, port);
        IConnector connector = new IConnector() {
            @Override
            public void stopConnecting() {
                throw new UnsupportedOperationException("stand-in reactor: stopConnecting");
            }

            @Override
            public void disconnect() {
                throw new UnsupportedOperationException("stand-in reactor: disconnect");
            }

            @Override
            public void connect() {
                throw new UnsupportedOperationException("stand-in reactor: connect again");
            }

            @Override
            public IAddress getDestination() {
                return destination;
            }
        };
        factory.doStart();
        factory.startedConnecting(connector);
        daemon("stand-in-connect-" + port, () -> {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), (int) (timeout * 1000));
                callFromThread(() -> new Connection(socket, factory, connector).start());
            } catch (IOException e) {
                RuntimeException reason = e instanceof ConnectException
                        ? new ConnectionRefusedError(host + ":" + port, e)
                        : new ConnectError(host + ":" + port + ": " + e.getMessage(), e);
                callFromThread(() -> {
                    factory.clientConnectionFailed(connector, new Failure(reason));
                    factory.doStop();
                });
            }
        });
        return connector;
    }

    /**
     * One connection: a reader thread posts what it reads to the reactor thread, a writer thread
     * sends what the protocol writes; the protocol itself only runs on the reactor thread.
     */
    private final class Connection implements ITransport, AutoCloseable {
        private final Socket socket;
        private final IProtocolFactory factory;
        private final IConnector connector;
        private final BlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
        private final byte[] closeMarker = new byte[0];
        private IProtocol protocol;
        /** Reactor thread only. */
        private boolean lost;
        private volatile boolean closingCleanly;
        private volatile boolean aborting;

        Connection(Socket socket, IProtocolFactory factory, IConnector connector) {
            this.socket = socket;
            this.factory = factory;
            this.connector = connector;
        }

        /** Reactor thread. */
        void start() {
            protocol = factory.buildProtocol(getPeer());
            if (protocol == null) {
                closeQuietly();
                return;
            }
            open.add(this);
            daemon("stand-in-write-" + socket.getPort(), this::writeLoop);
            protocol.makeConnection(this);
            daemon("stand-in-read-" + socket.getPort(), this::readLoop);
        }

        private void readLoop() {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = socket.getInputStream();
                for (int n; (n = in.read(buf)) > 0; ) {
                    byte[] data = Arrays.copyOf(buf, n);
                    callFromThread(() -> {
                        if (!lost && !aborting) {
                            protocol.dataReceived(data);
                        }
                    });
                }
                lose(new ConnectionDone("Connection was closed cleanly."));
            } catch (IOException e) {
                lose(closingCleanly && !aborting
                        ? new ConnectionDone("Connection was closed cleanly.")
                        : new ConnectionLost("Connection to the other side was lost in a non-clean fashion: "
                                + e.getMessage(), e));
            }
        }

        private void writeLoop() {
            try {
                OutputStream out = socket.getOutputStream();
                for (byte[] data; (data = outgoing.take()) != closeMarker; ) {
                    out.write(data);
                }
                closingCleanly = true;
                socket.close();
            } catch (IOException e) {
                // A reset or an abort: the reader sees it too and reports it.
                closeQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** From any thread: reports the loss once, on the reactor thread. */
        private void lose(RuntimeException reason) {
            callFromThread(() -> {
                if (lost) {
                    return;
                }
                lost = true;
                open.remove(this);
                closeQuietly();
                outgoing.add(closeMarker);
                Failure failure = new Failure(reason);
                protocol.connectionLost(failure);
                if (factory instanceof ClientFactory) {
                    ((ClientFactory) factory).clientConnectionLost(connector, failure);
                    factory.doStop();
                }
            });
        }

        @Override
        public void write(byte[] data) {
            if (!closingCleanly && !aborting && data.length > 0) {
                outgoing.add(data);
            }
        }

        @Override
        public void writeSequence(List<byte[]> data) {
            data.forEach(this::write);
        }

        @Override
        public void loseConnection() {
            outgoing.add(closeMarker);
        }

        @Override
        public void abortConnection() {
            aborting = true;
            closeQuietly();
            lose(new ConnectionLost("Connection was aborted locally."));
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing: nothing left to do with it.
            }
        }

        @Override
        public IAddress getPeer() {
            return new IPv4Address("TCP", socket.getInetAddress().getHostAddress(), socket.getPort());
        }

        @Override
        public IAddress getHost() {
            return new IPv4Address("TCP", socket.getLocalAddress().getHostAddress(), socket.getLocalPort());
        }

        @Override
        public void registerProducer(IProducer producer, boolean streaming) {
            throw new UnsupportedOperationException("stand-in reactor: producers");
        }

        @Override
        public void unregisterProducer() {
            throw new UnsupportedOperationException("stand-in reactor: producers");
        }

        @Override
        public void pauseProducing() {
            throw new UnsupportedOperationException("stand-in reactor: pauseProducing");
        }

        @Override
        public void resumeProducing() {
            throw new UnsupportedOperationException("stand-in reactor: resumeProducing");
        }

        @Override
        public void stopProducing() {
            abortConnection();
        }
    }

    private static <T> Deferred<T> failed(Throwable e) {
        Deferred<T> d = new Deferred<>();
        d.errback(e);
        return d;
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public double seconds() {
        return System.nanoTime() / 1e9;
    }

    @Override
    public IDelayedCall callLater(double delay, Runnable callable) {
        throw new UnsupportedOperationException("stand-in reactor: callLater");
    }

    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return List.of();
    }

    @Override
    public Object addSystemEventTrigger(String phase, String eventType, Callable<?> callable) {
        throw new UnsupportedOperationException("stand-in reactor: system event triggers");
    }

    @Override
    public void removeSystemEventTrigger(Object triggerId) {
        throw new UnsupportedOperationException("stand-in reactor: system event triggers");
    }

    @Override
    public void fireSystemEvent(String eventType) {
        throw new UnsupportedOperationException("stand-in reactor: system event triggers");
    }

    @Override
    public void callInThread(Runnable callable) {
        throw new UnsupportedOperationException("stand-in reactor: thread pool");
    }

    @Override
    public void suggestThreadPoolSize(int size) {
        throw new UnsupportedOperationException("stand-in reactor: thread pool");
    }
}
