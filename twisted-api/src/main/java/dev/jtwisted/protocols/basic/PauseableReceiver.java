package dev.jtwisted.protocols.basic;

import dev.jtwisted.internet.IPushProducer;

/**
 * A receiver that is also a push producer: pausing it stops frame delivery and reading until it
 * is resumed, which delivers what arrived meanwhile. Not API.
 *
 * <p>Twisted: {@code _PauseableMixin}.
 */
abstract class PauseableReceiver extends TextReceiver implements IPushProducer {
    private static final byte[] NOTHING = new byte[0];

    /** True while paused by {@link #pauseProducing()} or stopped: nothing is delivered. Twisted: {@code paused}. */
    protected boolean paused;

    /**
     * Stops delivering frames, and asks the transport to stop reading, until
     * {@link #resumeProducing()}. Twisted: {@code _PauseableMixin.pauseProducing}.
     */
    @Override
    public void pauseProducing() {
        paused = true;
        transport.pauseProducing();
    }

    /**
     * Resumes reading, and delivers the frames that arrived while paused.
     * Twisted: {@code _PauseableMixin.resumeProducing}.
     */
    @Override
    public void resumeProducing() {
        paused = false;
        transport.resumeProducing();
        dataReceived(NOTHING);
    }

    /**
     * Stops delivering frames for good, and tells the transport to stop.
     * Twisted: {@code _PauseableMixin.stopProducing}.
     */
    @Override
    public void stopProducing() {
        paused = true;
        transport.stopProducing();
    }

    /** Whether delivery is paused or stopped. Twisted: {@code paused}. */
    public boolean paused() {
        return paused;
    }
}
