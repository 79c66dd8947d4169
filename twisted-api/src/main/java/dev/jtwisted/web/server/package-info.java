/**
 * The site and its requests: a {@link dev.jtwisted.web.server.Site} is the protocol factory
 * that serves a resource tree, and a {@link dev.jtwisted.web.server.Request} finds its resource
 * and renders it.
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("hello", new Hello());
 * Endpoints.serverFromString(reactor, "tcp:8080").listen(new Site(root));
 * }</pre>
 *
 * <p>Twisted: {@code twisted.web.server}.
 */
package dev.jtwisted.web.server;
