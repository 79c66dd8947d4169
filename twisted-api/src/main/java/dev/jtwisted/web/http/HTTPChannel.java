package dev.jtwisted.web.http;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.web.internal.Channels;
import dev.jtwisted.web.internal.ServerConnection;
import dev.jtwisted.web.server.Site;
import java.util.Objects;

/**
 * The protocol of one HTTP server connection, as {@link Site#buildProtocol} makes it. It does
 * not parse bytes: when a connection's protocol is an {@code HTTPChannel}, the Netty reactor
 * puts its HTTP codec in front of it and hands it whole requests instead, which it answers in
 * order, keeping the connection alive between them (HTTP/1.1) as Twisted's does.
 *
 * <p>So {@link #dataReceived} throws: on a transport that delivers bytes (the test kit's
 * {@code StringTransport}), there is no parser. Test resources with
 * {@link dev.jtwisted.web.test.DummyRequest}, and HTTP itself over a real reactor.
 *
 * <p>Threads: the connection's reactor thread.
 *
 * <p>Twisted: {@code twisted.web.http.HTTPChannel}.
 */
public class HTTPChannel extends Protocol {
    static {
        Channels.setAccess(new Channels.Access() {
            @Override
            public ServerConnection connection(HTTPChannel channel) {
                return channel.connection;
            }

            @Override
            public void attach(HTTPChannel channel, ServerConnection connection) {
                if (channel.connection != null) {
                    throw new IllegalStateException(channel + " is driven already");
                }
                channel.connection = connection;
            }
        });
    }

    private final Site site;
    private ServerConnection connection;

    /** A channel serving {@code site}'s resources. Twisted: the site sets {@code channel.site}. */
    public HTTPChannel(Site site) {
        this.site = Objects.requireNonNull(site, "site");
    }

    /** The site whose resources this channel serves. */
    public Site site() {
        return site;
    }

    /**
     * Always throws: the reactor's HTTP bridge parses requests, not this class.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void dataReceived(byte[] data) {
        throw new UnsupportedOperationException("HTTPChannel does not parse bytes itself: the Netty reactor "
                + "parses HTTP in front of it (serve the Site with NettyReactor). To test a resource without a "
                + "reactor, render it with dev.jtwisted.web.test.DummyRequest.");
    }

    /** Tells the request being answered, if any, that its client is gone. */
    @Override
    public void connectionLost(Failure reason) {
        if (connection != null) {
            connection.connectionLost(reason);
        }
    }

    /** The client's address. */
    public IAddress getPeer() {
        return transport.getPeer();
    }

    /** This server's address for the connection. */
    public IAddress getHost() {
        return transport.getHost();
    }

    /** Whether the connection is TLS; false until the reactor speaks TLS. */
    public boolean isSecure() {
        return false;
    }

    /** Closes the connection once what was written is sent. */
    public void loseConnection() {
        transport.loseConnection();
    }

    @Override
    public String toString() {
        return "HTTPChannel(" + (transport == null ? "not connected" : transport.getPeer()) + ")";
    }
}
