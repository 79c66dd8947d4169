package dev.jtwisted.samples.kv;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IStreamServerEndpoint;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.samples.HostPort;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.ErrorPage;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.resource.NoResource;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Site;
import java.util.List;
import java.util.Objects;

/**
 * {@code kv-web}: a web front end to a kv server. Serves HTTP on {@code --interface}
 * (127.0.0.1) and {@code --port} (8000): {@code /} describes the API, and {@code /KEY} gets,
 * sets and deletes one key ({@link KeyPage}) by asking the kv server at {@code --kv}
 * (127.0.0.1:11211) through one pipelined {@link KeyValueClient} connection
 * ({@link KeyValueConnection}), made again when lost. Also the {@code twistd kv-web} plugin.
 * <pre>
 * curl -d 'hello world' http://127.0.0.1:8000/greeting     stored
 * curl http://127.0.0.1:8000/greeting                      hello world
 * curl -X DELETE http://127.0.0.1:8000/greeting            deleted
 * </pre>
 *
 * <p>Twisted: the training's {@code keyvalue_web.py}: {@code makeSite(kv)} puts an index and the
 * pages under a root {@code Resource}, and the protocol connected by {@code ClientCreator} is
 * the {@code kv} every page asks. The kv server is a separate process "just so you can use all
 * of the pieces together".
 */
public final class KeyValueWeb extends ServerSample {

    @Override
    public String name() {
        return "kv-web";
    }

    @Override
    public String description() {
        return "Web front end to a kv server: GET, POST and DELETE /KEY through the pipelining kv client";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(8000), Option.interfaceAddress("127.0.0.1"),
                Option.value("kv", "HOST:PORT", "the kv server to use", "127.0.0.1:" + KeyValueServer.DEFAULT_PORT));
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        HostPort kvServer = HostPort.parse("--kv", args.value("kv"));
        IStreamServerEndpoint endpoint = tcpEndpoint(reactor, args);
        KeyValueConnection kv = new KeyValueConnection(reactor, kvServer);
        return Serving.listen(name(), endpoint, makeSite(kv)).with(kv);
    }

    /** The site: {@code /} the index, {@code /KEY} a {@link KeyPage}. Twisted: {@code makeSite(kv)}. */
    public static Site makeSite(KeyValueConnection kv) {
        Resource root = new Root(kv);
        root.putChild("", new Index(kv.server()));
        return new Site(root);
    }

    @Override
    public String toString() {
        return "KeyValueWeb(kv-web)";
    }

    /** Makes a {@link KeyPage} for each first path segment; deeper paths are not found. */
    private static final class Root extends Resource {
        private final KeyValueConnection kv;

        Root(KeyValueConnection kv) {
            this.kv = Objects.requireNonNull(kv, "kv");
        }

        @Override
        public IResource getChild(String path, IRequest request) {
            if (!request.postpath().isEmpty()) {
                return new NoResource("keys are one path segment: /KEY");
            }
            return new KeyPage(kv, path);
        }
    }

    /** {@code GET /}: what the front end offers. Twisted: the training's {@code Index}. */
    private static final class Index extends Resource {
        private final byte[] page;

        Index(HostPort kvServer) {
            isLeaf = true;
            page = ("<!DOCTYPE html>\n<html><head><title>kv-web</title></head><body>\n"
                    + "<h1>kv-web</h1>\n"
                    + "<p>A web front end to the kv server at " + ErrorPage.escape(kvServer.toString())
                    + "; values expire after its ttl.</p>\n"
                    + "<pre>\n"
                    + "GET /KEY       the value, or 404\n"
                    + "POST /KEY      store the form field 'value', or else the body\n"
                    + "DELETE /KEY    delete it, or 404\n"
                    + "</pre>\n"
                    + "<pre>curl -d 'hello world' http://HOST:PORT/greeting</pre>\n"
                    + "</body></html>\n").getBytes(UTF_8);
        }

        public byte[] render_GET(IRequest request) {
            request.setHeader("content-type", "text/html; charset=utf-8");
            return page;
        }
    }
}
