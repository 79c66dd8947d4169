package dev.jtwisted.internet.endpoints;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint types of one side (server or client) by prefix, ignoring case: the fixed
 * built-ins first, then the parsers found with {@link ServiceLoader}. Not API.
 *
 * <p>Twisted: {@code _serverParsers} and {@code _clientParsers}, then
 * {@code _matchPluginToPrefix} over {@code getPlugins(...)}.
 */
final class ParserRegistry<P> {
    private static final Logger log = LoggerFactory.getLogger(ParserRegistry.class);

    private static ParserRegistry<IStreamServerEndpointStringParser> servers;
    private static ParserRegistry<IStreamClientEndpointStringParserWithReactor> clients;

    private final String side;
    private final Map<String, P> fixed = new HashMap<>();
    private final Map<String, List<P>> plugins = new LinkedHashMap<>();

    /**
     * @param side "server" or "client", for messages
     * @param prefixOf reads a parser's prefix
     */
    ParserRegistry(String side, List<P> fixedParsers, Iterable<P> pluginParsers, Function<P, String> prefixOf) {
        this.side = side;
        for (P parser : fixedParsers) {
            fixed.put(key(prefixOf.apply(parser)), parser);
        }
        for (P plugin : pluginParsers) {
            String prefix = Objects.requireNonNull(prefixOf.apply(plugin),
                    () -> plugin.getClass().getName() + ".prefix() returned null");
            if (fixed.containsKey(key(prefix))) {
                log.warn("Ignoring {} endpoint parser {}: the built-in '{}' type cannot be replaced",
                        side, plugin.getClass().getName(), prefix);
                continue;
            }
            plugins.computeIfAbsent(key(prefix), k -> new ArrayList<>()).add(plugin);
        }
    }

    /** The server types: built-ins and those found on the class path (looked up once). */
    static synchronized ParserRegistry<IStreamServerEndpointStringParser> servers() {
        if (servers == null) {
            servers = new ParserRegistry<>("server", StandardParsers.servers(),
                    ServiceLoader.load(IStreamServerEndpointStringParser.class),
                    IStreamServerEndpointStringParser::prefix);
        }
        return servers;
    }

    /** The client types: built-ins and those found on the class path (looked up once). */
    static synchronized ParserRegistry<IStreamClientEndpointStringParserWithReactor> clients() {
        if (clients == null) {
            clients = new ParserRegistry<>("client", StandardParsers.clients(),
                    ServiceLoader.load(IStreamClientEndpointStringParserWithReactor.class),
                    IStreamClientEndpointStringParserWithReactor::prefix);
        }
        return clients;
    }

    /**
     * The parser for endpoint type {@code type}.
     *
     * @throws EndpointDescriptionError if no parser has that prefix, listing the known ones
     * @throws IllegalStateException if two parsers found on the class path claim it
     */
    P lookup(String type) {
        String key = key(type);
        P parser = fixed.get(key);
        if (parser != null) {
            return parser;
        }
        List<P> found = plugins.get(key);
        if (found != null) {
            if (found.size() > 1) {
                List<String> names = new ArrayList<>();
                for (P p : found) {
                    names.add(p.getClass().getName());
                }
                throw new IllegalStateException("more than one " + side + " endpoint parser for '"
                        + key + "' is on the class path: " + String.join(", ", names));
            }
            return found.get(0);
        }
        String hint = Descriptions.pythonInt(type, 10) != null
                ? "; a bare port number is no description (Twisted removed that form): write 'tcp:" + type + "'"
                : "";
        throw new EndpointDescriptionError("Unknown endpoint type: '" + type + "' (known " + side
                + " endpoint types: " + String.join(", ", knownTypes()) + ")" + hint);
    }

    /** Every prefix this registry knows, sorted. */
    List<String> knownTypes() {
        TreeSet<String> known = new TreeSet<>(fixed.keySet());
        known.addAll(plugins.keySet());
        return List.copyOf(known);
    }

    private static String key(String prefix) {
        return prefix.toLowerCase(Locale.ROOT);
    }
}
