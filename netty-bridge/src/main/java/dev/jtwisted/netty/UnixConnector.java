package dev.jtwisted.netty;

import dev.jtwisted.internet.BadFileError;
import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.TimeoutError;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.lockfile.Lockfile;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing UNIX-domain stream connection and its attempts (see {@link StreamConnector}),
 * with Twisted's {@code checkPID}: refuse a socket whose lock no live process holds.
 *
 * <p>Twisted: {@code twisted.internet.unix.Connector} and {@code unix.Client}.
 */
final class UnixConnector extends StreamConnector {
    private static final Logger log = LoggerFactory.getLogger(UnixConnector.class);

    private final String path;
    private final boolean checkPID;

    UnixConnector(NettyReactor reactor, String path, ClientFactory factory, double timeout, boolean checkPID,
            EventLoop loop) {
        super(reactor, factory, timeout, loop);
        this.path = path;
        this.checkPID = checkPID;
    }

    @Override
    String where() {
        return path;
    }

    @Override
    void start(Attempt a) {
        if (checkPID && !serverHoldsLock()) {
            // Twisted: unix.Client's checkPID.
            failed(a, new Failure(new BadFileError("File used for UNIX socket is no good: " + path
                    + " (no live process holds " + path + ".lock)")));
            return;
        }
        Channel ch = reactor.backend.newDomainSocketChannel();
        ch.pipeline().addLast(new EndOfInputOnClose());
        open(a, ch, reactor.backend.domainAddress(path), null);
    }

    private boolean serverHoldsLock() {
        try {
            return Lockfile.isLocked(path + ".lock");
        } catch (IOException e) {
            log.debug("{}: cannot check the lock of {}: {}", this, path, e.toString());
            return false;
        }
    }

    @Override
    Failure translate(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (cause instanceof ConnectTimeoutException || lower.contains("timed out")) {
            return new Failure(new TimeoutError("User timeout caused connection failure: " + path, cause));
        }
        if (lower.contains("refused")) {
            return new Failure(new ConnectionRefusedError("Connection was refused by other side: " + path
                    + ": " + message, cause));
        }
        String what = cause instanceof ConnectException || cause instanceof IOException ? message : cause.toString();
        return new Failure(new ConnectError("Connecting to " + path + " failed: " + what, cause));
    }

    @Override
    public IAddress getDestination() {
        return new UNIXAddress(path);
    }

    @Override
    public String toString() {
        return "<UnixConnector to '" + path + "' " + state() + ">";
    }
}
