package dev.jtwisted.samples.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Version 1: fetches the page with the JDK's blocking {@code HttpURLConnection}, on the reactor
 * thread. It works, one client at a time: while one page downloads, the reactor is stuck in
 * that call and nothing else happens, no other client is even accepted. This is the mistake the
 * training shows first, so that the next versions make sense; never do it in a real server.
 *
 * <p>Twisted: {@code proxy1.py}, {@code data = urllib.urlopen(line).read()} inside
 * {@code lineReceived}.
 */
final class BlockingProxy extends ProxyProtocol {
    private static final int TIMEOUT_MILLIS = 30_000;

    @Override
    protected void fetch(String url, long start) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS); // at least the reactor is not stuck forever
        connection.setReadTimeout(TIMEOUT_MILLIS);
        try {
            int code = connection.getResponseCode(); // blocks the reactor!
            if (code < 200 || code > 299) {
                throw new IOException(code + " " + connection.getResponseMessage());
            }
            byte[] page;
            try (InputStream in = connection.getInputStream()) {
                page = in.readAllBytes();
            }
            sendPage(url, start, page);
        } finally {
            connection.disconnect();
        }
    }
}
