package dev.jtwisted.application.internet;

import dev.jtwisted.application.service.Service;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.CancelledError;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a server on an endpoint: listens with the factory when the service starts (or at
 * {@link #privilegedStartService()}), and stops listening when it stops; a stop that comes
 * before the port is listening cancels the attempt instead.
 *
 * <p>Listening may fail later than {@code startService} returns; that failure is logged. With
 * {@link #setRaiseSynchronously} (which {@code Strports.service} sets), a failure that has
 * already happened when {@code listen} returns is thrown from the start instead, so a program
 * that cannot bind its port does not start at all.
 *
 * <pre>{@code
 * new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:8080"), factory)
 *         .setServiceParent(application);
 * }</pre>
 *
 * <p>Twisted: {@code twisted.application.internet.StreamServerEndpointService}. Unlike
 * Twisted's, it can be started again after a stop (Twisted's never listens again), and
 * stopping one that never started only marks it stopped (Twisted's raises AttributeError).
 */
public class StreamServerEndpointService extends Service {
    private static final Logger log = LoggerFactory.getLogger(StreamServerEndpointService.class);

    private final IStreamServerEndpoint endpoint;
    private final IProtocolFactory factory;
    private boolean raiseSynchronously;
    private Deferred<IListeningPort> waitingForPort;

    /** A service listening on {@code endpoint} with {@code factory} while it runs. */
    public StreamServerEndpointService(IStreamServerEndpoint endpoint, IProtocolFactory factory) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The endpoint listened on. Twisted: {@code endpoint}. */
    public IStreamServerEndpoint endpoint() {
        return endpoint;
    }

    /** The factory listened with. Twisted: {@code factory}. */
    public IProtocolFactory factory() {
        return factory;
    }

    /**
     * Whether the next start throws a listen failure that has happened by the time
     * {@code listen} returns; cleared by a start that does not throw.
     */
    public boolean raiseSynchronously() {
        return raiseSynchronously;
    }

    /**
     * Makes the next start throw, rather than log, a listen failure that has happened by the
     * time {@code listen} returns (a port already in use, typically). A failure after that is
     * logged whatever this says.
     *
     * <p>Twisted: the private {@code _raiseSynchronously}, which {@code strports.service} sets;
     * public here because {@code Strports} lives in another package.
     */
    public void setRaiseSynchronously(boolean raiseSynchronously) {
        this.raiseSynchronously = raiseSynchronously;
    }

    /**
     * Starts listening on the endpoint.
     *
     * <p>Twisted: {@code StreamServerEndpointService.privilegedStartService}.
     *
     * @throws RuntimeException (rethrown as it is, checked or not) the listen failure, if
     *     {@link #raiseSynchronously()} and listening has already failed
     */
    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        Deferred<IListeningPort> waiting = endpoint.listen(factory);
        waitingForPort = waiting;
        Failure[] raisedNow = {null};
        boolean[] inListen = {true};
        waiting.addErrback(failure -> {
            // Only a failure that is already there can be thrown; a later one is always logged.
            if (inListen[0] && raiseSynchronously) {
                raisedNow[0] = failure;
            } else if (failure.check(CancelledError.class) == null) {
                log.error("{} failed to listen", this, failure.value());
            }
            return null;
        });
        inListen[0] = false;
        if (raisedNow[0] != null) {
            throw raisedNow[0].raiseException();
        }
        raiseSynchronously = false;
    }

    /**
     * Marks the service running and starts listening, unless {@link #privilegedStartService()}
     * already did.
     *
     * <p>Twisted: {@code StreamServerEndpointService.startService}.
     *
     * @throws RuntimeException as {@link #privilegedStartService()} does; the service is then
     *     marked running, as in Twisted
     */
    @Override
    public void startService() {
        super.startService();
        if (waitingForPort == null) {
            privilegedStartService();
        }
    }

    /**
     * Stops listening if listening, otherwise cancels the attempt to listen; the service is
     * marked stopped once that is done. A cancelled attempt fires the returned Deferred with null
     * (and its {@link CancelledError} is not logged; any other error the cancellation causes is).
     *
     * <p>Twisted: {@code StreamServerEndpointService.stopService}.
     *
     * @return fires with null when the port has stopped listening; fails if
     *     {@code stopListening} fails
     */
    @Override
    public Deferred<Void> stopService() {
        Deferred<IListeningPort> waiting = waitingForPort;
        if (waiting == null) {
            return super.stopService();
        }
        waitingForPort = null;
        waiting.cancel();
        Deferred<Void> d = waiting.addCallbackDeferring(
                port -> port == null ? Defer.succeed(null) : port.stopListening());
        return d.addBoth(passthrough -> {
            super.stopService();
            if (passthrough instanceof Failure) {
                throw ((Failure) passthrough).raiseException();
            }
            return null;
        });
    }

    /** The class, the name if any, and the endpoint. */
    @Override
    public String toString() {
        return super.toString() + " on " + endpoint;
    }
}
