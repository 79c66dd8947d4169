package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import java.util.List;
import java.util.Map;

/**
 * Adds an endpoint type to {@link Endpoints#serverFromString}: descriptions starting with
 * {@link #prefix()} are handed to {@link #parseStreamServer}. Implementations are found with
 * {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/dev.jtwisted.internet.endpoints.IStreamServerEndpointStringParser}).
 * They replace the built-in {@code ssl} type, which parses but cannot be built yet;
 * {@code tcp}, {@code tcp6} and {@code unix} cannot be replaced.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IStreamServerEndpointStringParser}, found
 * there as a plugin.
 */
public interface IStreamServerEndpointStringParser {
    /** The endpoint type this parses, such as {@code "ssl"}; matched ignoring case. */
    String prefix();

    /**
     * Makes the endpoint a description describes.
     *
     * @param args the positional arguments after the prefix, unescaped (read-only)
     * @param kwargs the keyword arguments, unescaped, in the order written (read-only)
     * @throws EndpointDescriptionError if the arguments are wrong; the caller adds the
     *     description to its message
     */
    IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args, Map<String, String> kwargs);
}
