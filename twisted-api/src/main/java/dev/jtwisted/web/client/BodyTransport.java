package dev.jtwisted.web.client;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.ITransport;
import java.util.List;

/**
 * The transport a response's body protocol gets: it can pause, resume and abort the download
 * (which pauses, resumes or aborts the connection), and nothing else. Once the response is over
 * it stops passing anything on, so a body protocol cannot disturb the next request on a kept-alive
 * connection. Not API.
 *
 * <p>Twisted: {@code twisted.web._newclient.TransportProxyProducer}.
 */
final class BodyTransport implements ITransport {
    private ITransport transport;
    private final IAddress peer;
    private final IAddress host;

    BodyTransport(ITransport transport) {
        this.transport = transport;
        this.peer = transport.getPeer();
        this.host = transport.getHost();
    }

    /** Stops passing calls on. Twisted: {@code stopProxying}. */
    void stopProxying() {
        transport = null;
    }

    @Override
    public void pauseProducing() {
        if (transport != null && !transport.disconnecting()) {
            transport.pauseProducing();
        }
    }

    @Override
    public void resumeProducing() {
        if (transport != null && !transport.disconnecting()) {
            transport.resumeProducing();
        }
    }

    /** Aborts the connection: the body is not wanted any more. */
    @Override
    public void stopProducing() {
        abortConnection();
    }

    /** Aborts the connection, as {@link #abortConnection()}: the rest of the body is not wanted. */
    @Override
    public void loseConnection() {
        abortConnection();
    }

    @Override
    public void abortConnection() {
        if (transport != null) {
            ITransport t = transport;
            t.abortConnection();
        }
    }

    @Override
    public boolean disconnecting() {
        return transport == null || transport.disconnecting();
    }

    @Override
    public void write(byte[] data) {
        throw new UnsupportedOperationException("a response body's transport cannot be written to");
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        throw new UnsupportedOperationException("a response body's transport cannot be written to");
    }

    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        throw new UnsupportedOperationException("a response body's transport takes no producer");
    }

    @Override
    public void unregisterProducer() {}

    @Override
    public IAddress getPeer() {
        return peer;
    }

    @Override
    public IAddress getHost() {
        return host;
    }

    @Override
    public String toString() {
        return "BodyTransport(" + (transport == null ? "finished" : transport) + ")";
    }
}
