package dev.jtwisted.internet;

import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client factory that reconnects whenever a connection fails or is lost, waiting longer after
 * each consecutive failure (exponential back-off with random jitter, up to {@code maxDelay}).
 * Call {@link #resetDelay()} once a connection succeeds, usually from {@code buildProtocol}, so
 * that the next outage starts again from a short delay.
 *
 * <p>The tunables are protected fields with Twisted's names and defaults; set them in a subclass
 * constructor. {@code clock} defaults to the global reactor, looked up at the first retry; tests
 * set a {@link dev.jtwisted.internet.task.Clock} and, for exact delays, {@code jitter = 0} or a
 * seeded {@code random}.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ReconnectingClientFactory}.
 */
public class ReconnectingClientFactory extends ClientFactory {
    private static final Logger log = LoggerFactory.getLogger(ReconnectingClientFactory.class);

    /** Longest wait between attempts, in seconds. Twisted: {@code maxDelay}. */
    protected double maxDelay = 3600;
    /** The delay {@link #resetDelay()} goes back to, in seconds. Twisted: {@code initialDelay}. */
    protected double initialDelay = 1.0;
    /** How much the delay grows after each failure: e. Twisted: {@code factor}. */
    protected double factor = 2.7182818284590451;
    /**
     * The standard deviation of the delay, as a fraction of it, so that many clients do not all
     * come back at once; 0 for none. Twisted: {@code jitter}.
     */
    protected double jitter = 0.119626565582;
    /** Consecutive failed attempts after which to give up; null for never. Twisted: {@code maxRetries}. */
    protected Integer maxRetries;
    /** What schedules the retries; null for the global reactor. Twisted: {@code clock}. */
    protected IReactorTime clock;
    /** Where the jitter comes from; replace it with a seeded one for repeatable delays. */
    protected Random random = new Random();

    /** The delay before the next attempt, grown by each retry. Twisted: {@code delay}. */
    protected double delay = initialDelay;
    /** Retries since the last {@link #resetDelay()}. Twisted: {@code retries}. */
    protected int retries;
    /** The connector of the last failed or lost connection, or null. Twisted: {@code connector}. */
    protected IConnector connector;
    /** False after {@link #stopTrying()}. Twisted: {@code continueTrying}. */
    protected boolean continueTrying = true;

    private IDelayedCall callID;

    /** A factory that retries on the global reactor (unless {@code clock} is set later). */
    public ReconnectingClientFactory() {}

    /** A factory that schedules its retries on {@code clock}. */
    public ReconnectingClientFactory(IReactorTime clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Schedules a retry, unless {@link #stopTrying()} was called. */
    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /** Schedules a retry, unless {@link #stopTrying()} was called. */
    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /**
     * Has the last connector connect again after the next delay.
     *
     * @throws IllegalStateException if no connection has failed or been lost yet, so there is
     *     no connector to retry (Twisted: ValueError)
     */
    public void retry() {
        retry(null);
    }

    /**
     * Has {@code connector} (null: the last one) connect again after the next delay: the delay
     * grows by {@code factor}, is capped at {@code maxDelay}, and is then jittered. Does nothing
     * after {@link #stopTrying()} or once {@code maxRetries} is exceeded.
     *
     * <p>Twisted: {@code ReconnectingClientFactory.retry}.
     *
     * @throws IllegalStateException if {@code connector} is null and there is no last one
     */
    public void retry(IConnector connector) {
        if (!continueTrying) {
            if (noisy) {
                log.info("Abandoning {} on explicit request", connector);
            }
            return;
        }
        if (connector == null) {
            if (this.connector == null) {
                throw new IllegalStateException("no connector to retry");
            }
            connector = this.connector;
        }

        retries++;
        if (maxRetries != null && retries > maxRetries) {
            if (noisy) {
                log.info("Abandoning {} after {} retries.", connector, retries);
            }
            return;
        }

        delay = Math.min(delay * factor, maxDelay);
        if (jitter != 0) {
            // Twisted: random.normalvariate(delay, delay * jitter). Never negative: callLater
            // refuses that, and a wide jitter could produce it.
            delay = Math.max(0, delay + delay * jitter * random.nextGaussian());
        }

        if (noisy) {
            log.info("{} will retry in {} seconds", connector, (long) delay);
        }

        if (clock == null) {
            clock = Reactor.reactor();
        }
        IConnector target = connector;
        callID = clock.callLater(delay, () -> {
            callID = null;
            target.connect();
        });
    }

    /**
     * Stops reconnecting: cancels a scheduled retry, stops the connector's attempt in progress
     * if any, and makes later failures and losses final.
     *
     * <p>Twisted: {@code ReconnectingClientFactory.stopTrying}.
     */
    public void stopTrying() {
        if (callID != null) {
            callID.cancel();
            callID = null;
        }
        continueTrying = false;
        if (connector != null) {
            try {
                connector.stopConnecting();
            } catch (NotConnectingError e) {
                // Connected, or already failed: there is no attempt to stop, as Twisted ignores.
                log.debug("{}: {} was not connecting", this, connector, e);
            }
        }
    }

    /**
     * Resets the delay and the retry count, and allows retrying again; call it after a
     * successful connection.
     *
     * <p>Twisted: {@code ReconnectingClientFactory.resetDelay}.
     */
    public void resetDelay() {
        delay = initialDelay;
        retries = 0;
        callID = null;
        continueTrying = true;
    }

    /** The delay, in seconds, used by the last retry. */
    public double delay() {
        return delay;
    }

    /** Retries since the last {@link #resetDelay()}. */
    public int retries() {
        return retries;
    }

    /** Whether failures and losses still lead to retries. */
    public boolean continueTrying() {
        return continueTrying;
    }

    /** The connector retries go to, or null before the first failure or loss. */
    public IConnector connector() {
        return connector;
    }

    /** Sets what schedules the retries. Twisted: {@code factory.clock = clock}. */
    public void setClock(IReactorTime clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What schedules the retries, or null until the first retry if it was never set. */
    public IReactorTime clock() {
        return clock;
    }
}
