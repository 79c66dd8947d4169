package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.defer.Deferred;

/**
 * What {@link Succeed.FingerProtocol} needs of its factory: Python finds
 * {@code self.factory.getUser} by name on any factory; Java needs the name in a type.
 */
interface DeferredUsers {
    /** The status of {@code user}, or "No such user", when it is known. Twisted: {@code getUser}. */
    Deferred<String> getUser(String user);
}
