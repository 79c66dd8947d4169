package dev.jtwisted.samples.finger;

import dev.jtwisted.internet.ServerFactory;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Makes a {@link FingerSetterProtocol} per connection and hands its user and status to the
 * function it was given.
 *
 * <p>Twisted: the tutorial's {@code ServerFactory} with {@code f.protocol, f.setUser =
 * FingerSetterProtocol, self.users.__setitem__} ("Integrating Several Services: The Smart
 * Way").
 */
final class FingerSetterFactory extends ServerFactory {
    private final BiConsumer<String, String> setUser;

    /** @param setUser sets a user's status; called on the reactor thread */
    FingerSetterFactory(BiConsumer<String, String> setUser) {
        this.setUser = Objects.requireNonNull(setUser, "setUser");
        protocol = () -> new FingerSetterProtocol(this);
    }

    /** Twisted: {@code setUser}. */
    void setUser(String user, String status) {
        setUser.accept(user, status);
    }
}
