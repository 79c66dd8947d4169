package dev.jtwisted.application.service;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.defer.DeferredList;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service made of services: starting it starts its children in the order they were added;
 * stopping it stops them all in the reverse order, without one waiting for another, and its
 * own stop finishes when all of theirs have.
 *
 * <p>Twisted: {@code twisted.application.service.MultiService}. One deliberate difference:
 * Twisted's {@code stopService} fires with a {@code DeferredList} result and leaves a child's
 * failure on that child's Deferred, to be logged when it is garbage-collected; this one fails
 * with the first failure (in stop order) once every child has finished, and logs any others.
 */
public class MultiService extends Service implements IServiceCollection {
    private static final Logger log = LoggerFactory.getLogger(MultiService.class);

    private final List<IService> services = new ArrayList<>();
    private final Map<String, IService> namedServices = new HashMap<>();

    /** An empty, anonymous collection, not running. */
    public MultiService() {}

    /**
     * Runs each child's {@code privilegedStartService}, in order. Twisted:
     * {@code MultiService.privilegedStartService}.
     */
    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        for (IService service : new ArrayList<>(services)) {
            service.privilegedStartService();
        }
    }

    /**
     * Marks this running and starts each child, in order. A child added by another child's
     * start-up is started once, when it is added. An exception from a child propagates, and
     * the children after it are not started.
     *
     * <p>Twisted: {@code MultiService.startService}.
     */
    @Override
    public void startService() {
        super.startService();
        for (IService service : new ArrayList<>(services)) {
            service.startService();
        }
    }

    /**
     * Marks this stopped and stops every child, the last added first, whatever their state.
     * A child's {@code stopService} that throws counts as a failed stop; the other children are
     * still stopped.
     *
     * <p>Twisted: {@code MultiService.stopService}.
     *
     * @return fires when every child's stop has finished; fails with the first failure if any
     *     failed (the others are logged)
     */
    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        List<IService> stopping = new ArrayList<>(services);
        Collections.reverse(stopping);
        List<Deferred<Void>> stops = new ArrayList<>();
        for (IService service : stopping) {
            stops.add(Defer.maybeDeferredDeferring(service::stopService));
        }
        DeferredList<Void> all = new DeferredList<>(stops, new DeferredList.Options().consumeErrors(true));
        return all.addCallback(outcomes -> {
            Failure first = null;
            for (DeferredList.Outcome<Void> outcome : outcomes) {
                if (outcome.success()) {
                    continue;
                }
                if (first == null) {
                    first = outcome.failure();
                } else {
                    log.error("{}: {} failed to stop too", this, stopping.get(outcome.index()),
                            outcome.failure().value());
                }
            }
            if (first != null) {
                throw first.raiseException();
            }
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Twisted: {@code MultiService.getServiceNamed}.
     */
    @Override
    public IService getServiceNamed(String name) {
        IService service = namedServices.get(name);
        if (service == null) {
            throw new NoSuchElementException("no service named '" + name + "' in " + this);
        }
        return service;
    }

    /** Twisted: {@code MultiService.__iter__}. */
    @Override
    public Iterator<IService> iterator() {
        return Collections.unmodifiableList(services).iterator();
    }

    /**
     * {@inheritDoc} A child added to a running collection gets {@code privilegedStartService}
     * and then {@code startService}; an exception from either propagates, the child staying
     * added.
     *
     * <p>Twisted: {@code MultiService.addService}.
     */
    @Override
    public void addService(IService service) {
        Objects.requireNonNull(service, "service");
        String name = service.name();
        if (name != null) {
            if (namedServices.containsKey(name)) {
                throw new IllegalStateException("cannot have two services with same name '" + name
                        + "': " + this + " already has " + namedServices.get(name));
            }
            namedServices.put(name, service);
        }
        services.add(service);
        if (running()) {
            // It may be too late for privileges, but we do our best, as Twisted does.
            service.privilegedStartService();
            service.startService();
        }
    }

    /**
     * {@inheritDoc} An exception thrown by the child's {@code stopService} fails the returned
     * Deferred.
     *
     * <p>Twisted: {@code MultiService.removeService}.
     */
    @Override
    public Deferred<Void> removeService(IService service) {
        Objects.requireNonNull(service, "service");
        int index = indexOf(service);
        if (index < 0) {
            throw new IllegalArgumentException(service + " is not a child of " + this);
        }
        services.remove(index);
        namedServices.values().removeIf(child -> child == service);
        if (running()) {
            return Defer.maybeDeferredDeferring(service::stopService);
        }
        return Defer.succeed(null);
    }

    private int indexOf(IService service) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i) == service) {
                return i;
            }
        }
        return -1;
    }
}
