package dev.jtwisted.web.client;

/**
 * A body producer wrote more or fewer bytes than its {@code length()} said.
 *
 * <p>Twisted: {@code twisted.web._newclient.WrongBodyLength}.
 */
public class WrongBodyLength extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WrongBodyLength(String message) {
        super(message);
    }
}
