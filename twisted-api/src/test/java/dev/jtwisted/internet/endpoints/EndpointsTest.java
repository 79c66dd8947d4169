package dev.jtwisted.internet.endpoints;

import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.ConnectionRefusedError;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.testing.MemoryReactor;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Endpoint description strings: {@code serverFromString}, {@code clientFromString} and the
 * mini-language under them. Ports Twisted's {@code test_endpoints.ParserTests},
 * {@code ServerStringTests}, {@code ClientStringTests}, {@code SSLClientStringTests},
 * {@code TCP6ServerEndpointPluginTests} and {@code WrapClientTLSParserTests} (as far as they
 * parse), and checks every error message.
 */
class EndpointsTest {
    final MemoryReactor reactor = new MemoryReactor();

    TCP4ServerEndpoint tcpServer(String description) {
        return assertInstanceOf(TCP4ServerEndpoint.class, Endpoints.serverFromString(reactor, description));
    }

    TCP6ServerEndpoint tcp6Server(String description) {
        return assertInstanceOf(TCP6ServerEndpoint.class, Endpoints.serverFromString(reactor, description));
    }

    TCP4ClientEndpoint tcpClient(String description) {
        return assertInstanceOf(TCP4ClientEndpoint.class, Endpoints.clientFromString(reactor, description));
    }

    static Descriptions.Parsed parse(String description) {
        return Descriptions.parse(description);
    }

    EndpointDescriptionError serverError(String description) {
        return assertThrows(EndpointDescriptionError.class, () -> Endpoints.serverFromString(reactor, description));
    }

    EndpointDescriptionError clientError(String description) {
        return assertThrows(EndpointDescriptionError.class, () -> Endpoints.clientFromString(reactor, description));
    }

    @Nested
    class Tokenizing {
        @Test // Twisted: the docstring of endpoints._parse
        void splitsPositionalAndKeywordArgumentsAtColons() {
            assertEquals(new Descriptions.Parsed(List.of("a", "b", "c"), Map.of("d", "1")), parse("a:b:d=1:c"));
        }

        @Test // Twisted: ParserTests.test_escape
        void aBackslashEscapesColonsEqualsAndBackslashes() {
            assertEquals(List.of("unix", "foo:bar=baz:qux\\"), parse("unix:foo\\:bar\\=baz\\:qux\\\\").args());
        }

        @Test
        void aBackslashMakesAnyCharacterLiteral() {
            assertEquals(List.of("a", "x", "\\"), parse("a:\\x:\\\\").args());
        }

        @Test // Twisted: ParserTests.test_impliedEscape
        void onlyTheFirstEqualsSeparatesAKeyword() {
            assertEquals(Map.of("address", "foo=bar"), parse("unix:address=foo=bar").kwargs());
            assertEquals(Map.of("b", "c=d"), parse("a:b=c=d:e").kwargs());
        }

        @Test
        void anEscapedEqualsBelongsToTheKeyword() {
            assertEquals(Map.of("a=b", "c:d"), parse("x:a\\=b=c\\:d").kwargs());
        }

        @Test
        void emptyPartsAreEmptyArguments() {
            assertEquals(new Descriptions.Parsed(List.of("a", "", "b"), Map.of()), parse("a::b"));
            assertEquals(new Descriptions.Parsed(List.of("a", "c"), Map.of("b", "")), parse("a:b=:c"));
            assertEquals(List.of("", ""), parse(":").args());
            assertEquals(List.of(""), parse("").args());
        }

        @Test
        void aKeywordGivenTwiceKeepsItsLastValue() {
            assertEquals(Map.of("port", "81"), parse("tcp:port=80:port=81").kwargs());
            assertEquals(81, tcpServer("tcp:port=80:port=81").port());
        }

        @Test
        void aTrailingLoneBackslashIsRefused() {
            EndpointDescriptionError e = serverError("tcp:80\\");
            assertEquals("invalid endpoint description \"tcp:80\\\": it ends with a lone backslash"
                    + " (write \\\\ for a literal backslash)", e.getMessage());
        }

        @Test // Twisted: ParserTests.test_quoteStringArgument
        void quoteStringArgumentEscapesBackslashesAndColons() {
            assertEquals("some \\: stuff \\\\", Endpoints.quoteStringArgument("some : stuff \\"));
        }

        @Test
        void quoteStringArgumentAlsoEscapesEqualsSoAQuotedPositionalStaysPositional() {
            assertEquals("a\\=b", Endpoints.quoteStringArgument("a=b"));
            assertEquals(List.of("unix", "a=b"), parse("unix:" + Endpoints.quoteStringArgument("a=b")).args());
        }

        @ParameterizedTest
        @ValueSource(strings = {"C:\\key.pem", "a=b:c", "\\\\:", "", "::1", "plain"})
        void aQuotedArgumentParsesBackAsItself(String argument) {
            Descriptions.Parsed parsed = parse("x:" + Endpoints.quoteStringArgument(argument)
                    + ":k=" + Endpoints.quoteStringArgument(argument));
            assertEquals(List.of("x", argument), parsed.args());
            assertEquals(Map.of("k", argument), parsed.kwargs());
        }
    }

    @Nested
    class ServerStrings {
        @Test // Twisted: ServerStringTests.test_tcp
        void tcpMakesATCP4ServerEndpointWithTheGivenValues() {
            TCP4ServerEndpoint server = tcpServer("tcp:1234:backlog=12:interface=10.0.0.1");
            assertSame(reactor, server.reactor());
            assertEquals(1234, server.port());
            assertEquals(12, server.backlog());
            assertEquals("10.0.0.1", server.interfaceAddress());
        }

        @Test // Twisted: ParserTests.test_simpleTCP
        void tcpDefaultsToAllInterfacesAndABacklogOf50() {
            TCP4ServerEndpoint server = tcpServer("tcp:8000");
            assertEquals(8000, server.port());
            assertEquals(50, server.backlog());
            assertEquals("", server.interfaceAddress());
        }

        @Test // Twisted: ParserTests.test_interfaceTCP, test_backlogTCP
        void tcpTakesEveryArgumentAsAKeyword() {
            TCP4ServerEndpoint server = tcpServer("tcp:port=8000:interface=127.0.0.1:backlog=6");
            assertEquals(8000, server.port());
            assertEquals(6, server.backlog());
            assertEquals("127.0.0.1", server.interfaceAddress());
        }

        @Test
        void tcpPositionalArgumentsArePortThenInterfaceThenBacklog() {
            TCP4ServerEndpoint server = tcpServer("tcp:80:127.0.0.1:7");
            assertEquals("127.0.0.1", server.interfaceAddress());
            assertEquals(7, server.backlog());
            assertEquals("81", tcpServer("tcp:80:81").interfaceAddress());
            assertEquals("", tcpServer("tcp:80:").interfaceAddress());
        }

        @Test // Twisted: TCP6ServerEndpointPluginTests.test_stringDescription
        void tcp6MakesATCP6ServerEndpointWithAnEscapedInterface() {
            TCP6ServerEndpoint server = tcp6Server("tcp6:8080:backlog=12:interface=\\:\\:1");
            assertSame(reactor, server.reactor());
            assertEquals(8080, server.port());
            assertEquals(12, server.backlog());
            assertEquals("::1", server.interfaceAddress());
        }

        @Test
        void tcp6DefaultsToAllIPv6InterfacesAndTakesItsKeywords() {
            TCP6ServerEndpoint server = tcp6Server("tcp6:port=8000:interface=\\:\\:1");
            assertEquals(8000, server.port());
            assertEquals(50, server.backlog());
            assertEquals("::1", server.interfaceAddress());
            assertEquals("::", tcp6Server("tcp6:80").interfaceAddress());
        }

        @Test
        void tcp6PositionalArgumentsArePortThenBacklogThenInterfaceAsInTwisted() {
            TCP6ServerEndpoint server = tcp6Server("tcp6:80:3:\\:\\:1");
            assertEquals(3, server.backlog());
            assertEquals("::1", server.interfaceAddress());
        }

        @ParameterizedTest
        @ValueSource(strings = {"TCP:80", "Tcp:80", "tcp:80"})
        void theTypeIsMatchedIgnoringCase(String description) {
            assertEquals(80, tcpServer(description).port());
            assertEquals(80, tcp6Server(description.replace(":80", "6:80")).port());
        }

        @ParameterizedTest
        @ValueSource(strings = {"80", " 80 ", "+80", "8_0", "080", "\u0668\u0660", "\u00a080"})
        void numbersAreReadAsPythonsIntReadsThem(String port) {
            assertEquals(80, tcpServer("tcp:" + port).port());
        }

        @Test
        void aParsedEndpointListensWithTheParsedArguments() {
            Factory factory = Factory.forProtocol(Protocol::new);
            IStreamServerEndpoint endpoint = Endpoints.serverFromString(reactor, "tcp:8000:interface=127.0.0.1");
            endpoint.listen(factory);
            assertEquals(List.of(new MemoryReactor.TCPServer(8000, factory, 50, "127.0.0.1")), reactor.tcpServers());
        }
    }

    @Nested
    class ClientStrings {
        @Test // Twisted: ClientStringTests.test_tcp
        void tcpMakesATCP4ClientEndpointWithTheGivenValues() {
            TCP4ClientEndpoint client = tcpClient("tcp:host=example.com:port=1234:timeout=7:bindAddress=10.0.0.2");
            assertSame(reactor, client.reactor());
            assertEquals("example.com", client.host());
            assertEquals(1234, client.port());
            assertEquals(7.0, client.timeout());
            assertEquals(new IPv4Address("TCP", "10.0.0.2", 0), client.bindAddress());
        }

        @Test // Twisted: ClientStringTests.test_tcpPositionalArgs
        void tcpTakesHostAndPortPositionally() {
            TCP4ClientEndpoint client = tcpClient("tcp:example.com:1234:timeout=7:bindAddress=10.0.0.2");
            assertEquals("example.com", client.host());
            assertEquals(1234, client.port());
            assertEquals(7.0, client.timeout());
            assertEquals(new IPv4Address("TCP", "10.0.0.2", 0), client.bindAddress());
        }

        @Test // Twisted: ClientStringTests.test_tcpHostPositionalArg
        void aLonePositionalIsTheHostWhenTheHostIsNotAKeyword() {
            TCP4ClientEndpoint client = tcpClient("tcp:example.com:port=1234:timeout=7:bindAddress=10.0.0.2");
            assertEquals("example.com", client.host());
            assertEquals(1234, client.port());
        }

        @Test // Twisted: ClientStringTests.test_tcpPortPositionalArg
        void aLonePositionalIsThePortWhenTheHostIsAKeyword() {
            TCP4ClientEndpoint client = tcpClient("tcp:host=example.com:1234:timeout=7:bindAddress=10.0.0.2");
            assertEquals("example.com", client.host());
            assertEquals(1234, client.port());
        }

        @Test // Twisted: ClientStringTests.test_tcpDefaults
        void tcpDefaultsToA30SecondTimeoutAndNoBindAddress() {
            TCP4ClientEndpoint client = tcpClient("tcp:localhost:8000");
            assertEquals("localhost", client.host());
            assertEquals(8000, client.port());
            assertEquals(30.0, client.timeout());
            assertNull(client.bindAddress());
        }

        @Test
        void theTypeIsMatchedIgnoringCase() {
            assertEquals(8000, tcpClient("TCP:localhost:8000").port());
        }

        @Test
        void aParsedEndpointConnectsWithTheParsedArguments() {
            IStreamClientEndpoint endpoint = Endpoints.clientFromString(reactor,
                    "tcp:host=localhost:port=8000:timeout=5:bindAddress=127.0.0.1");
            endpoint.connect(Factory.forProtocol(Protocol::new));

            MemoryReactor.TCPClient call = reactor.tcpClients().get(0);
            assertEquals("localhost", call.host());
            assertEquals(8000, call.port());
            assertEquals(5.0, call.timeout());
            assertEquals(new IPv4Address("TCP", "127.0.0.1", 0), call.bindAddress());
        }
    }

    @Nested
    class UNIXEndpoints {
        @Test // Twisted: ServerStringTests.test_unix
        void aUnixServerDescriptionListensWithListenUNIX() {
            UNIXServerEndpoint endpoint = assertInstanceOf(UNIXServerEndpoint.class,
                    Endpoints.serverFromString(reactor, "unix:/var/run/finger:mode=660:lockfile=1"));
            assertEquals(new UNIXServerDescription("/var/run/finger", 0660, 50, true), endpoint.description());
            Factory factory = Factory.forProtocol(Protocol::new);
            IListeningPort port = successResultOf(endpoint.listen(factory));
            assertEquals(new UNIXAddress("/var/run/finger"), port.getHost());
            assertEquals(List.of(new MemoryReactor.UNIXServer("/var/run/finger", factory, 50, 0660, true)),
                    reactor.unixServers());
        }

        @Test
        void aUnixServerThatCannotListenFailsItsDeferred() {
            reactor.setListenException(new CannotListenError("in use"));
            failureResultOf(Endpoints.serverFromString(reactor, "unix:/p").listen(Factory.forProtocol(Protocol::new)),
                    CannotListenError.class);
        }

        @Test // Twisted: ClientStringTests.test_unix
        void aUnixClientDescriptionConnectsWithConnectUNIX() {
            UNIXClientEndpoint endpoint = assertInstanceOf(UNIXClientEndpoint.class,
                    Endpoints.clientFromString(reactor, "unix:path=/var/foo/bar:lockfile=1:timeout=9"));
            assertEquals(new UNIXClientDescription("/var/foo/bar", 9, true), endpoint.description());
            Deferred<IProtocol> connected = endpoint.connect(Factory.forProtocol(Protocol::new));
            MemoryReactor.UNIXClient call = reactor.unixClients().get(0);
            assertEquals("/var/foo/bar", call.address());
            assertEquals(9.0, call.timeout());
            assertTrue(call.checkPID());
            assertEquals(new UNIXAddress("/var/foo/bar"), reactor.unixConnectors().get(0).getDestination());
            call.factory().clientConnectionFailed(reactor.unixConnectors().get(0),
                    new Failure(new ConnectionRefusedError("nobody")));
            failureResultOf(connected, ConnectionRefusedError.class);
        }
    }

    @Nested
    class ParsedDescriptions {
        @Test
        void aMalformedDescriptionFailsAsMalformedBeforeAnyFileIsRead() {
            EndpointDescriptionError e = serverError("unix:/p:mode=9");
            assertEquals("invalid endpoint description \"unix:/p:mode=9\": mode must be an octal integer: '9'",
                    e.getMessage());
            e = clientError("tls:example.com");
            assertEquals("tls client endpoints need 'port', which is missing", e.problem());
        }

        @Test // Twisted: ParserTests.test_simpleUNIX
        void aUnixServerDefaultsToMode666Backlog50AndALockFile() {
            assertEquals(new UNIXServerDescription("/var/run/finger", 0666, 50, true),
                    UNIXServerDescription.parse(List.of("/var/run/finger"), Map.of()));
        }

        @Test // Twisted: ServerStringTests.test_unix, ParserTests.test_modeUNIX, test_wantPIDUNIX
        void aUnixServerReadsItsModeInOctalAndItsLockfileAsAFlag() {
            assertEquals(new UNIXServerDescription("/var/foo/bar", 0123, 7, true),
                    UNIXServerDescription.parse(List.of("/var/foo/bar"),
                            Map.of("backlog", "7", "mode", "0123", "lockfile", "1")));
            assertEquals(0660, UNIXServerDescription.parse(List.of("/p"), Map.of("mode", "0660")).mode());
            assertEquals(0660, UNIXServerDescription.parse(List.of("/p"), Map.of("mode", "0o660")).mode());
            assertFalse(UNIXServerDescription.parse(List.of("/p"), Map.of("lockfile", "0")).wantPID());
        }

        @Test // Twisted: ParserTests.test_escape, test_impliedEscape
        void aUnixServerTakesItsAddressEscapedOrAsAKeyword() {
            assertEquals("foo:bar=baz:qux\\", UNIXServerDescription.parse(
                    parse("unix:foo\\:bar\\=baz\\:qux\\\\").args().subList(1, 2), Map.of()).address());
            assertEquals("foo=bar", UNIXServerDescription.parse(List.of(), parse("unix:address=foo=bar").kwargs())
                    .address());
        }

        @Test // Twisted: ClientStringTests.test_unix, test_unixPathPositionalArg
        void aUnixClientTakesItsPathPositionallyOrAsAKeyword() {
            UNIXClientDescription expected = new UNIXClientDescription("/var/foo/bar", 9, true);
            assertEquals(expected, UNIXClientDescription.parse(List.of(),
                    Map.of("path", "/var/foo/bar", "lockfile", "1", "timeout", "9")));
            assertEquals(expected, UNIXClientDescription.parse(List.of("/var/foo/bar"),
                    Map.of("lockfile", "1", "timeout", "9")));
        }

        @Test // Twisted: ClientStringTests.test_unixDefaults
        void aUnixClientDefaultsToA30SecondTimeoutAndNoPIDCheck() {
            assertEquals(new UNIXClientDescription("/var/foo/bar", 30, false),
                    UNIXClientDescription.parse(List.of(), Map.of("path", "/var/foo/bar")));
        }

        @Test
        void aUnixClientReadsCheckPIDAsAFlagToo() {
            assertFalse(UNIXClientDescription.parse(List.of("/p"), Map.of("checkPID", "0")).checkPID());
            assertTrue(UNIXClientDescription.parse(List.of("/p"), Map.of("checkPID", "1")).checkPID());
            EndpointDescriptionError e = assertThrows(EndpointDescriptionError.class,
                    () -> UNIXClientDescription.parse(List.of("/p"), Map.of("lockfile", "1", "checkPID", "0")));
            assertTrue(e.getMessage().contains("lockfile and checkPID are one setting"), e.getMessage());
        }

        @Test
        void anSslServerTakesItsTwistedArgumentsAndDefaultsTheCertificateToTheKeyFile() {
            Descriptions.Parsed p = parse("ssl:443:privateKey=key.pem:certKey=cert.pem:extraCertChain=chain.pem"
                    + ":dhParameters=dh.pem:interface=127.0.0.1:backlog=12:sslmethod=TLSv1_2_METHOD");
            assertEquals(new SSLServerDescription(443, "key.pem", "cert.pem", "TLSv1_2_METHOD", "127.0.0.1", 12,
                    "chain.pem", "dh.pem"), SSLServerDescription.parse(p.args().subList(1, 2), p.kwargs()));

            assertEquals(new SSLServerDescription(4321, "server.pem", "server.pem", null, "", 50, null, null),
                    SSLServerDescription.parse(List.of("4321"), Map.of()));
            assertEquals("k.pem", SSLServerDescription.parse(List.of("1"), Map.of("privateKey", "k.pem")).certKey());
        }

        @Test
        void anSslServerRefusesAnUnknownSslMethodListingTheKnownOnes() {
            EndpointDescriptionError e = serverError("ssl:443:sslmethod=SSLv2_METHOD");
            assertEquals("sslmethod must be one of SSLv23_METHOD, TLS_METHOD, TLS_SERVER_METHOD, TLSv1_METHOD,"
                    + " TLSv1_1_METHOD, TLSv1_2_METHOD: 'SSLv2_METHOD'", e.problem());
        }

        @Test // Twisted: SSLClientStringTests.test_ssl, test_sslPositionalArgs, test_sslWithDefaults
        void anSslClientTakesHostAndPortAsTcpDoesAndItsCertificateArguments() {
            SSLClientDescription expected = new SSLClientDescription("example.net", 4321, 3, "10.0.0.3",
                    "cert.pem", "key.pem", "/etc/ssl/certs", null);
            Descriptions.Parsed keywords = parse("ssl:host=example.net:port=4321:privateKey=key.pem:"
                    + "certKey=cert.pem:bindAddress=10.0.0.3:timeout=3:caCertsDir=/etc/ssl/certs");
            assertEquals(expected, SSLClientDescription.parse(List.of(), keywords.kwargs()));
            Descriptions.Parsed positional = parse("ssl:example.net:4321:privateKey=key.pem:"
                    + "certKey=cert.pem:bindAddress=10.0.0.3:timeout=3:caCertsDir=/etc/ssl/certs");
            assertEquals(expected, SSLClientDescription.parse(positional.args().subList(1, 3), positional.kwargs()));
            assertEquals(new SSLClientDescription("example.net", 4321, 30, null, null, null, null, null),
                    SSLClientDescription.parse(List.of("example.net", "4321"), Map.of()));
        }

        @Test // Twisted: WrapClientTLSParserTests.test_hostnameEndpointConstruction, test_tlsWithDefaults
        void aTlsClientTakesItsTwistedArguments() {
            assertEquals(new TLSClientDescription("example.com", 443, 10, "127.0.0.1", null, null, null, null),
                    TLSClientDescription.parse(List.of("example.com", "443"),
                            Map.of("timeout", "10", "bindAddress", "127.0.0.1")));
            assertEquals(new TLSClientDescription("example.com", 443, 30, null, null, null, null, null),
                    TLSClientDescription.parse(List.of("example.com", "443"), Map.of()));
            Descriptions.Parsed p = parse("tls:localhost:4321:privateKey=key.pem:certificate=cert.pem"
                    + ":trustRoots=/etc/cas:endpoint=tcp\\:127.0.0.1\\:4321");
            assertEquals(new TLSClientDescription("localhost", 4321, 30, null, "cert.pem", "key.pem", "/etc/cas",
                    "tcp:127.0.0.1:4321"), TLSClientDescription.parse(p.args().subList(1, 3), p.kwargs()));
        }

        @Test
        void theDescriptionRecordsCheckTheirValuesWhenBuiltDirectly() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new UNIXServerDescription("/p", 010000, 50, true));
            assertEquals("mode 0o10000 is out of range 0o0..0o7777", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new TLSClientDescription("h", 70000, 30, null, null, null, null, null));
            assertEquals("port 70000 is out of range 0..65535", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new UNIXClientDescription("/p", -1, false));
            assertThrows(IllegalArgumentException.class,
                    () -> new SSLServerDescription(1, "k", "k", "bogus", "", 50, null, null));
        }
    }

    @Nested
    class Errors {
        @Test
        void aNonIntegerPortIsNamedAndQuoted() {
            EndpointDescriptionError e = serverError("tcp:port=abc");
            assertEquals("invalid endpoint description \"tcp:port=abc\": port must be an integer: 'abc'",
                    e.getMessage());
            assertEquals("port must be an integer: 'abc'", e.problem());
            assertEquals("tcp:port=abc", e.description());
            assertInstanceOf(IllegalArgumentException.class, e);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "tcp:abc            | port must be an integer: 'abc'",
            "tcp:               | port must be an integer: ''",
            "tcp:0x50           | port must be an integer: '0x50'",
            "tcp:8__0           | port must be an integer: '8__0'",
            "tcp:80:backlog=x   | backlog must be an integer: 'x'",
            "tcp:80::           | backlog must be an integer: ''",
            "tcp6:80:x          | backlog must be an integer: 'x'",
            "tcp:99999          | port '99999' is out of range 0..65535",
            "tcp:-1             | port '-1' is out of range 0..65535",
            "tcp:80:backlog=-5  | backlog '-5' is out of range 0..2147483647",
            "tcp:80:bogus=1     | unknown keyword 'bogus' for tcp server endpoints (they take port, interface, backlog)",
            "tcp:=80            | unknown keyword '' for tcp server endpoints (they take port, interface, backlog)",
            "tcp6:80:timeout=1  | unknown keyword 'timeout' for tcp6 server endpoints (they take port, backlog, interface)",
            "tcp                | tcp server endpoints need 'port', which is missing",
            "tcp:interface=a    | tcp server endpoints need 'port', which is missing",
            "tcp:80:port=81     | 'port' is given twice: as the positional '80' and as port=81",
            "unix:/p:mode=10000 | mode '10000' is out of range 0o0..0o7777",
            "unix:/p:lockfile=x | lockfile must be an integer: 'x'",
        })
        void serverErrorsNameTheBadPart(String description, String problem) {
            EndpointDescriptionError e = serverError(description);
            assertEquals(problem, e.problem());
            assertEquals("invalid endpoint description \"" + description + "\": " + problem, e.getMessage());
        }

        @Test
        void tooManyPositionalArgumentsAreListed() {
            assertEquals("tcp server endpoints take at most 3 positional arguments [port, interface, backlog],"
                    + " but 4 were given: ['80', 'a', '5', 'x']", serverError("tcp:80:a:5:x").problem());
            assertEquals("unix client endpoints take at most 1 positional arguments [path], but 2 were given:"
                    + " ['/p', '/q']", clientError("unix:/p:/q").problem());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "tcp:localhost              | tcp client endpoints need 'port', which is missing",
            "tcp:port=80                | tcp client endpoints need 'host', which is missing",
            "tcp                        | tcp client endpoints need 'host', which is missing",
            "tcp:h:abc                  | port must be an integer: 'abc'",
            "tcp:h:70000                | port '70000' is out of range 0..65535",
            "tcp:h:80:timeout=2.5       | timeout must be an integer: '2.5'",
            "tcp:h:80:timeout=-1        | timeout '-1' is out of range 0..2147483647",
            "tcp:h:80:bogus=1           | unknown keyword 'bogus' for tcp client endpoints (they take host, port, timeout, bindAddress)",
            "tcp:h:80:host=g            | 'host' is given twice: as the positional 'h' and as host=g",
            "tcp:host=h:port=80:81      | 'port' is given twice: as the positional '81' and as port=80",
            "tcp:h:80:extra             | tcp client endpoints take at most 2 positional arguments [host, port], but 3 were given: ['h', '80', 'extra']",
            "unix:/p:path=/q            | 'path' is given twice: as the positional '/p' and as path=/q",
            "unix:path=/p:bogus=1       | unknown keyword 'bogus' for unix client endpoints (they take path, timeout, checkPID, lockfile)",
            "tls:h:443:bogus=1          | unknown keyword 'bogus' for tls client endpoints (they take host, port, timeout, bindAddress, certificate, privateKey, trustRoots, endpoint)",
            "ssl:h:443:caCerts=/x       | unknown keyword 'caCerts' for ssl client endpoints (they take host, port, timeout, bindAddress, certKey, privateKey, caCertsDir, hostname)",
        })
        void clientErrorsNameTheBadPart(String description, String problem) {
            EndpointDescriptionError e = clientError(description);
            assertEquals(problem, e.problem());
            assertEquals("invalid endpoint description \"" + description + "\": " + problem, e.getMessage());
        }

        @Test // Twisted: ServerStringTests.test_unknownType, ParserTests.test_unknownType
        void anUnknownServerTypeIsNamedWithTheKnownOnes() {
            EndpointDescriptionError e = serverError("ftl:andromeda/carcosa/hali/2387");
            assertEquals("Unknown endpoint type: 'ftl' (known server endpoint types: fake, ssl, tcp, tcp6, unix)",
                    e.problem());
        }

        @Test // Twisted: ClientStringTests.test_unknownType
        void anUnknownClientTypeIsNamedWithTheKnownOnes() {
            EndpointDescriptionError e = clientError("ftl:andromeda/carcosa/hali/2387");
            assertEquals("Unknown endpoint type: 'ftl' (known client endpoint types: crfake, ssl, tcp, tls, unix)",
                    e.problem());
        }

        @Test
        void aBarePortNumberIsAnUnknownTypeAsInTwisted2204WithAHint() {
            EndpointDescriptionError e = serverError("8000");
            assertTrue(e.problem().startsWith("Unknown endpoint type: '8000'"), e.problem());
            assertTrue(e.problem().endsWith("write 'tcp:8000'"), e.problem());
        }

        @Test
        void anEmptyDescriptionIsAnUnknownEmptyType() {
            assertTrue(serverError("").problem().startsWith("Unknown endpoint type: ''"));
            assertTrue(clientError("").problem().startsWith("Unknown endpoint type: ''"));
        }

        @Test
        void aDescriptionStartingWithAKeywordHasNoType() {
            assertEquals("it has no endpoint type: it must start with one, such as 'tcp:', not with a keyword",
                    serverError("port=80").problem());
        }

        @Test
        void nullArgumentsAreRefusedByName() {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> Endpoints.serverFromString(reactor, null));
            assertEquals("description", e.getMessage());
            e = assertThrows(NullPointerException.class, () -> Endpoints.clientFromString(null, "tcp:h:1"));
            assertEquals("reactor", e.getMessage());
        }
    }

    @Nested
    class Plugins {
        @Test // Twisted: ServerStringTests.test_typeFromPlugin
        void aServerParserOnTheClassPathBuildsItsType() {
            IStreamServerEndpoint endpoint = Endpoints.serverFromString(reactor, "fake:hello:world:yes=no:up=down");

            FakeEndpointPlugins.FakeEndpoint fake = assertInstanceOf(FakeEndpointPlugins.FakeEndpoint.class, endpoint);
            assertInstanceOf(FakeEndpointPlugins.Server.class, fake.parser());
            assertSame(reactor, fake.reactor());
            assertEquals(List.of("hello", "world"), fake.args());
            assertEquals(Map.of("yes", "no", "up", "down"), fake.kwargs());
        }

        @Test // Twisted: ClientStringTests.test_typeFromPlugin, test_stringParserWithReactor
        void aClientParserOnTheClassPathBuildsItsTypeWithTheReactor() {
            IStreamClientEndpoint endpoint = Endpoints.clientFromString(reactor, "CRfake:alpha:beta:cee=dee:num=1");

            FakeEndpointPlugins.FakeEndpoint fake = assertInstanceOf(FakeEndpointPlugins.FakeEndpoint.class, endpoint);
            assertInstanceOf(FakeEndpointPlugins.Client.class, fake.parser());
            assertSame(reactor, fake.reactor());
            assertEquals(List.of("alpha", "beta"), fake.args());
            assertEquals(Map.of("cee", "dee", "num", "1"), fake.kwargs());
        }

        @Test
        void aParserErrorGetsTheDescriptionAdded() {
            EndpointDescriptionError e = serverError("fake:fail=yes");
            assertEquals("invalid endpoint description \"fake:fail=yes\": fail=yes was asked for", e.getMessage());
        }

        private ParserRegistry<IStreamServerEndpointStringParser> registry(IStreamServerEndpointStringParser... plugins) {
            return new ParserRegistry<>("server", StandardParsers.servers(), List.of(plugins),
                    IStreamServerEndpointStringParser::prefix);
        }

        private IStreamServerEndpointStringParser parserFor(String prefix) {
            return new IStreamServerEndpointStringParser() {
                @Override
                public String prefix() {
                    return prefix;
                }

                @Override
                public IStreamServerEndpoint parseStreamServer(dev.jtwisted.internet.IReactor r, List<String> args,
                        Map<String, String> kwargs) {
                    return new TCP4ServerEndpoint(r, 1);
                }
            };
        }

        @Test
        void aParserOnTheClassPathCannotReplaceSslEither() {
            assertInstanceOf(StandardParsers.SSLServer.class, registry(parserFor("SSL")).lookup("ssl"));
        }

        @Test
        void aParserOnTheClassPathCannotReplaceTcpAndIsLoggedAsIgnored() {
            LogCapture.clear();
            ParserRegistry<IStreamServerEndpointStringParser> registry = registry(parserFor("tcp"));
            assertInstanceOf(StandardParsers.TCPServer.class, registry.lookup("tcp"));
            assertEquals(1, LogCapture.containing("the built-in 'tcp' type cannot be replaced").size());
        }

        @Test
        void twoParsersForOnePrefixAreRefusedWhenItIsUsed() {
            ParserRegistry<IStreamServerEndpointStringParser> registry =
                    registry(parserFor("dup"), parserFor("Dup"), parserFor("other"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.lookup("dup"));
            assertTrue(e.getMessage().startsWith("more than one server endpoint parser for 'dup'"), e.getMessage());
            registry.lookup("other");
            assertEquals(List.of("dup", "other", "ssl", "tcp", "tcp6", "unix"), registry.knownTypes());
        }
    }
}
