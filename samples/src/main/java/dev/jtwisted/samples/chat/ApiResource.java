package dev.jtwisted.samples.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.web.error.UnsupportedMethod;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The base of the admin site's resources: each holds the chat's factory, is a leaf, and answers
 * in JSON when the request is wrong: 404 for a path below it ({@code /users/x}) and 405, with
 * an {@code Allow} header, for a method it has no {@code render_} method for.
 *
 * <p>Threads: rendered on the reactor thread, as the chat's protocols run.
 *
 * <p>Twisted: {@code ApiResource} of {@code api.py} in the talk "Twisted: Concepts &amp;
 * Patterns": "this needs a reference to the NetCatChat factory object".
 */
abstract class ApiResource extends Resource {
    static final String JSON = "application/json";

    protected final NetCatChatFactory chatFactory;

    ApiResource(NetCatChatFactory chatFactory) {
        this.chatFactory = Objects.requireNonNull(chatFactory, "chatFactory");
        isLeaf = true;
    }

    @Override
    public byte[] render(IRequest request) {
        if (!atEnd(request)) {
            return NotFound.answer(request);
        }
        try {
            return super.render(request);
        } catch (UnsupportedMethod e) {
            request.setHeader("Allow", String.join(", ", e.allowedMethods()));
            return error(request, Http.NOT_ALLOWED, "method " + request.method() + " is not allowed on " + request.path()
                    + "; it allows " + String.join(", ", e.allowedMethods()));
        }
    }

    /**
     * Whether the path ends here: nothing after this resource's segment, or one trailing slash
     * ({@code /users} and {@code /users/}, not {@code /users/x}; {@code /} itself, not {@code //}).
     */
    private static boolean atEnd(IRequest request) {
        List<String> rest = request.postpath();
        if (rest.isEmpty()) {
            return true;
        }
        List<String> done = request.prepath();
        return rest.equals(List.of("")) && !done.isEmpty() && !done.get(done.size() - 1).isEmpty();
    }

    /** Answers {@code code} with {@code value} as indented JSON and a newline, as the original's {@code json.dumps}. */
    static byte[] json(IRequest request, int code, Object value) {
        request.setResponseCode(code);
        request.setHeader("content-type", JSON);
        return (Json.pretty(value) + "\n").getBytes(UTF_8);
    }

    /** Answers {@code code} with {@code {"status": "ERROR", "error": message}}. */
    static byte[] error(IRequest request, int code, String message) {
        return json(request, code, object("status", "ERROR", "error", message));
    }

    /** A JSON object of the names and values given in turn, in that order. */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }
}
