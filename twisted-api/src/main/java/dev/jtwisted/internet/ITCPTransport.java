package dev.jtwisted.internet;

/**
 * A TCP connection's transport: {@link ITransport} plus socket options and half-close.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.ITCPTransport}.
 */
public interface ITCPTransport extends ITransport {
    /**
     * Closes only the writing half once everything written has been sent: the peer reads end of
     * file, and this side can still read. A protocol that implements
     * {@link IHalfCloseableProtocol} then gets {@code writeConnectionLost}.
     */
    void loseWriteConnection();

    boolean getTcpNoDelay();

    /** Turns Nagle's algorithm off ({@code true}) or on. */
    void setTcpNoDelay(boolean enabled);

    boolean getTcpKeepAlive();

    void setTcpKeepAlive(boolean enabled);

    @Override
    IAddress getPeer();

    @Override
    IAddress getHost();
}
