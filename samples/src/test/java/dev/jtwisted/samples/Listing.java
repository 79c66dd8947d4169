package dev.jtwisted.samples;

import dev.jtwisted.application.service.IServiceMaker;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The listings the launcher ({@code --list}, {@code --help}) and {@code twistd --help} print,
 * built from the registry, so that a new sample does not mean editing every test that checks
 * them: one line per name, sorted, names padded to the longest plus two spaces, the default
 * marked.
 */
final class Listing {
    private Listing() {}

    /** The launcher's listing of {@code samples}, each line after {@code indent}. */
    static String of(Samples samples, String indent) {
        Map<String, String> lines = new TreeMap<>();
        for (Sample s : samples.all()) {
            lines.put(s.name(), s.description() + (s == samples.defaultSample() ? " (default)" : ""));
        }
        return format(lines, indent);
    }

    /** twistd's listing of its plugins: every server sample and the built-in ones. */
    static String ofPlugins(String indent) {
        Map<String, String> lines = new TreeMap<>();
        for (IServiceMaker maker : ServiceLoader.load(IServiceMaker.class)) {
            lines.put(maker.tapname(), maker.description());
        }
        return format(lines, indent);
    }

    private static String format(Map<String, String> lines, String indent) {
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        lines.forEach((name, description) -> out.append(indent).append(name)
                .append(" ".repeat(width - name.length() + 2)).append(description).append('\n'));
        return out.toString();
    }
}
