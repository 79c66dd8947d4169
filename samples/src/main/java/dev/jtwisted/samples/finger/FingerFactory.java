package dev.jtwisted.samples.finger;

import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.defer.Deferred;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a {@link FingerProtocol} per connection and answers its lookups with the function it
 * was given: the factory only glues the protocol to whoever knows the users.
 *
 * <p>Twisted: the tutorial's plain {@code ServerFactory} with two attributes set,
 * {@code f.protocol, f.getUser = FingerProtocol, self.getUser}: "it is perfectly fine to use
 * ServerFactory rather than subclassing it, as long as we explicitly set the protocol
 * attribute -- and anything that the protocols use". Java has no attributes to set on an
 * instance, so the function comes in the constructor.
 */
class FingerFactory extends ServerFactory {
    private final Function<String, Deferred<String>> getUser;

    /** @param getUser the status of a user, or "No such user", as a Deferred; called on the reactor thread */
    FingerFactory(Function<String, Deferred<String>> getUser) {
        this.getUser = Objects.requireNonNull(getUser, "getUser");
        protocol = () -> new FingerProtocol(this);
    }

    /** What to answer about {@code user}. Twisted: {@code getUser}. */
    Deferred<String> getUser(String user) {
        return getUser.apply(user);
    }
}
