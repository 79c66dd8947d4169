package dev.jtwisted.scripts;

import dev.jtwisted.application.service.IServiceMaker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The runner's plugins by tapname: every {@link IServiceMaker} registered on the class path.
 * A registration that cannot be loaded, a bad tapname and a tapname used twice do not stop the
 * others from working: they are kept as problems, which {@code --help} lists and which explain
 * an unknown or ambiguous plugin name.
 *
 * <p>Twisted: {@code twisted.plugin.getPlugins(IServiceMaker)}, as {@code ServerOptions}
 * collects its {@code subCommands}.
 */
final class Plugins {
    private static final Pattern TAPNAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<String, IServiceMaker> byName = new TreeMap<>();
    private final Map<String, List<IServiceMaker>> clashes = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    /** The given makers, and problems found while looking for them. */
    Plugins(Iterable<? extends IServiceMaker> makers, List<String> loadProblems) {
        problems.addAll(loadProblems);
        for (IServiceMaker maker : makers) {
            Objects.requireNonNull(maker, "maker");
            String name = maker.tapname();
            if (name == null || !TAPNAME.matcher(name).matches()) {
                problems.add(maker.getClass().getName() + " has a bad tapname, '" + name
                        + "': lower case words joined by dashes");
                continue;
            }
            IServiceMaker first = byName.putIfAbsent(name, maker);
            if (first != null) {
                clashes.computeIfAbsent(name, n -> new ArrayList<>(List.of(first))).add(maker);
            }
        }
        for (Map.Entry<String, List<IServiceMaker>> clash : clashes.entrySet()) {
            byName.remove(clash.getKey());
            List<String> classes = new ArrayList<>();
            for (IServiceMaker maker : clash.getValue()) {
                classes.add(maker.getClass().getName());
            }
            problems.add("plugin " + clash.getKey() + " is registered " + classes.size() + " times: "
                    + String.join(", ", classes));
        }
    }

    /** Every {@link IServiceMaker} that {@code loader} finds with {@link ServiceLoader}. */
    static Plugins load(ClassLoader loader) {
        List<IServiceMaker> makers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<IServiceMaker> it = ServiceLoader.load(IServiceMaker.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                makers.add(it.next());
            } catch (ServiceConfigurationError e) {
                // The iterator goes on to the next registration after an error.
                problems.add("cannot load a plugin: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            }
        }
        return new Plugins(makers, problems);
    }

    /** The plugin called {@code tapname}, or null. */
    IServiceMaker find(String tapname) {
        return byName.get(tapname);
    }

    /** Whether {@code tapname} is refused because several plugins have it. */
    boolean isAmbiguous(String tapname) {
        return clashes.containsKey(tapname);
    }

    /** Every usable plugin, sorted by tapname. */
    List<IServiceMaker> all() {
        return List.copyOf(byName.values());
    }

    /** What went wrong while finding them, one line each. */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
