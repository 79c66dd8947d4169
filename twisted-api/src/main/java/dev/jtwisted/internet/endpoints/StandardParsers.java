package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.endpoints.Descriptions.Signature;
import java.util.List;
import java.util.Map;

/**
 * The endpoint types jtwisted knows by itself: {@code tcp}, {@code tcp6}, {@code unix} and
 * {@code ssl} servers, and {@code tcp}, {@code unix}, {@code ssl} and {@code tls} clients. Not
 * API.
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

    /**
     * {@code ssl:port[:privateKey[:certKey[:sslmethod[:interface[:backlog[:extraCertChain[:dhParameters]]]]]]]},
     * reading the PEM files now, as Twisted does. Twisted: {@code endpoints._parseSSL}.
     */
    static final class SSLServer implements IStreamServerEndpointStringParser {
        @Override
        public String prefix() {
            return "ssl";
        }

        @Override
        public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            SSLServerDescription d = SSLServerDescription.parse(args, kwargs);
            return new SSL4ServerEndpoint(reactor, d.port(), d.contextFactory(), d.backlog(), d.interfaceAddress());
        }
    }

    /**
     * {@code ssl:host:port}, as {@code tcp:} clients, with {@code certKey}, {@code privateKey},
     * {@code caCertsDir} and {@code hostname}. Twisted: {@code endpoints._parseClientSSL}.
     */
    static final class SSLClient implements IStreamClientEndpointStringParserWithReactor {
        @Override
        public String prefix() {
            return "ssl";
        }

        @Override
        public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            SSLClientDescription d = SSLClientDescription.parse(args, kwargs);
            return new SSL4ClientEndpoint(reactor, d.host(), d.port(), d.contextFactory(), d.timeout(),
                    d.bindAddress() == null ? null : new IPv4Address("TCP", d.bindAddress(), 0));
        }
    }

    /**
     * {@code tls:host:port[:timeout[:bindAddress[:certificate[:privateKey[:trustRoots[:endpoint]]]]]]}:
     * {@code wrapClientTLS} over a TCP client endpoint, or over the {@code endpoint} description.
     * Twisted: {@code endpoints._TLSClientEndpointParser} and {@code _parseClientTLS}.
     */
    static final class TLSClient implements IStreamClientEndpointStringParserWithReactor {
        @Override
        public String prefix() {
            return "tls";
        }

        @Override
        public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            TLSClientDescription d = TLSClientDescription.parse(args, kwargs);
            IStreamClientEndpoint wrapped = d.endpoint() != null
                    ? Endpoints.clientFromString(reactor, d.endpoint())
                    : new TCP4ClientEndpoint(reactor, d.host(), d.port(), d.timeout(),
                            d.bindAddress() == null ? null : new IPv4Address("TCP", d.bindAddress(), 0));
            return Endpoints.wrapClientTLS(d.contextFactory(), wrapped);
        }
    }

    static List<IStreamServerEndpointStringParser> servers() {
        return List.of(new TCPServer(), new TCP6Server(), new UNIXServer(), new SSLServer());
    }

    static List<IStreamClientEndpointStringParserWithReactor> clients() {
        return List.of(new TCPClient(), new UNIXClient(), new SSLClient(), new TLSClient());
    }
}
