package dev.jtwisted.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking echo server on plain Java sockets, a thread per connection: a peer for the Python
 * scripts that involves no jtwisted at all, to test the harness itself. It can corrupt one byte
 * of each echoed stream, to prove that the scripts notice.
 *
 * <p>Threads: its own; {@link #close()} from the test thread.
 */
final class PlainEchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final long corruptAt;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final boolean echo;

    private PlainEchoServer(boolean echo, long corruptAt) {
        this.echo = echo;
        this.corruptAt = corruptAt;
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        start("plain-echo-accept", this::acceptLoop);
    }

    /** An echo server on 127.0.0.1, port 0. */
    static PlainEchoServer echo() {
        return new PlainEchoServer(true, -1);
    }

    /** An echo server that flips the bits of byte {@code offset} of every stream it echoes. */
    static PlainEchoServer corruptingAt(long offset) {
        return new PlainEchoServer(true, offset);
    }

    /** A server that accepts connections and never reads from them. */
    static PlainEchoServer silent() {
        return new PlainEchoServer(false, -1);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Closes the listening socket and every connection, and waits (bounded) for the threads. */
    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        List<Thread> toJoin;
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
            toJoin = List.copyOf(threads);
        }
        for (Thread t : toJoin) {
            t.join(2000);
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                synchronized (sockets) {
                    sockets.add(socket);
                }
                if (echo) {
                    start("plain-echo-" + socket.getPort(), () -> echoLoop(socket));
                }
            }
        } catch (SocketException e) {
            // close() closed the server socket: done.
        } catch (IOException e) {
            throw new UncheckedIOException("accept failed on port " + port(), e);
        }
    }

    private void echoLoop(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buf = new byte[64 * 1024];
            long offset = 0;
            for (int n; (n = in.read(buf)) > 0; offset += n) {
                if (corruptAt >= offset && corruptAt < offset + n) {
                    buf[(int) (corruptAt - offset)] ^= (byte) 0xff;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // The peer reset or close() closed the socket: this connection is over.
        }
    }

    private void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        synchronized (sockets) {
            threads.add(t);
        }
        t.start();
    }
}
