package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.ssl.IContextFactory;
import java.util.List;
import java.util.Objects;

/**
 * Endpoints from description strings, and connecting a protocol instance: the functions of
 * Twisted's endpoints module.
 *
 * <p>A description is a type, then colon-separated arguments, each positional or
 * {@code keyword=value}: {@code "tcp:8080:interface=127.0.0.1"}. A backslash makes the next
 * character literal, so {@code "tcp6:8080:interface=\\:\\:1"} (in Java source) binds {@code ::1};
 * only the first '=' of an argument separates its keyword. Types are matched ignoring case.
 *
 * <p>Twisted: {@code twisted.internet.endpoints}.
 */
public final class Endpoints {
    private Endpoints() {}

    /**
     * The server endpoint {@code description} describes. Built in:
     * <ul>
     * <li>{@code tcp:port[:interface[:backlog]]}, e.g. {@code tcp:8000} or
     *     {@code tcp:port=8000:interface=127.0.0.1:backlog=50}: a {@link TCP4ServerEndpoint};
     * <li>{@code tcp6:port[:backlog[:interface]]}, e.g. {@code tcp6:8000:interface=\:\:1}: a
     *     {@link TCP6ServerEndpoint};
     * <li>{@code unix:address[:mode[:backlog[:lockfile]]]}, e.g.
     *     {@code unix:/var/run/finger:mode=660:lockfile=1}: a {@link UNIXServerEndpoint} (a lock
     *     file by default, as in Twisted);
     * <li>{@code ssl:port[:privateKey=key.pem][:certKey=cert.pem][:extraCertChain=chain.pem]
     *     [:interface=...][:backlog=...][:sslmethod=...][:dhParameters=...]}, e.g.
     *     {@code ssl:443:privateKey=key.pem:certKey=cert.pem}: an {@link SSL4ServerEndpoint}
     *     whose PEM files are read here (see {@link SSLServerDescription#contextFactory()}).
     * </ul>
     * Other types come from {@link IStreamServerEndpointStringParser}s on the class path.
     *
     * <p>Twisted: {@code endpoints.serverFromString}. A bare port number ({@code "8000"}) is an
     * unknown type, as in Twisted 22.4.
     *
     * @throws EndpointDescriptionError if the description is malformed; the message names the
     *     bad part
     * @throws java.io.UncheckedIOException if a file it names cannot be read
     * @throws IllegalArgumentException if a file it names holds no usable certificate or key
     */
    public static IStreamServerEndpoint serverFromString(IReactor reactor, String description) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(description, "description");
        try {
            Descriptions.Parsed parsed = Descriptions.parse(description);
            String type = type(parsed);
            IStreamServerEndpointStringParser parser = ParserRegistry.servers().lookup(type);
            return parser.parseStreamServer(reactor, rest(parsed), parsed.kwargs());
        } catch (EndpointDescriptionError e) {
            throw e.in(description);
        }
    }

    /**
     * The client endpoint {@code description} describes. Built in:
     * <ul>
     * <li>{@code tcp:host:port}, or with {@code host=} and {@code port=}, plus {@code timeout}
     *     (whole seconds) and {@code bindAddress}, e.g.
     *     {@code tcp:host=localhost:port=8000:timeout=5:bindAddress=127.0.0.1}: a
     *     {@link TCP4ClientEndpoint};
     * <li>{@code unix:path=/path[:timeout=30][:lockfile=1]} (or the path positionally): a
     *     {@link UNIXClientEndpoint};
     * <li>{@code tls:host:port[:trustRoots=dir][:certificate=cert.pem:privateKey=key.pem]
     *     [:timeout=30][:bindAddress=...][:endpoint=...]}, e.g.
     *     {@code tls:example.com:443}: {@link #wrapClientTLS} of a TCP client endpoint (or of
     *     the {@code endpoint=} description), verifying that the server's certificate names
     *     {@code host} and chains to the CAs of {@code trustRoots} (a directory of {@code .pem}
     *     files; the platform's by default);
     * <li>{@code ssl:host:port[:hostname=...][:caCertsDir=dir][:certKey=cert.pem:privateKey=key.pem]
     *     [:timeout=30][:bindAddress=...]}: an {@link SSL4ClientEndpoint} that verifies the
     *     server as {@code tls:} does, against {@code hostname} (default: {@code host}) and
     *     {@code caCertsDir} (Twisted verifies nothing unless given {@code hostname}).
     * </ul>
     * Other types come from {@link IStreamClientEndpointStringParserWithReactor}s on the class
     * path.
     *
     * <p>Twisted: {@code endpoints.clientFromString}, except that a host or port given both
     * positionally and by keyword is an error here (Twisted silently keeps the positional one).
     *
     * @throws EndpointDescriptionError if the description is malformed; the message names the
     *     bad part
     * @throws java.io.UncheckedIOException if a file it names cannot be read
     * @throws IllegalArgumentException if a file it names holds no usable certificate or key
     */
    public static IStreamClientEndpoint clientFromString(IReactor reactor, String description) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(description, "description");
        try {
            Descriptions.Parsed parsed = Descriptions.parse(description);
            String type = type(parsed);
            IStreamClientEndpointStringParserWithReactor parser = ParserRegistry.clients().lookup(type);
            return parser.parseStreamClient(reactor, rest(parsed), parsed.kwargs());
        } catch (EndpointDescriptionError e) {
            throw e.in(description);
        }
    }

    /**
     * An endpoint that runs TLS, as {@code connectionCreator} says, over the connections of
     * {@code wrappedEndpoint}. Its {@code connect} Deferred fires with the protocol once the TLS
     * handshake has completed, and fails with an {@link dev.jtwisted.internet.ssl.SSLError} if
     * it does not (Twisted's fires at the TCP connection, and a failed handshake reaches
     * {@code connectionLost}).
     *
     * <p>Twisted: {@code endpoints.wrapClientTLS(connectionCreator, wrappedEndpoint)}.
     *
     * @param connectionCreator usually {@code SSL.optionsForClientTLS(hostname)}
     */
    public static IStreamClientEndpoint wrapClientTLS(IContextFactory connectionCreator,
            IStreamClientEndpoint wrappedEndpoint) {
        return new TLSWrapClientEndpoint(connectionCreator, wrappedEndpoint);
    }

    /**
     * Connects {@code protocol} itself through {@code endpoint}, without writing a factory: the
     * result of {@code endpoint.connect}, which fires with {@code protocol} once it is connected.
     *
     * <p>Twisted: {@code endpoints.connectProtocol}.
     */
    @SuppressWarnings("unchecked")
    public static <P extends IProtocol> Deferred<P> connectProtocol(IStreamClientEndpoint endpoint, P protocol) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(protocol, "protocol");
        Factory oneShot = new OneShotFactory(protocol);
        // The endpoint fires with what the factory built, which is protocol.
        return (Deferred<P>) (Deferred<?>) endpoint.connect(oneShot);
    }

    /**
     * {@code argument} with its backslashes, colons and equals signs escaped, to put into a
     * description: {@code "ssl:443:privateKey=" + quoteStringArgument(path)}.
     *
     * <p>Twisted: {@code endpoints.quoteStringArgument}, which does not escape '=' (so a quoted
     * positional argument containing one would parse as a keyword); Twisted parses the result of
     * either the same way.
     */
    public static String quoteStringArgument(String argument) {
        return Descriptions.quote(Objects.requireNonNull(argument, "argument"));
    }

    /** Builds the one protocol it was given. Twisted: {@code connectProtocol}'s {@code OneShotFactory}. */
    private static final class OneShotFactory extends Factory {
        private final IProtocol theProtocol;

        OneShotFactory(IProtocol theProtocol) {
            this.theProtocol = theProtocol;
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            return theProtocol;
        }
    }

    private static String type(Descriptions.Parsed parsed) {
        if (parsed.args().isEmpty()) {
            throw new EndpointDescriptionError(
                    "it has no endpoint type: it must start with one, such as 'tcp:', not with a keyword");
        }
        return parsed.args().get(0);
    }

    private static List<String> rest(Descriptions.Parsed parsed) {
        return parsed.args().subList(1, parsed.args().size());
    }
}
