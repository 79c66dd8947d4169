package dev.jtwisted.samples.chat;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.util.List;

/**
 * {@code chat}: a chat server for netcat users, with an HTTP admin API and dashboard beside it.
 * Users connect with {@code nc -C 127.0.0.1 8000}; each is greeted with the banner, and every
 * line one sends goes to all the others. The admin site on {@code --api-port} (8001) serves
 * {@code GET /users/} (how many are connected), {@code GET} and {@code POST /banner/} (the
 * greeting, as JSON), and a dashboard page at {@code /}. Both ports listen on
 * {@code --interface} (127.0.0.1); {@code --banner} sets the first banner. Each listening line
 * is followed by how to use that port: {@code connect with: nc -C HOST PORT} and
 * {@code dashboard: http://HOST:PORT/}. It is also the {@code twistd chat} plugin.
 *
 * <p>Twisted: {@code runner.py} of the talk "Twisted: Concepts &amp; Patterns" (Patrick Cloke and
 * Stephen DiCato): one {@code NetCatChatFactory}, listened on with
 * {@code endpoints.serverFromString(reactor, "tcp:1400")}, and a {@code server.Site(Root(factory))}
 * on {@code "tcp:8080"}, then {@code reactor.run()}. The ports are 8000 and 8001 here, as for the
 * other samples.
 */
public final class ChatServer extends ServerSample {
    /** The banner when {@code --banner} is not given. */
    public static final String DEFAULT_BANNER = "Welcome to the chat!";

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String description() {
        return "Netcat chat server with an HTTP admin API and dashboard (the Twisted talk's chat.py and api.py)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(8000),
                Option.integer("api-port", "N", "TCP port of the admin API and dashboard; 0 picks any free port",
                        8001, 0, 65535),
                Option.interfaceAddress("127.0.0.1"),
                Option.value("banner", "TEXT", "the line each user gets on connecting", DEFAULT_BANNER));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        int port = args.port();
        int apiPort = args.intValue("api-port");
        if (port == apiPort && port != 0) {
            throw new UsageError("--port and --api-port must differ, not both " + port);
        }
        String banner = args.value("banner");
        String problem = NetCatChatFactory.bannerProblem(banner);
        if (problem != null) {
            throw new UsageError("--banner " + problem);
        }
        String iface = ":interface=" + Endpoints.quoteStringArgument(args.interfaceAddress());

        // Create an instance of the factory: the chat's state lives there.
        NetCatChatFactory factory = new NetCatChatFactory(banner);
        // Listen for chat, and for the API and dashboard, which see the same factory.
        return Serving.listen("chat", Endpoints.serverFromString(reactor, "tcp:" + port + iface), factory)
                .followedBy(address -> "connect with: nc -C " + host(address, false) + " " + port(address))
                .and("chat-api", Endpoints.serverFromString(reactor, "tcp:" + apiPort + iface), new ApiSite(factory))
                .followedBy(address -> "dashboard: http://" + host(address, true) + ":" + port(address) + "/");
    }

    /**
     * Where a client reaches {@code address}: its host, but the loopback address for a
     * wildcard ({@code 0.0.0.0}, {@code ::}); an IPv6 host in brackets if {@code forUrl}.
     */
    static String host(IAddress address, boolean forUrl) {
        if (!(address instanceof IPAddress ip)) {
            return String.valueOf(address);
        }
        boolean v6 = address instanceof IPv6Address;
        String host = ip.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (v6 && (host.equals("::") || host.equals("0:0:0:0:0:0:0:0"))) {
            host = "::1";
        }
        return v6 && forUrl ? "[" + host + "]" : host;
    }

    private static String port(IAddress address) {
        return address instanceof IPAddress ip ? Integer.toString(ip.port()) : "?";
    }

    @Override
    public String toString() {
        return "ChatServer";
    }
}
