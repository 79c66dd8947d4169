package dev.jtwisted.samples.chat;

import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /banner/} gives the banner, {@code {"banner": "Welcome!"}}; {@code POST /banner/}
 * with {@code {"banner": "Hello"}} sets it for the users who connect from then on and answers
 * {@code {"status": "SUCCESS", "banner": "Hello"}}. A body that is not a JSON object with a
 * string {@code "banner"}, or a banner that is not one line ({@link NetCatChatFactory#bannerProblem}),
 * is answered 400 with {@code {"status": "ERROR", "error": "..."}} saying what was wrong, and
 * the banner stays as it was. The body's {@code Content-Type} is not checked, as in the
 * original ({@code curl -d} sends a form type).
 *
 * <p>The original set the banner a tenth of a second later with {@code task.deferLater}, to show
 * a Deferred, and answered {@code SUCCESS} before it had; here it is set before the answer, so
 * a user who connects once the answer has arrived gets the new banner.
 *
 * <p>Twisted: {@code Banner} of {@code api.py} in the talk "Twisted: Concepts &amp; Patterns".
 */
final class Banner extends ApiResource {
    private static final String EXAMPLE = "{\"banner\": \"Welcome!\"}";

    Banner(NetCatChatFactory chatFactory) {
        super(chatFactory);
    }

    public byte[] render_GET(IRequest request) {
        return json(request, Http.OK, object("banner", chatFactory.banner()));
    }

    public byte[] render_POST(IRequest request) {
        Object data;
        try {
            data = Json.parse(request.content().readAllBytes());
        } catch (Json.ParseError e) {
            return error(request, Http.BAD_REQUEST, "the body is not JSON: " + e.getMessage() + "; send " + EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory body; the server answers 500 and logs it
        }
        if (!(data instanceof Map<?, ?> object)) {
            return error(request, Http.BAD_REQUEST, "the body must be a JSON object such as " + EXAMPLE + ", not "
                    + Json.kind(data));
        }
        if (!object.containsKey("banner")) {
            return error(request, Http.BAD_REQUEST, "the body has no \"banner\" member; send " + EXAMPLE);
        }
        if (!(object.get("banner") instanceof String banner)) {
            return error(request, Http.BAD_REQUEST, "\"banner\" must be a string, not " + Json.kind(object.get("banner")));
        }
        String problem = NetCatChatFactory.bannerProblem(banner);
        if (problem != null) {
            return error(request, Http.BAD_REQUEST, "the banner " + problem);
        }
        chatFactory.setBanner(banner);
        return json(request, Http.OK, object("status", "SUCCESS", "banner", banner));
    }
}
