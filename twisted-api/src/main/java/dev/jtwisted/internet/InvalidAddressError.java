package dev.jtwisted.internet;

/**
 * An address is not what was needed: not an IP address, or one of the other family.
 *
 * <p>Twisted: {@code twisted.internet.error.InvalidAddressError}, a {@code ValueError}.
 */
public class InvalidAddressError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String address;

    /** Says "Invalid address {@code address}: {@code message}". */
    public InvalidAddressError(String address, String message) {
        super("Invalid address " + address + ": " + message);
        this.address = address;
    }

    /** The address that was refused. */
    public String address() {
        return address;
    }
}
