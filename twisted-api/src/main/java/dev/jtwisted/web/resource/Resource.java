package dev.jtwisted.web.resource;

import dev.jtwisted.web.error.UnsupportedMethod;
import dev.jtwisted.web.iweb.IRequest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The base class of resources: children registered with {@link #putChild} or made by
 * {@link #getChild}, and rendering dispatched by method to {@code render_GET},
 * {@code render_POST} and so on.
 *
 * <pre>{@code
 * final class Hello extends Resource {
 *     Hello() { isLeaf = true; }
 *
 *     public byte[] render_GET(IRequest request) {
 *         return "hello".getBytes(UTF_8);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Renderers.</b> {@link #render} calls the method named {@code render_} + the request's
 * method, found by reflection once per class: any method of this class or its superclasses with
 * that name, one parameter of type {@link IRequest} (or a subtype the request implements) and a
 * {@code byte[]} result, whatever its visibility. Twisted's names are kept so that ported code
 * reads line for line. A renderer returns the body, or
 * {@link dev.jtwisted.web.server.Server#NOT_DONE_YET} (an array compared by identity) to finish
 * the request itself later. A method with no renderer raises {@link UnsupportedMethod}, which the
 * server turns into 405 with an {@code Allow} header; HEAD falls back to {@code render_GET}.
 *
 * <p>{@code isLeaf}, {@code children} and {@code allowedMethods} are protected fields with
 * Twisted's names, set in a subclass's constructor.
 *
 * <p>Twisted: {@code twisted.web.resource.Resource}.
 */
public class Resource implements IResource {
    /** Whether traversal stops here. Twisted: {@code isLeaf}. */
    protected boolean isLeaf;
    /** Children registered by {@link #putChild}, by path segment. Twisted: {@code children}. */
    protected final Map<String, IResource> children = new LinkedHashMap<>();
    /**
     * What the {@code Allow} header of a 405 lists; null (the default) lists the methods this
     * class has renderers for. Twisted: {@code allowedMethods}.
     */
    protected List<String> allowedMethods;

    private static final MethodType RENDERER = MethodType.methodType(byte[].class, Resource.class, IRequest.class);

    /** Each class's renderers, by HTTP method. */
    private static final ClassValue<Map<String, Renderer>> RENDERERS = new ClassValue<>() {
        @Override
        protected Map<String, Renderer> computeValue(Class<?> type) {
            return findRenderers(type);
        }
    };

    /** One {@code render_X} method: its handle and the parameter type it takes. */
    private record Renderer(MethodHandle handle, Class<?> parameter, String name) {}

    public Resource() {}

    @Override
    public boolean isLeaf() {
        return isLeaf;
    }

    /**
     * The child for {@code path} when none was registered: override to make children on the
     * fly. The default is a {@link NoResource} (404). Not called on a leaf.
     *
     * <p>Twisted: {@code Resource.getChild}.
     */
    public IResource getChild(String path, IRequest request) {
        return new NoResource();
    }

    /**
     * The registered child for {@code path}, else {@link #getChild}. Override only to change
     * every lookup, registered children included.
     */
    @Override
    public IResource getChildWithDefault(String path, IRequest request) {
        IResource child = children.get(path);
        return child != null ? child : getChild(path, request);
    }

    /**
     * Registers {@code child} for the path segment {@code path}; {@code ""} is the resource for a
     * trailing slash ({@code /foo/}). A segment has no {@code /} in it.
     */
    @Override
    public void putChild(String path, IResource child) {
        Objects.requireNonNull(path, "path");
        children.put(path, Objects.requireNonNull(child, "child"));
    }

    /** The names of the registered children. Twisted: {@code listStaticNames}. */
    public List<String> listStaticNames() {
        return new ArrayList<>(children.keySet());
    }

    /**
     * Finds the resource for {@code request} under {@code resource}: moves segments from
     * {@code request.postpath()} to {@code request.prepath()}, asking each resource for the next
     * one's child, until the path is used up or a leaf is reached.
     *
     * <p>Twisted: {@code twisted.web.resource.getChildForRequest}.
     */
    public static IResource getChildForRequest(IResource resource, IRequest request) {
        List<String> postpath = request.postpath();
        while (!postpath.isEmpty() && !resource.isLeaf()) {
            String pathElement = postpath.remove(0);
            request.prepath().add(pathElement);
            resource = resource.getChildWithDefault(pathElement, request);
        }
        return resource;
    }

    /**
     * Calls this class's {@code render_<METHOD>} for the request's method (see the class
     * comment) and returns its result.
     *
     * @throws UnsupportedMethod if there is none
     */
    @Override
    public byte[] render(IRequest request) {
        Renderer r = RENDERERS.get(getClass()).get(request.method());
        if (r == null) {
            throw new UnsupportedMethod(allowedMethods != null ? allowedMethods : computeAllowedMethods());
        }
        return call(r, request);
    }

    /**
     * The default HEAD: renders as GET; the server sends the headers (the body's length
     * included) and drops the body. Twisted: {@code Resource.render_HEAD}.
     *
     * @throws UnsupportedMethod if there is no {@code render_GET}
     */
    public byte[] render_HEAD(IRequest request) {
        Renderer get = RENDERERS.get(getClass()).get("GET");
        if (get == null) {
            throw new UnsupportedMethod(allowedMethods != null ? allowedMethods : computeAllowedMethods());
        }
        return call(get, request);
    }

    private byte[] call(Renderer r, IRequest request) {
        if (!r.parameter().isInstance(request)) {
            throw new IllegalArgumentException(r.name() + " of " + getClass().getName() + " takes a "
                    + r.parameter().getName() + ", not a " + request.getClass().getName());
        }
        try {
            return (byte[]) r.handle().invokeExact(this, request);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw sneakyThrow(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * The methods with a renderer in this class, sorted; HEAD only if GET or HEAD itself is
     * rendered. Twisted: {@code _computeAllowedMethods}.
     */
    public List<String> computeAllowedMethods() {
        Map<String, Renderer> renderers = RENDERERS.get(getClass());
        TreeSet<String> names = new TreeSet<>(renderers.keySet());
        if (!names.contains("GET") && renderers.get("HEAD").handle() == DEFAULT_HEAD) {
            names.remove("HEAD");
        }
        return List.copyOf(names);
    }

    private static final MethodHandle DEFAULT_HEAD;

    static {
        try {
            DEFAULT_HEAD = MethodHandles.lookup()
                    .findVirtual(Resource.class, "render_HEAD", MethodType.methodType(byte[].class, IRequest.class))
                    .asType(RENDERER);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Map<String, Renderer> findRenderers(Class<?> type) {
        Map<String, Renderer> found = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                String name = m.getName();
                if (!name.startsWith("render_") || name.length() == "render_".length()
                        || Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()
                        || m.getParameterCount() != 1 || !IRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
                    continue;
                }
                String method = name.substring("render_".length());
                if (found.containsKey(method)) {
                    continue; // overridden in a subclass, seen first
                }
                if (m.getReturnType() != byte[].class) {
                    throw new IllegalStateException(c.getName() + "." + name + " must return byte[] (the body, or "
                            + "Server.NOT_DONE_YET), not " + m.getReturnType().getName());
                }
                found.put(method, new Renderer(handle(m), m.getParameterTypes()[0], name));
            }
        }
        if (found.get("HEAD").handle() == null) {
            throw new AssertionError("Resource.render_HEAD not found");
        }
        return Collections.unmodifiableMap(found);
    }

    private static MethodHandle handle(Method m) {
        if (m.getDeclaringClass() == Resource.class && m.getName().equals("render_HEAD")) {
            return DEFAULT_HEAD;
        }
        try {
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m).asType(RENDERER);
        } catch (RuntimeException | IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + m + ": make it public in a public class, "
                    + "or open its package to dev.jtwisted", e);
        }
    }
}
