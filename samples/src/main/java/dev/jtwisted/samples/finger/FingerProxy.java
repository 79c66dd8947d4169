package dev.jtwisted.samples.finger;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.Seconds;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.util.List;

/**
 * A finger proxy: a finger server on {@code --port} (1179) that answers each query by asking
 * the finger server at {@code --upstream} (127.0.0.1:1079, where {@code finger} listens) with
 * a finger client, and passing its reply on. If the upstream refuses, closes without a word,
 * or does not answer within {@code --timeout} seconds (30), the reply is one {@code Error:}
 * line naming it.
 *
 * <pre>
 * $ java -jar jtwisted-samples.jar finger &amp;
 * $ java -jar jtwisted-samples.jar finger-proxy --upstream 127.0.0.1:1079
 * finger-proxy listening on 127.0.0.1:1179
 * $ echo moshez | nc -C 127.0.0.1 1179
 * Happy and well
 * </pre>
 *
 * <p>Twisted: the tutorial's "Writing Clients: A Finger Proxy": {@code FingerClient},
 * {@code FingerClientFactory} and {@code query}, and a {@code .tac} serving
 * {@code FingerProxyFactory('internal.ibm.com')} with the {@code FingerProtocol} of the
 * earlier steps.
 */
public final class FingerProxy extends ServerSample {

    @Override
    public String name() {
        return "finger-proxy";
    }

    @Override
    public String description() {
        return "Finger proxy: answers by asking another finger server with a finger client (the finger tutorial)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(1179), Option.interfaceAddress("127.0.0.1"),
                Option.value("upstream", "HOST:PORT", "the finger server to ask; PORT 79 if left out",
                        "127.0.0.1:1079"),
                Option.value("timeout", "SECONDS", "give up on the upstream after SECONDS", "30"));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        Upstream upstream = Upstream.parse(args.value("upstream"));
        double timeout = Seconds.parse("--timeout", args.value("timeout"));
        return Serving.listen(name(), tcpEndpoint(reactor, args),
                new FingerProxyServer(reactor, upstream, timeout));
    }

    @Override
    public String toString() {
        return "FingerProxy";
    }
}
