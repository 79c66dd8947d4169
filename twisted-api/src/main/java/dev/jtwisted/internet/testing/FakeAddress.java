package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.IAddress;

/**
 * The address of either end of a {@link FakeTransport} when the test gives none: an address
 * that is only itself, equal to no other.
 *
 * <p>Twisted: {@code twisted.test.iosim.FakeAddress}.
 */
public final class FakeAddress implements IAddress {
    @Override
    public String toString() {
        return "FakeAddress@" + Integer.toHexString(System.identityHashCode(this));
    }
}
