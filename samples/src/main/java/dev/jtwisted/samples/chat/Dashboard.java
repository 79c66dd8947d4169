package dev.jtwisted.samples.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.ErrorPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: the admin dashboard, one HTML page showing the user count and the banner as
 * they are when it is served, then keeping the count fresh by fetching {@code /users/} every
 * second ({@code ?refresh=MS} for another period), with a form that sets the banner by posting
 * JSON to {@code /banner/} and shows what the server answered. The page is
 * {@code dashboard.html} beside this class; {@code {{users}}} and {@code {{banner}}} in it are
 * replaced, HTML-escaped.
 *
 * <p>Twisted: the talk's Flask dashboard ({@code splash()} rendering {@code index.html} with
 * {@code user_count} and {@code banner}, and a form posted to {@code /set_banner/}), served
 * here by the same site as the API, so the page can call it directly.
 */
final class Dashboard extends ApiResource {
    private static final String TEMPLATE = load("dashboard.html");

    Dashboard(NetCatChatFactory chatFactory) {
        super(chatFactory);
    }

    public byte[] render_GET(IRequest request) {
        request.setHeader("content-type", "text/html; charset=utf-8");
        request.setHeader("cache-control", "no-store");
        return TEMPLATE
                .replace("{{users}}", Integer.toString(chatFactory.userCount()))
                .replace("{{banner}}", ErrorPage.escape(chatFactory.banner()))
                .getBytes(UTF_8);
    }

    private static String load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing beside " + Dashboard.class.getName());
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
