package dev.jtwisted.samples.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.resource.Resource;
import java.util.List;

/**
 * A resource tree: a plain {@link Resource} as the root, with children registered by
 * {@code putChild}, each answering with a {@code render_GET} (or {@code render_POST}) method.
 *
 * <pre>
 * /            Index     render_GET: HELLO, a link and a form
 * /page        Page      render_GET: A PAGE
 * /greet       Greeting  a leaf: GET /greet/NAME or POST name=NAME, Hello, NAME!
 * anything else          404, from the root's default getChild
 * </pre>
 *
 * {@code Greeting} is a leaf ({@code isLeaf = true}): traversal stops there, so it answers
 * {@code /greet/Alice} itself, finding the rest of the path in {@code request.postpath()}; a
 * POST finds the form's fields in {@code request.args()}. Methods without a renderer get 405
 * with an {@code Allow} header ({@code POST /page}).
 *
 * <p>Twisted: {@code web2.py} of the EuroPython 2012 Twisted training, part 2 ({@code Index}
 * answering {@code HELLO}, {@code Page} answering {@code A PAGE}), with a leaf that reads
 * {@code request.args} and {@code request.postpath}, as the training's later examples do.
 */
public final class WebTree extends WebServer {

    @Override
    public String name() {
        return "web-tree";
    }

    @Override
    public String description() {
        return "A web resource tree: putChild, isLeaf, render_GET and render_POST with request.args (training)";
    }

    @Override
    IResource root(Args args, IReactor reactor) {
        Resource root = new Resource();
        root.putChild("", new Index());
        root.putChild("page", new Page());
        root.putChild("greet", new Greeting());
        return root;
    }

    /** {@code /}. Twisted: {@code Index} of {@code web2.py}, which returns {@code "HELLO"}. */
    static final class Index extends Resource {
        public byte[] render_GET(IRequest request) {
            return ("<html><body><h1>HELLO</h1>\n"
                    + "<p><a href=\"/page\">A page</a>, <a href=\"/greet/world\">a greeting</a></p>\n"
                    + "<form method=\"post\" action=\"/greet\">Name: <input name=\"name\"> "
                    + "<input type=\"submit\" value=\"Greet\"></form>\n"
                    + "</body></html>\n").getBytes(UTF_8);
        }
    }

    /** {@code /page}. Twisted: {@code Page} of {@code web2.py}. */
    static final class Page extends Resource {
        public byte[] render_GET(IRequest request) {
            request.setHeader("content-type", "text/plain; charset=utf-8");
            return "A PAGE\n".getBytes(UTF_8);
        }
    }

    /** {@code /greet}, a leaf: greets the name in the rest of the path, or in a posted form. */
    static final class Greeting extends Resource {
        Greeting() {
            isLeaf = true;
        }

        /** {@code GET /greet/Alice}: the segments after {@code /greet} are in {@code postpath}. */
        public byte[] render_GET(IRequest request) {
            request.setHeader("content-type", "text/plain; charset=utf-8");
            String name = String.join("/", request.postpath());
            if (name.isEmpty()) {
                return "Hello, stranger! GET /greet/NAME, or POST a form with a field name.\n".getBytes(UTF_8);
            }
            return ("Hello, " + name + "!\n").getBytes(UTF_8);
        }

        /** {@code POST /greet} with {@code name=Alice}: the form's fields are in {@code request.args}. */
        public byte[] render_POST(IRequest request) {
            request.setHeader("content-type", "text/plain; charset=utf-8");
            List<String> names = request.args().get("name");
            if (names == null || names.get(0).isBlank()) {
                request.setResponseCode(Http.BAD_REQUEST);
                return "The form needs a field name, e.g. name=Alice.\n".getBytes(UTF_8);
            }
            return ("Hello, " + names.get(0) + "!\n").getBytes(UTF_8);
        }
    }
}
