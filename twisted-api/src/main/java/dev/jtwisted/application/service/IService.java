package dev.jtwisted.application.service;

import dev.jtwisted.internet.defer.Deferred;

/**
 * Something with start-up and shut-down code, run at the right moments by the service tree it
 * belongs to. Most services extend {@link Service}, which does the book-keeping.
 *
 * <p>Twisted: {@code twisted.application.service.IService}.
 */
public interface IService {
    /** The name, or null for an anonymous service. Twisted: {@code name}. */
    String name();

    /** The collection this service belongs to, or null. Twisted: {@code parent}. */
    IServiceCollection parent();

    /** Whether the service has been started and not yet stopped. Twisted: {@code running}. */
    boolean running();

    /**
     * Names the service; a parent finds it by this name.
     *
     * @param name may be null (anonymous)
     * @throws IllegalStateException if the service already has a parent (Twisted: RuntimeError)
     */
    void setName(String name);

    /**
     * Adds this service to {@code parent}, first leaving the parent it has, if any; a running
     * parent starts it.
     *
     * @throws IllegalStateException if {@code parent} already has a child of this name
     *     (Twisted: RuntimeError)
     */
    void setServiceParent(IServiceCollection parent);

    /**
     * Removes this service from its parent, which stops it if the parent is running.
     *
     * @return fires when the service has stopped (at once if there was nothing to stop), or
     *     fails with what made it fail to stop
     * @throws IllegalStateException if the service has no parent
     */
    Deferred<Void> disownServiceParent();

    /**
     * Does the part of start-up that needs privileges (binding a low port, say), before the
     * program sheds them; {@link #startService()} follows.
     */
    void privilegedStartService();

    /** Starts the service. */
    void startService();

    /**
     * Stops the service. Never returns null and never throws for a failed stop: the failure goes
     * to the returned Deferred.
     *
     * @return fires (with null) when the service has finished shutting down
     */
    Deferred<Void> stopService();
}
