package dev.jtwisted.internet;

import java.util.Objects;

/**
 * The address of one end of a UNIX-domain socket: its path, or none for an unnamed socket (a
 * client's own end). Immutable; equal when the names are.
 *
 * <p>Twisted: {@code twisted.internet.address.UNIXAddress} (which also calls two paths of the
 * same file equal; this compares names only).
 */
public final class UNIXAddress implements IAddress {
    private final String name;

    /** @param name the socket's path; null for an unnamed socket */
    public UNIXAddress(String name) {
        this.name = name;
    }

    /** The socket's path, or null for an unnamed socket. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UNIXAddress && Objects.equals(name, ((UNIXAddress) o).name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    /** As Twisted prints it: {@code UNIXAddress('/var/run/x.sock')} or {@code UNIXAddress(None)}. */
    @Override
    public String toString() {
        return "UNIXAddress(" + (name == null ? "None" : "'" + name + "'") + ")";
    }
}
