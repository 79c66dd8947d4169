package dev.jtwisted.samples.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import dev.jtwisted.web.client.Client;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import dev.jtwisted.web.server.Site;
import java.util.List;
import java.util.Objects;

/**
 * A proxying web resource: {@code GET /?url=http://host/page} fetches the page with
 * {@code getPage} and answers with its body. The renderer returns {@code NOT_DONE_YET} at once,
 * the page is written by a callback, and {@code addBoth} finishes the request whether the fetch
 * worked or not. No {@code url}, or one that is not http or https, gets 400; a fetch that fails
 * gets 502 with what went wrong; if the client goes away first, nothing more is written.
 *
 * <pre>
 * $ java -jar jtwisted-samples.jar web-proxy --port 8080
 * $ curl 'http://127.0.0.1:8080/?url=http://127.0.0.1:8000/'
 * </pre>
 *
 * <p>Twisted: {@code web3b.py} of the EuroPython 2012 training: {@code d = getPage(url)},
 * {@code d.addCallback(request.write)}, {@code d.addBoth(lambda _: request.finish())},
 * {@code return NOT_DONE_YET}, "an actual web proxy server".
 */
public final class WebProxy extends ServerSample {

    /** The resource: a leaf, so every path lands here. */
    static final class ProxyResource extends Resource {
        private final IReactor reactor;

        ProxyResource(IReactor reactor) {
            this.reactor = Objects.requireNonNull(reactor, "reactor");
            isLeaf = true;
        }

        byte[] render_GET(IRequest request) {
            List<String> urls = request.args().get("url");
            if (urls == null || urls.size() != 1) {
                return badRequest(request, "give exactly one url parameter: /?url=http://host/page");
            }
            String url = urls.get(0);
            if (!ProxyProtocol.isHttpUrl(url)) {
                return badRequest(request, "not an http or https URL: '" + url + "'");
            }
            boolean[] gone = {false};
            request.notifyFinish().addErrback(failure -> {
                gone[0] = true; // the client went away: nothing more to write
                return null;
            });
            Client.getPage(reactor, url).addCallbacks(page -> {
                if (!gone[0]) {
                    request.write(page);
                }
                return null;
            }, (Failure failure) -> {
                if (!gone[0]) {
                    request.setResponseCode(502);
                    request.setHeader("content-type", "text/plain; charset=utf-8");
                    request.write(("error: " + failure.getErrorMessage() + "\n").getBytes(UTF_8));
                }
                return null;
            }).addBoth(ignored -> {
                if (!gone[0]) {
                    request.finish();
                }
                return null;
            });
            return Server.NOT_DONE_YET;
        }

        private static byte[] badRequest(IRequest request, String why) {
            request.setResponseCode(400);
            request.setHeader("content-type", "text/plain; charset=utf-8");
            return ("error: " + why + "\n").getBytes(UTF_8);
        }
    }

    @Override
    public String name() {
        return "web-proxy";
    }

    @Override
    public String description() {
        return "Proxying web resource: GET /?url=URL answers with that page, fetched by getPage (web3b.py)";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(8080), Option.interfaceAddress("127.0.0.1"));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        IStreamServerEndpoint endpoint = tcpEndpoint(reactor, args);
        return Serving.listen(name(), endpoint, new Site(new ProxyResource(reactor)));
    }
}
