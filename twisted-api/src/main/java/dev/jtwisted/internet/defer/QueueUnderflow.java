package dev.jtwisted.internet.defer;

/**
 * {@link DeferredQueue#get} was called on an empty queue that already has its maximum number
 * (its backlog) of {@code get} Deferreds waiting.
 *
 * <p>Thrown synchronously by {@code get}, so the consumer learns at once that too many are
 * waiting.
 *
 * <p>Twisted: {@code twisted.internet.defer.QueueUnderflow}.
 */
public class QueueUnderflow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An underflow without details. */
    public QueueUnderflow() {
        super();
    }

    /** An underflow described by {@code message}, which should give the queue's backlog limit. */
    public QueueUnderflow(String message) {
        super(message);
    }
}
