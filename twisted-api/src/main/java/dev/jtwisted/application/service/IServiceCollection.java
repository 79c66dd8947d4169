package dev.jtwisted.application.service;

import dev.jtwisted.internet.defer.Deferred;
import java.util.Iterator;

/**
 * A collection of services, which starts and stops them with itself. Its children are found by
 * name, and iterated in the order they were added.
 *
 * <p>Twisted: {@code twisted.application.service.IServiceCollection}.
 */
public interface IServiceCollection extends Iterable<IService> {
    /**
     * The child named {@code name}.
     *
     * @throws java.util.NoSuchElementException if there is none (Twisted: KeyError)
     */
    IService getServiceNamed(String name);

    /** The children, in the order they were added; the iterator cannot remove. */
    @Override
    Iterator<IService> iterator();

    /**
     * Adds a child, starting it if this collection is running. Only
     * {@link IService#setServiceParent} should call this.
     *
     * @throws IllegalStateException if a child of the same name is already there
     *     (Twisted: RuntimeError)
     */
    void addService(IService service);

    /**
     * Removes a child, stopping it if this collection is running. Only
     * {@link IService#disownServiceParent} should call this.
     *
     * @return fires when the child has stopped (at once if there was nothing to stop)
     * @throws IllegalArgumentException if {@code service} is not a child (Twisted: ValueError)
     */
    Deferred<Void> removeService(IService service);
}
