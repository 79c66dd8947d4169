package dev.jtwisted.samples;

import dev.jtwisted.samples.calllater.CallLaterDemo;
import dev.jtwisted.samples.chat.ChatServer;
import dev.jtwisted.samples.echo.EchoServer;
import dev.jtwisted.samples.errback.ErrbackDemo;
import dev.jtwisted.samples.finger.Finger;
import dev.jtwisted.samples.finger.FingerProxy;
import dev.jtwisted.samples.finger.steps.FingerSteps;
import dev.jtwisted.samples.httpget.HttpGet;
import dev.jtwisted.samples.inline.InlineDemo;
import dev.jtwisted.samples.kv.KeyValueClientSample;
import dev.jtwisted.samples.kv.KeyValueServer;
import dev.jtwisted.samples.kv.KeyValueWeb;
import dev.jtwisted.samples.notify.NotifyClient;
import dev.jtwisted.samples.notify.NotifyServer;
import dev.jtwisted.samples.proxy.ProxyServer;
import dev.jtwisted.samples.proxy.WebProxy;
import dev.jtwisted.samples.simpleclient.SimpleClient;
import dev.jtwisted.samples.upper.UpperServer;
import dev.jtwisted.samples.web.FibServer;
import dev.jtwisted.samples.web.WebSlow;
import dev.jtwisted.samples.web.WebTree;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The samples the jar knows, by name, and which one runs when none is named.
 * A new sample is one more line in {@link #builtIn()}.
 *
 * <p>Twisted: the {@code twistd} plugin registry ({@code twisted.plugins}).
 */
final class Samples {
    /** The sample {@code java -jar jtwisted-samples.jar} runs with no name. */
    static final String DEFAULT = "chat";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<String, Sample> byName = new TreeMap<>();
    private final Sample defaultSample;

    /** Every sample of the jar. */
    static Samples builtIn() {
        return new Samples(DEFAULT, List.of(
                new ErrbackDemo(),
                new InlineDemo(),
                EchoServer.raw(),
                EchoServer.lines(),
                EchoServer.netstrings(),
                EchoServer.int32Strings(),
                new Finger(),
                new FingerSteps(),
                new FingerProxy(),
                ProxyServer.blocking(),
                ProxyServer.deferred(),
                ProxyServer.inline(),
                ProxyServer.caching(),
                new WebProxy(),
                new ChatServer(),
                new KeyValueServer(),
                new KeyValueClientSample(),
                new KeyValueWeb(),
                new NotifyServer(),
                new NotifyClient(),
                UpperServer.nothing(),
                UpperServer.upper(),
                UpperServer.counting(),
                new SimpleClient(),
                new HttpGet(),
                new WebTree(),
                new WebSlow(),
                new FibServer(),
                new CallLaterDemo()));
    }

    /** @throws IllegalArgumentException on a bad or duplicate name, or an unknown default */
    Samples(String defaultName, List<? extends Sample> samples) {
        for (Sample sample : samples) {
            String name = Objects.requireNonNull(sample.name(), "name of " + sample);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "sample name must be lower case words joined by dashes: '" + name + "'");
            }
            String description = sample.description();
            if (description == null || description.isBlank() || description.contains("\n")) {
                throw new IllegalArgumentException(
                        "sample " + name + " needs a one-line description, not '" + description + "'");
            }
            if (byName.putIfAbsent(name, sample) != null) {
                throw new IllegalArgumentException("two samples are named " + name);
            }
        }
        defaultSample = byName.get(defaultName);
        if (defaultSample == null) {
            throw new IllegalArgumentException(
                    "default sample '" + defaultName + "' is not among " + byName.keySet());
        }
    }

    /** The sample called {@code name}, or null. */
    Sample find(String name) {
        return byName.get(name);
    }

    Sample defaultSample() {
        return defaultSample;
    }

    /** Every sample, sorted by name. */
    List<Sample> all() {
        return List.copyOf(byName.values());
    }
}
