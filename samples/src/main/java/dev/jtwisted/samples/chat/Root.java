package dev.jtwisted.samples.chat;

import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.resource.Resource;

/**
 * The admin site's tree: the dashboard at {@code /}, the API at {@code /users/} and
 * {@code /banner/}, and a JSON 404 for anything else. Serve it with a {@code Site}:
 * {@code endpoint.listen(new Site(new Root(chatFactory)))}.
 *
 * <p>Twisted: {@code Root} of {@code api.py} in the talk "Twisted: Concepts &amp; Patterns";
 * the dashboard was a Flask app there, calling this API.
 */
public final class Root extends Resource {
    public Root(NetCatChatFactory chatFactory) {
        putChild("", new Dashboard(chatFactory));
        putChild("users", new Users(chatFactory));
        putChild("banner", new Banner(chatFactory));
    }

    @Override
    public IResource getChild(String path, IRequest request) {
        return new NotFound();
    }
}
