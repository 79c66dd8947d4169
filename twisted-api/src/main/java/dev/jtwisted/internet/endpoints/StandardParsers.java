package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.endpoints.Descriptions.Signature;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The endpoint types jtwisted knows by itself: {@code tcp}, {@code tcp6} and {@code unix}
 * servers and {@code tcp} and {@code unix} clients, which it builds; and {@code ssl} and
 * {@code tls}, which it parses and then refuses to build until a module provides them. Not API.
 *
 * <p>Twisted: {@code endpoints._serverParsers}, {@code _clientParsers}, and the
 * {@code _TCP6ServerParser} and {@code _TLSClientEndpointParser} plugins.
 */
final class StandardParsers {
    private StandardParsers() {}

    /** {@code tcp:port[:interface[:backlog]]}. Twisted: {@code endpoints._parseTCP}. */
    static final class TCPServer implements IStreamServerEndpointStringParser {
        private static final Signature SIGNATURE = new Signature(
                "tcp server endpoints", 1, "port", "interface", "backlog");

        @Override
        public String prefix() {
            return "tcp";
        }

        @Override
        public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            Map<String, String> a = SIGNATURE.bind(args, kwargs);
            return new TCP4ServerEndpoint(reactor,
                    Descriptions.port("port", a.get("port")),
                    a.containsKey("backlog") ? Descriptions.backlog(a.get("backlog")) : 50,
                    a.getOrDefault("interface", ""));
        }
    }

    /**
     * {@code tcp6:port[:backlog[:interface]]} (note the order, as in Twisted).
     * Twisted: {@code endpoints._TCP6ServerParser}.
     */
    static final class TCP6Server implements IStreamServerEndpointStringParser {
        private static final Signature SIGNATURE = new Signature(
                "tcp6 server endpoints", 1, "port", "backlog", "interface");

        @Override
        public String prefix() {
            return "tcp6";
        }

        @Override
        public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            Map<String, String> a = SIGNATURE.bind(args, kwargs);
            return new TCP6ServerEndpoint(reactor,
                    Descriptions.port("port", a.get("port")),
                    a.containsKey("backlog") ? Descriptions.backlog(a.get("backlog")) : 50,
                    a.getOrDefault("interface", "::"));
        }
    }

    /**
     * {@code tcp:host:port}, or with {@code host=}/{@code port=}, and {@code timeout},
     * {@code bindAddress}. Twisted: {@code endpoints._parseClientTCP}.
     */
    static final class TCPClient implements IStreamClientEndpointStringParserWithReactor {
        private static final List<String> KEYWORDS = List.of("host", "port", "timeout", "bindAddress");

        @Override
        public String prefix() {
            return "tcp";
        }

        @Override
        public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            Map<String, String> a = Descriptions.bindHostPort("tcp client endpoints", args, kwargs, KEYWORDS);
            return new TCP4ClientEndpoint(reactor,
                    a.get("host"),
                    Descriptions.port("port", a.get("port")),
                    a.containsKey("timeout") ? Descriptions.timeout(a.get("timeout")) : 30,
                    a.containsKey("bindAddress") ? new IPv4Address("TCP", a.get("bindAddress"), 0) : null);
        }
    }

    /** {@code unix:address[:mode[:backlog[:lockfile]]]}. Twisted: {@code endpoints._parseUNIX}. */
    static final class UNIXServer implements IStreamServerEndpointStringParser {
        @Override
        public String prefix() {
            return "unix";
        }

        @Override
        public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            return new UNIXServerEndpoint(reactor, UNIXServerDescription.parse(args, kwargs));
        }
    }

    /** {@code unix:path[:timeout][:lockfile]}. Twisted: {@code endpoints._parseClientUNIX}. */
    static final class UNIXClient implements IStreamClientEndpointStringParserWithReactor {
        @Override
        public String prefix() {
            return "unix";
        }

        @Override
        public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            return new UNIXClientEndpoint(reactor, UNIXClientDescription.parse(args, kwargs));
        }
    }

    /** Parses a description with {@code parse}, then fails: nothing builds this type yet. */
    static final class NotYetServer implements IStreamServerEndpointStringParser {
        private final String prefix;
        private final BiFunction<List<String>, Map<String, String>, ?> parse;

        NotYetServer(String prefix, BiFunction<List<String>, Map<String, String>, ?> parse) {
            this.prefix = prefix;
            this.parse = parse;
        }

        @Override
        public String prefix() {
            return prefix;
        }

        @Override
        public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            throw notYet(prefix, "server", IStreamServerEndpointStringParser.class, parse.apply(args, kwargs));
        }
    }

    /** Parses a description with {@code parse}, then fails: nothing builds this type yet. */
    static final class NotYetClient implements IStreamClientEndpointStringParserWithReactor {
        private final String prefix;
        private final BiFunction<List<String>, Map<String, String>, ?> parse;

        NotYetClient(String prefix, BiFunction<List<String>, Map<String, String>, ?> parse) {
            this.prefix = prefix;
            this.parse = parse;
        }

        @Override
        public String prefix() {
            return prefix;
        }

        @Override
        public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            throw notYet(prefix, "client", IStreamClientEndpointStringParserWithReactor.class,
                    parse.apply(args, kwargs));
        }
    }

    private static UnsupportedOperationException notYet(String prefix, String side, Class<?> spi,
            Object parsed) {
        return new UnsupportedOperationException(prefix + " " + side
                + " endpoints are not available yet: the description parsed to " + parsed
                + ", but no module on the class path builds " + prefix + " " + side
                + " endpoints (one would provide an " + spi.getSimpleName() + " for prefix '"
                + prefix + "' through java.util.ServiceLoader)");
    }

    static List<IStreamServerEndpointStringParser> servers() {
        return List.of(new TCPServer(), new TCP6Server(), new UNIXServer());
    }

    static List<IStreamServerEndpointStringParser> serverPlaceholders() {
        return List.of(new NotYetServer("ssl", SSLServerDescription::parse));
    }

    static List<IStreamClientEndpointStringParserWithReactor> clients() {
        return List.of(new TCPClient(), new UNIXClient());
    }

    static List<IStreamClientEndpointStringParserWithReactor> clientPlaceholders() {
        return List.of(
                new NotYetClient("ssl", SSLClientDescription::parse),
                new NotYetClient("tls", TLSClientDescription::parse));
    }
}
