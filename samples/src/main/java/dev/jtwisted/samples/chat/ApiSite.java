package dev.jtwisted.samples.chat;

import dev.jtwisted.web.server.Request;
import dev.jtwisted.web.server.Site;

/**
 * The admin site: {@link Root}'s tree over HTTP, with an access log that leaves out the
 * dashboard's count refreshes (a successful {@code GET /users/} every second per open
 * dashboard), which would drown every other line. Twisted: {@code server.Site(Root(factory))}.
 */
final class ApiSite extends Site {
    ApiSite(NetCatChatFactory chatFactory) {
        super(new Root(chatFactory));
    }

    @Override
    public void log(Request request) {
        boolean refresh = request.method().equals("GET") && request.path().equals("/users/") && request.code() == 200;
        if (!refresh) {
            super.log(request);
        }
    }
}
