package dev.jtwisted.web.tap;

import dev.jtwisted.application.service.IService;
import dev.jtwisted.application.service.IServiceMaker;
import dev.jtwisted.application.strports.Strports;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.web.resource.IResource;
import dev.jtwisted.web.server.Site;
import dev.jtwisted.web.static_.File;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code twistd web}: a {@link Site} on an endpoint, serving either a directory tree
 * ({@code --path}, as a static {@link File}) or a resource class ({@code --class}, built with
 * its public no-argument constructor).
 *
 * <pre>
 * java -jar samples/target/jtwisted-samples.jar twistd web --listen tcp:8080 --path /srv/www
 * java -jar samples/target/jtwisted-samples.jar twistd web --class com.example.Root
 * </pre>
 *
 * <p>Twisted: {@code twisted.web.tap.Options} and {@code makeService}, the {@code web} entry of
 * {@code twisted/plugins/twisted_web.py}.
 */
public final class WebServiceMaker implements IServiceMaker {
    /** Twisted's default: {@code tcp:8080}. */
    public static final String DEFAULT_LISTEN = "tcp:8080";

    @Override
    public String tapname() {
        return "web";
    }

    @Override
    public String description() {
        return "A general-purpose web server: a directory or a resource class on an endpoint";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("listen", "ENDPOINT", "the endpoint to listen on, as a description string",
                        DEFAULT_LISTEN),
                Option.value("path", "DIR", "serve this directory (or file) as static files", null),
                Option.value("class", "CLASS", "serve an instance of this IResource class", null));
    }

    /**
     * @throws UsageError unless exactly one of {@code --path} and {@code --class} is given, for a
     *     path that does not exist, or a class that is not a public IResource with a public
     *     no-argument constructor
     */
    @Override
    public IService makeService(Args options, IReactor reactor) throws Exception {
        String path = options.value("path");
        String className = options.value("class");
        if ((path == null) == (className == null)) {
            throw new UsageError("give exactly one of --path and --class");
        }
        IResource root = path != null ? directory(path) : instance(className);
        return Strports.service(options.value("listen"), new Site(root), reactor);
    }

    private static IResource directory(String path) throws UsageError {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new UsageError("--path: no such file or directory: " + path);
        }
        return new File(p);
    }

    private static IResource instance(String className) throws Exception {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new UsageError("--class: no such class: " + className);
        }
        if (!IResource.class.isAssignableFrom(type)) {
            throw new UsageError("--class: " + className + " is not an IResource");
        }
        try {
            return (IResource) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new UsageError("--class: " + className + " has no public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    @Override
    public String toString() {
        return "WebServiceMaker(web)";
    }
}
