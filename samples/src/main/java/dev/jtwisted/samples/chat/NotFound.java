package dev.jtwisted.samples.chat;

import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;

/**
 * What the admin site answers for a path it does not have: 404, in JSON, naming the paths it
 * does have. Twisted: {@code resource.NoResource}, in JSON.
 */
final class NotFound extends Resource {
    NotFound() {
        isLeaf = true;
    }

    @Override
    public byte[] render(IRequest request) {
        return answer(request);
    }

    static byte[] answer(IRequest request) {
        return ApiResource.error(request, Http.NOT_FOUND, "no such resource: " + request.path()
                + "; the API has /users/ and /banner/, and the dashboard is /");
    }
}
