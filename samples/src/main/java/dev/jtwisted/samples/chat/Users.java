package dev.jtwisted.samples.chat;

import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;

/**
 * {@code GET /users/}: how many users are connected, {@code {"users": 2}}.
 *
 * <p>Twisted: {@code Users} of {@code api.py} in the talk "Twisted: Concepts &amp; Patterns".
 */
final class Users extends ApiResource {
    Users(NetCatChatFactory chatFactory) {
        super(chatFactory);
    }

    public byte[] render_GET(IRequest request) {
        // The user count from the server.
        return json(request, Http.OK, object("users", chatFactory.userCount()));
    }
}
