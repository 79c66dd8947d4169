package dev.jtwisted.application.service;

import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base class of services: it keeps the name, the parent and the running flag, so a subclass
 * overrides only {@link #startService()} and {@link #stopService()}, calling {@code super} in
 * each.
 *
 * <pre>{@code
 * class Heartbeat extends Service {
 *     public void startService() { super.startService(); ... }
 *     public Deferred<Void> stopService() { super.stopService(); return closeEverything(); }
 * }
 * new Heartbeat().setServiceParent(application);
 * }</pre>
 *
 * <p>Twisted: {@code twisted.application.service.Service}. Not serializable: Twisted's pickled
 * applications ({@code twisted.persisted.sob}) are not ported.
 */
public class Service implements IService {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    private String name;
    private IServiceCollection parent;
    private boolean running;

    /** An anonymous service without a parent, not running. */
    public Service() {}

    @Override
    public String name() {
        return name;
    }

    @Override
    public IServiceCollection parent() {
        return parent;
    }

    @Override
    public boolean running() {
        return running;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Twisted: {@code Service.setName}.
     */
    @Override
    public void setName(String name) {
        if (parent != null) {
            throw new IllegalStateException("cannot change name when parent exists: " + this
                    + " has parent " + parent + "; asked to rename it to '" + name + "'");
        }
        this.name = name;
    }

    /**
     * {@inheritDoc} If leaving the old parent stops this service and that stop fails, the failure
     * is logged.
     *
     * <p>Twisted: {@code Service.setServiceParent}; unlike Twisted's, a parent that refuses the
     * service (a duplicate name) leaves it without a parent rather than pointing at a parent
     * that does not hold it.
     */
    @Override
    public void setServiceParent(IServiceCollection parent) {
        Objects.requireNonNull(parent, "parent");
        if (this.parent != null) {
            IServiceCollection old = this.parent;
            disownServiceParent().addErrback(failure -> {
                log.error("{} failed to stop on leaving {}", this, old, failure.value());
                return null;
            });
        }
        this.parent = parent;
        try {
            parent.addService(this);
        } catch (RuntimeException e) {
            // A parent that threw while starting us does hold us; one that refused us does not.
            if (!contains(parent, this)) {
                this.parent = null;
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Twisted: {@code Service.disownServiceParent}.
     */
    @Override
    public Deferred<Void> disownServiceParent() {
        if (parent == null) {
            throw new IllegalStateException(this + " has no parent to disown");
        }
        Deferred<Void> d = parent.removeService(this);
        parent = null;
        return d;
    }

    /** Does nothing. Twisted: {@code Service.privilegedStartService}. */
    @Override
    public void privilegedStartService() {}

    /** Marks the service running. Twisted: {@code Service.startService}. */
    @Override
    public void startService() {
        running = true;
    }

    /**
     * Marks the service stopped and returns a Deferred that has fired; a subclass with work to
     * wait for returns its own. Twisted: {@code Service.stopService}, which returns None.
     */
    @Override
    public Deferred<Void> stopService() {
        running = false;
        return Defer.succeed(null);
    }

    /** The class and, if named, the name: {@code TimerService 'ticker'}. */
    @Override
    public String toString() {
        String type = getClass().getSimpleName();
        if (type.isEmpty()) {
            type = getClass().getName();
        }
        return name == null ? type : type + " '" + name + "'";
    }

    private static boolean contains(IServiceCollection collection, IService service) {
        for (IService child : collection) {
            if (child == service) {
                return true;
            }
        }
        return false;
    }
}
