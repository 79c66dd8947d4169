package dev.jtwisted.samples.finger;

import dev.jtwisted.internet.ConnectError;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A finger server that knows no users itself: each query is asked of the upstream finger
 * server with a {@link FingerClient}, and its reply passed on. When the upstream cannot be
 * reached, says nothing before closing, or takes longer than the timeout, the client gets one
 * line starting with {@code Error:} that names the upstream and says what went wrong.
 *
 * <p>The upstream's reply ends with a line end of its own; the one {@link FingerProtocol} adds
 * replaces it rather than doubling it.
 *
 * <p>Twisted: the tutorial's {@code FingerProxyServer(protocol.ServerFactory)}, whose
 * {@code getUser} returns {@code query(self.host, self.port, user)}; the tutorial leaves a
 * failed query to {@code FingerProtocol}'s generic "Internal error in server".
 */
final class FingerProxyServer extends FingerFactory {
    private static final Logger log = LoggerFactory.getLogger(FingerProxyServer.class);

    FingerProxyServer(IReactor reactor, Upstream upstream, double timeout) {
        super(user -> query(reactor, upstream, timeout, user));
    }

    private static Deferred<String> query(IReactor reactor, Upstream upstream, double timeout, String user) {
        return FingerClientFactory.query(reactor, upstream.host(), upstream.port(), user, timeout)
                .addTimeout(timeout, reactor)
                .addCallback(reply -> {
                    if (reply.isEmpty()) {
                        throw new NoAnswer();
                    }
                    return withoutLastLineEnd(reply);
                })
                .addErrback(failure -> errorReply(failure, upstream, timeout, user));
    }

    private static String errorReply(Failure failure, Upstream upstream, double timeout, String user) {
        Throwable e = failure.value();
        String server = "upstream finger server " + upstream;
        String reply;
        if (e instanceof NoAnswer) {
            reply = server + " closed the connection without an answer";
        } else if (e instanceof ConnectionRefusedError) {
            reply = server + " refused the connection";
        } else if (e instanceof dev.jtwisted.internet.defer.TimeoutError
                || e instanceof dev.jtwisted.internet.TimeoutError) {
            reply = server + " did not answer within " + seconds(timeout) + " s";
        } else if (e instanceof ConnectError) {
            reply = "cannot reach " + server + ": " + oneLine(failure.getErrorMessage());
        } else {
            log.error("asking {} about '{}' failed", upstream, user, e);
            reply = "asking " + server + " failed: " + oneLine(failure.getErrorMessage());
        }
        log.info("finger-proxy: '{}': {}", user, reply);
        return "Error: " + reply;
    }

    /** {@code reply} without one trailing {@code \r\n} or {@code \n}. */
    static String withoutLastLineEnd(String reply) {
        if (reply.endsWith("\r\n")) {
            return reply.substring(0, reply.length() - 2);
        }
        return reply.endsWith("\n") ? reply.substring(0, reply.length() - 1) : reply;
    }

    private static String oneLine(String message) {
        return message.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** 30.0 as "30", 0.25 as "0.25". */
    private static String seconds(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }

    /** The upstream closed before writing anything. */
    private static final class NoAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoAnswer() {
            super("closed the connection without an answer");
        }
    }
}
