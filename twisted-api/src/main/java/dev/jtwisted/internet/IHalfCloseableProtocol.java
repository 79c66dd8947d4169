package dev.jtwisted.internet;

/**
 * A protocol that wants to know when one half of its connection closes, instead of the whole
 * connection being closed when the peer stops sending.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IHalfCloseableProtocol}.
 */
public interface IHalfCloseableProtocol {
    /** The peer will send no more (end of file); this side may still write. */
    void readConnectionLost();

    /** Our writing half is closed, after {@link ITCPTransport#loseWriteConnection()}. */
    void writeConnectionLost();
}
