package dev.jtwisted.web.resource;

import dev.jtwisted.web.iweb.IRequest;

/**
 * A web resource: it renders requests, or names the child resource for the next path segment.
 * Usually extended through {@link Resource}.
 *
 * <p>Threads: resources are called on the reactor thread of the request's connection.
 *
 * <p>Twisted: {@code twisted.web.resource.IResource}.
 */
public interface IResource {
    /**
     * Whether traversal stops here: a leaf renders every request below it, with the rest of the
     * path left in {@code request.postpath()}.
     */
    boolean isLeaf();

    /**
     * The child for the path segment {@code name} (percent-decoded; {@code ""} for a trailing
     * slash). Never null: an unknown name gives an error resource such as {@link NoResource}.
     */
    IResource getChildWithDefault(String name, IRequest request);

    /** Makes {@code child} the resource for the path segment {@code path}. */
    void putChild(String path, IResource child);

    /**
     * Renders {@code request}: returns the whole body, or
     * {@link dev.jtwisted.web.server.Server#NOT_DONE_YET} after arranging to {@code write} and
     * {@code finish} the request later (from a Deferred's callback, a {@code callLater}...).
     *
     * @throws dev.jtwisted.web.error.UnsupportedMethod if the method is not rendered here
     */
    byte[] render(IRequest request);
}
