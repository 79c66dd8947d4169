package dev.jtwisted.web.resource;

import dev.jtwisted.web.http.Http;

/**
 * 404 Not Found, for every request below it. Twisted: {@code twisted.web.resource.NoResource}.
 */
public class NoResource extends ErrorPage {
    public NoResource() {
        this("Sorry. No luck finding that resource.");
    }

    public NoResource(String message) {
        super(Http.NOT_FOUND, "No Such Resource", message);
    }
}
