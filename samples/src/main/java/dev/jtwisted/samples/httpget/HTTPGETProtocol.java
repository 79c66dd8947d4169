package dev.jtwisted.samples.httpget;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ConnectionDone;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;

/**
 * Sends one GET request as soon as it connects, keeps everything that comes back, and when the
 * server closes the connection fires the factory's Deferred with the whole response. There is
 * no need to parse as it arrives: the request says {@code Connection: close}, so the end of the
 * connection is the end of the response.
 *
 * <p>The request is HTTP/1.0 (the training's was 1.1 with {@code Connection: close}): a 1.0
 * response is never chunked, so the body is the bytes after the headers, as they are.
 *
 * <p>Twisted: {@code HTTPGETProtocol} of the training's {@code httpget.py}.
 */
final class HTTPGETProtocol extends Protocol {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /** The factory the training sets {@code path}, {@code host} and {@code deferred} on. */
    static final class GetFactory extends ClientFactory {
        final String path;
        final String host;
        final Deferred<byte[]> deferred = new Deferred<>();

        GetFactory(String path, String host) {
            this.protocol = HTTPGETProtocol::new;
            this.path = path;
            this.host = host;
            noisy = false;
        }
    }

    @Override
    public void connectionMade() {
        GetFactory factory = (GetFactory) this.factory;
        transport.write(("GET " + factory.path + " HTTP/1.0\r\n"
                + "User-Agent: jtwisted-samples/http-get\r\n"
                + "Host: " + factory.host + "\r\n"
                + "Connection: close\r\n"
                + "\r\n").getBytes(US_ASCII));
    }

    @Override
    public void dataReceived(byte[] data) {
        buffer.writeBytes(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        GetFactory factory = (GetFactory) this.factory;
        if (reason.check(ConnectionDone.class) != null) {
            factory.deferred.callback(buffer.toByteArray());
        } else {
            factory.deferred.errback(reason);
        }
    }
}
