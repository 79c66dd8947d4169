package dev.jtwisted.internet.defer;

/**
 * {@link DeferredQueue#put} was called on a queue that already holds its maximum number of
 * items and has nobody waiting for one.
 *
 * <p>Thrown synchronously by {@code put}, so the producer learns at once that it must slow down.
 *
 * <p>Twisted: {@code twisted.internet.defer.QueueOverflow}.
 */
public class QueueOverflow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An overflow without details. */
    public QueueOverflow() {
        super();
    }

    /** An overflow described by {@code message}, which should give the queue's size limit. */
    public QueueOverflow(String message) {
        super(message);
    }
}
