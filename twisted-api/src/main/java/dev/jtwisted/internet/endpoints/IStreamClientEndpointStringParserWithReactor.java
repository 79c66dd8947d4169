package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import java.util.List;
import java.util.Map;

/**
 * Adds an endpoint type to {@link Endpoints#clientFromString}: descriptions starting with
 * {@link #prefix()} are handed to {@link #parseStreamClient}. Implementations are found with
 * {@link java.util.ServiceLoader} (list them in {@code META-INF/services/}
 * {@code dev.jtwisted.internet.endpoints.IStreamClientEndpointStringParserWithReactor}).
 * They replace the built-in {@code ssl} and {@code tls} types, which parse but cannot be
 * built yet; {@code tcp} and {@code unix} cannot be replaced.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IStreamClientEndpointStringParserWithReactor},
 * found there as a plugin.
 */
public interface IStreamClientEndpointStringParserWithReactor {
    /** The endpoint type this parses, such as {@code "tls"}; matched ignoring case. */
    String prefix();

    /**
     * Makes the endpoint a description describes.
     *
     * @param args the positional arguments after the prefix, unescaped (read-only)
     * @param kwargs the keyword arguments, unescaped, in the order written (read-only)
     * @throws EndpointDescriptionError if the arguments are wrong; the caller adds the
     *     description to its message
     */
    IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args, Map<String, String> kwargs);
}
