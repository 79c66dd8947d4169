package dev.jtwisted.application.service;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import java.util.List;

/**
 * A plugin of the {@code twistd} runner ({@link dev.jtwisted.scripts.Twistd}): a named
 * sub-command with options of its own that makes the service to run, as in
 * {@code twistd echo-line --port 8000}.
 *
 * <p>The runner finds plugins with {@link java.util.ServiceLoader}: an implementation with a
 * public no-argument constructor, named on a line of
 * {@code META-INF/services/dev.jtwisted.application.service.IServiceMaker} in its jar. The
 * runner parses the command line after the {@link #tapname()} against {@link #options()} and
 * {@link #positionals()} before calling {@link #makeService}, so that method sees valid
 * arguments only; {@code --help} never reaches it.
 *
 * <pre>{@code
 * public final class FingerPlugin implements IServiceMaker {
 *     public String tapname() { return "finger"; }
 *     public String description() { return "A finger server"; }
 *     public List<Option> options() { return List.of(Option.port(79)); }
 *     public IService makeService(Args options, IReactor reactor) {
 *         return Strports.service("tcp:" + options.port(), new FingerFactory(), reactor);
 *     }
 * }
 * }</pre>
 *
 * <p>Threads: every method is called on the runner's main thread, before the reactor runs.
 *
 * <p>Twisted: {@code twisted.application.service.IServiceMaker} ({@code tapname},
 * {@code description}, {@code options}, {@code makeService}), found by
 * {@code twisted.plugin.getPlugins}. {@code makeService} is also given the reactor the runner
 * chose ({@code --reactor}), where a Twisted plugin imports the global one.
 */
public interface IServiceMaker {

    /**
     * The sub-command's name: lower case words, digits and dashes, e.g. {@code echo-line}.
     * Twisted: {@code tapname}.
     */
    String tapname();

    /** One line, shown in the runner's list of plugins and in the plugin's {@code --help}. */
    String description();

    /** The options it accepts besides {@code --help}; none by default. Twisted: {@code options}. */
    default List<Option> options() {
        return List.of();
    }

    /** The positional arguments it accepts, in order; none by default. */
    default List<Positional> positionals() {
        return List.of();
    }

    /**
     * Makes the service to run, not yet started: the runner starts it once the reactor runs
     * and stops it before the reactor shuts down. Usually an {@link Application} or a
     * {@code Strports.service(...)}.
     *
     * @param options the parsed command line after the tapname
     * @param reactor the reactor the service will run on
     * @throws dev.jtwisted.python.usage.UsageError for a mistake in the options only the plugin
     *     can see; the runner exits with status 2
     * @throws Exception anything else that keeps the service from being made; the runner exits
     *     with status 1
     */
    IService makeService(Args options, IReactor reactor) throws Exception;
}
