package dev.jtwisted.web.resource;

import dev.jtwisted.web.http.Http;

/**
 * 403 Forbidden, for every request below it. Twisted: {@code twisted.web.resource.ForbiddenResource}.
 */
public class ForbiddenResource extends ErrorPage {
    public ForbiddenResource() {
        this("Sorry, resource is forbidden.");
    }

    public ForbiddenResource(String message) {
        super(Http.FORBIDDEN, "Forbidden Resource", message);
    }
}
