package dev.jtwisted.web.resource;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.web.iweb.IRequest;

/**
 * A resource that answers every request below it with one status and a small HTML page saying
 * {@code brief} and {@code detail}.
 *
 * <p>{@code brief} and {@code detail} are text, escaped into the page: unlike Twisted 22.4's
 * {@code ErrorPage} (deprecated for it), a URL or a user's input in them cannot inject HTML.
 * Twisted's replacement, {@code twisted.web.pages.errorPage}, escapes too.
 *
 * <p>Twisted: {@code twisted.web.resource.ErrorPage}.
 */
public class ErrorPage extends Resource {
    /** The status code sent. Twisted: {@code code}. */
    protected final int code;
    protected final String brief;
    protected final String detail;

    public ErrorPage(int status, String brief, String detail) {
        this.code = status;
        this.brief = brief;
        this.detail = detail;
    }

    @Override
    public byte[] render(IRequest request) {
        request.setResponseCode(code);
        request.setHeader("content-type", "text/html; charset=utf-8");
        return ("\n<html>\n  <head><title>" + code + " - " + escape(brief) + "</title></head>\n  <body>\n    <h1>"
                + escape(brief) + "</h1>\n    <p>" + escape(detail) + "</p>\n  </body>\n</html>\n").getBytes(UTF_8);
    }

    /** Itself: an error page is the answer for everything below it too. */
    @Override
    public IResource getChild(String path, IRequest request) {
        return this;
    }

    /** {@code s} with {@code & < > " '} as HTML entities. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#x27;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + code + ", " + brief + ")";
    }
}
