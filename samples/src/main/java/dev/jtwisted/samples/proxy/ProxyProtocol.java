package dev.jtwisted.samples.proxy;

import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.python.failure.Failure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every proxy version shares: read one line, a URL; answer with the page body and close.
 * Only {@link #fetch} differs between the versions. A line that is not an {@code http://} or
 * {@code https://} URL gets {@code error: not an http or https URL: 'LINE'}; a fetch that fails
 * gets {@code error: WHAT WENT WRONG}; the connection closes after either.
 *
 * <p>Unlike the training's versions, which silently ignore a line that isn't a URL, every line
 * gets an answer, so a user typing into {@code nc} sees what was wrong. As in them, the time a
 * fetch took is logged.
 *
 * <p>Twisted: the training's {@code ProxyProtocol(LineReceiver)}.
 */
abstract class ProxyProtocol extends LineReceiver {
    private static final Logger log = LoggerFactory.getLogger(ProxyProtocol.class);

    private boolean answering;

    /**
     * Fetches {@code url} (already checked to be http or https) and answers with
     * {@link #sendPage} or {@link #sendError}.
     *
     * @param start {@link System#nanoTime()} when the line arrived, for the log line
     */
    protected abstract void fetch(String url, long start) throws Exception;

    @Override
    public final void lineReceived(byte[] bytes) {
        if (answering) {
            return; // one URL per connection, as in the original: the rest is ignored
        }
        answering = true;
        String line = new String(bytes, StandardCharsets.UTF_8).strip();
        if (!isHttpUrl(line)) {
            sendLine("error: not an http or https URL: '" + line + "'");
            transport.loseConnection();
            return;
        }
        log.info("fetching {}", line);
        try {
            fetch(line, System.nanoTime());
        } catch (Exception e) {
            sendError(line, e);
        }
    }

    /** Answers with the page and closes, logging how long the fetch took. */
    protected final void sendPage(String url, long start, byte[] page) {
        log.info("fetched {} ({} bytes) in {} s", url, page.length,
                String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
        transport.write(page);
        transport.loseConnection();
    }

    /** Answers {@code error: ...} and closes. */
    protected final void sendError(String url, Throwable why) {
        log.info("fetching {} failed: {}", url, why.toString());
        String message = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        sendLine("error: " + message.replace('\r', ' ').replace('\n', ' '));
        transport.loseConnection();
    }

    /** Answers with a fetched page or its failure: the callbacks the Deferred versions add. */
    protected final void answer(String url, long start, Deferred<byte[]> page) {
        page.addCallbacks(body -> {
            sendPage(url, start, body);
            return null;
        }, (Failure failure) -> {
            sendError(url, failure.value());
            return null;
        });
    }

    static boolean isHttpUrl(String line) {
        try {
            URI uri = new URI(line);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
