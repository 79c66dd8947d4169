package dev.jtwisted.internet.endpoints;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IProtocol;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamClientEndpoint;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.internet.defer.Deferred;
import java.util.List;
import java.util.Map;

/**
 * Endpoint parsers registered for the tests in {@code META-INF/services}, as Twisted's tests
 * drop in {@code twisted/plugins/fakeendpoint.py}: they build an endpoint that only records what
 * it was parsed from.
 */
public final class FakeEndpointPlugins {
    private FakeEndpointPlugins() {}

    /** What a fake parser was given. Twisted: {@code fakeendpoint.StreamServer/StreamClient}. */
    public record FakeEndpoint(Object parser, IReactor reactor, List<String> args, Map<String, String> kwargs)
            implements IStreamServerEndpoint, IStreamClientEndpoint {
        @Override
        public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
            return new Deferred<>();
        }

        @Override
        public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
            return new Deferred<>();
        }
    }

    /** Prefix {@code fake}. Twisted: {@code fakeendpoint.fake}. */
    public static final class Server implements IStreamServerEndpointStringParser {
        @Override
        public String prefix() {
            return "fake";
        }

        @Override
        public IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            if (kwargs.containsKey("fail")) {
                throw new EndpointDescriptionError("fail=" + kwargs.get("fail") + " was asked for");
            }
            return new FakeEndpoint(this, reactor, args, kwargs);
        }
    }

    /** Prefix {@code crfake}. Twisted: {@code fakeendpoint.fakeClientWithReactor}. */
    public static final class Client implements IStreamClientEndpointStringParserWithReactor {
        @Override
        public String prefix() {
            return "crfake";
        }

        @Override
        public IStreamClientEndpoint parseStreamClient(IReactor reactor, List<String> args,
                Map<String, String> kwargs) {
            return new FakeEndpoint(this, reactor, args, kwargs);
        }
    }
}
