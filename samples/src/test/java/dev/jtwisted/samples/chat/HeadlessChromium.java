package dev.jtwisted.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with nothing but the JDK: the
 * browser is a child process ({@code --remote-debugging-port=0}, a fresh profile in a temporary
 * directory), found through the {@code DevTools listening on ws://...} line it prints, and its
 * page target is driven over {@link WebSocket} with JSON messages ({@link Json}). Input is real:
 * {@link #click} sends mouse events at an element's centre, {@link #insertText} types into
 * whatever has the focus. Every wait is bounded by the {@code wait} given; {@link #close()}
 * kills the browser and every process it started, and deletes what it wrote.
 *
 * <p>Threads: one test thread calls it; the WebSocket's listener completes its futures.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://([^/\\s]+)/\\S+)");
    /** How much of the browser's standard error is kept for failure messages. */
    private static final int ERR_KEPT = 16_384;

    private final Duration wait;
    private final Path home;
    private final Process process;
    private final StringBuilder err = new StringBuilder();
    private final HttpClient http;
    private WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<?, ?>>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Map<?, ?>>> events = new ConcurrentHashMap<>();

    /** The browser binary on the PATH: {@code chromium}, else {@code chromium-browser}. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary} on {@code about:blank} and connects to its page. */
    static HeadlessChromium launch(Path binary, Duration wait) throws Exception {
        Path home = Files.createTempDirectory("jtwisted-chromium-");
        HeadlessChromium browser;
        try {
            browser = new HeadlessChromium(binary, home, wait);
        } catch (Throwable t) {
            deleteTree(home);
            throw t;
        }
        try {
            browser.connect();
        } catch (Throwable t) {
            browser.close();
            throw t;
        }
        return browser;
    }

    /**
     * @param home a fresh directory for all the browser writes: the profile, and (as its
     *     {@code TMPDIR}) the temporary files it would leave in {@code /tmp} when killed, such
     *     as its {@code org.chromium.Chromium.*} singleton socket directory
     */
    private HeadlessChromium(Path binary, Path home, Duration wait) throws IOException {
        this.wait = wait;
        this.home = home;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(wait).build();
        Path profile = Files.createDirectory(home.resolve("profile"));
        Path tmp = Files.createDirectory(home.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--mute-audio", "--window-size=1024,768", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TMPDIR", tmp.toString());
        process = builder.start();
        process.getOutputStream().close();
    }

    /** Reads the DevTools line, finds the page target and opens its WebSocket. */
    private void connect() throws Exception {
        CompletableFuture<Matcher> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readErr(listening), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        Matcher devtools;
        try {
            devtools = listening.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("chromium did not say 'DevTools listening on ...' within " + wait + "; stderr: "
                    + err(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("chromium exited before listening: " + e.getCause().getMessage() + "; stderr: "
                    + err(), e.getCause());
        }

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + devtools.group(2) + "/json/list")).timeout(wait).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode(), list.body());
        String pageSocket = null;
        for (Object target : (List<?>) Json.parse(list.body())) {
            Map<?, ?> t = (Map<?, ?>) target;
            if ("page".equals(t.get("type")) && t.get("webSocketDebuggerUrl") != null) {
                pageSocket = (String) t.get("webSocketDebuggerUrl");
                break;
            }
        }
        assertTrue(pageSocket != null, "no page target in " + list.body());

        socket = http.newWebSocketBuilder()
                .connectTimeout(wait)
                .buildAsync(URI.create(pageSocket), new Listener())
                .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        // A headless page is not always focused; input and focus events need it to be.
        call("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
    }

    private void readErr(CompletableFuture<Matcher> listening) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (err) {
                    if (err.length() < ERR_KEPT) {
                        err.append(line).append('\n');
                    }
                }
                Matcher m = DEVTOOLS.matcher(line);
                if (m.find()) {
                    listening.complete(m);
                }
            }
            listening.completeExceptionally(new IOException("standard error ended"));
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
    }

    private String err() {
        synchronized (err) {
            return err.toString();
        }
    }

    /** Receives the DevTools messages: answers complete their call, events their waiters. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                Map<?, ?> message = (Map<?, ?>) Json.parse(text.toString());
                text.setLength(0);
                Object id = message.get("id");
                if (id != null) {
                    CompletableFuture<Map<?, ?>> call = pending.remove(((Number) id).longValue());
                    if (call != null) {
                        call.complete(message);
                    }
                } else if (message.get("method") instanceof String method) {
                    CompletableFuture<Map<?, ?>> waiter = events.remove(method);
                    if (waiter != null) {
                        waiter.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IOException("DevTools closed the connection: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }

        private void failAll(Throwable why) {
            pending.values().forEach(f -> f.completeExceptionally(why));
            events.values().forEach(f -> f.completeExceptionally(why));
        }
    }

    /**
     * Sends the DevTools command {@code method} and returns its result, failing the test on an
     * error answer or no answer within the wait.
     */
    Map<?, ?> call(String method, Map<String, ?> params) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<?, ?>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(Json.write(Map.of("id", id, "method", method, "params", params)), true)
                .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        Map<?, ?> message;
        try {
            message = answer.get(wait.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to " + method + " within " + wait.multipliedBy(2), e);
        } finally {
            pending.remove(id);
        }
        if (message.get("error") != null) {
            throw new AssertionError(method + " " + Json.write(params) + " failed: " + Json.write(message.get("error")));
        }
        return (Map<?, ?>) message.get("result");
    }

    /** Opens {@code url} in the page and waits for its load event. */
    void navigate(String url) throws Exception {
        CompletableFuture<Map<?, ?>> loaded = new CompletableFuture<>();
        events.put("Page.loadEventFired", loaded);
        Map<?, ?> result = call("Page.navigate", Map.of("url", url));
        if (result.get("errorText") != null) {
            fail("navigating to " + url + " failed: " + result.get("errorText"));
        }
        try {
            loaded.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(url + " did not load within " + wait, e);
        }
    }

    /**
     * The value of the JavaScript {@code expression} in the page (awaited if it is a promise),
     * as {@link Json} reads it; a thrown exception fails the test with its message.
     */
    Object evaluate(String expression) throws Exception {
        Map<?, ?> result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.get("exceptionDetails") instanceof Map<?, ?> details) {
            Object exception = details.get("exception");
            String why = exception instanceof Map<?, ?> e && e.get("description") != null
                    ? (String) e.get("description") : String.valueOf(details.get("text"));
            throw new AssertionError("in the page, " + expression + " threw: " + why);
        }
        return ((Map<?, ?>) result.get("result")).get("value");
    }

    /**
     * Waits until the JavaScript {@code condition} is true in the page: checked now and again
     * whenever the document changes (a {@code MutationObserver}, so no polling), for at most
     * the wait; then fails with the page's text.
     */
    void waitFor(String condition) throws Exception {
        String check = "(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()";
        evaluate("new Promise((resolve, reject) => {"
                + "  const check = () => " + check + ";"
                + "  if (check()) { resolve(true); return; }"
                + "  const observer = new MutationObserver(() => {"
                + "    if (check()) { observer.disconnect(); clearTimeout(timer); resolve(true); }"
                + "  });"
                + "  const timer = setTimeout(() => {"
                + "    observer.disconnect();"
                + "    reject(new Error('waited " + wait.toMillis() + " ms for: ' + " + Json.write(condition)
                + "      + '; the page says: ' + document.body.innerText));"
                + "  }, " + wait.toMillis() + ");"
                + "  observer.observe(document, {subtree: true, childList: true, characterData: true,"
                + "    attributes: true});"
                + "})");
    }

    /**
     * Clicks the element {@code selector} finds as a user would: a mouse press and release at
     * its centre, which must show that element (not one covering it).
     */
    void click(String selector) throws Exception {
        String sel = Json.write(selector);
        Map<?, ?> point = (Map<?, ?>) evaluate("(() => {"
                + "  const e = document.querySelector(" + sel + ");"
                + "  if (!e) throw new Error('no element ' + " + sel + ");"
                + "  e.scrollIntoView({block: 'center'});"
                + "  const r = e.getBoundingClientRect();"
                + "  const x = r.left + r.width / 2, y = r.top + r.height / 2;"
                + "  const top = document.elementFromPoint(x, y);"
                + "  if (top !== e && !e.contains(top)) throw new Error(" + sel + " + ' is covered by ' + top);"
                + "  return {x: x, y: y};"
                + "})()");
        double x = ((Number) point.get("x")).doubleValue();
        double y = ((Number) point.get("y")).doubleValue();
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left",
                    "buttons", 1, "clickCount", 1));
        }
    }

    /** Types {@code text} into the element that has the focus, as an input method would. */
    void insertText(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    /**
     * Kills the browser and every process it started (SIGKILL: a throwaway browser has nothing
     * to save, and an orderly shutdown takes seconds), waits for the browser, bounded, and
     * deletes everything it wrote (the profile and its temporary files).
     */
    @Override
    public void close() throws Exception {
        if (socket != null) {
            socket.abort();
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("chromium (" + process.pid() + ") survived SIGKILL for " + wait);
        }
        try {
            deleteTree(home);
        } catch (IOException | UncheckedIOException e) {
            // A child killed but not yet gone may have written one more file. Only the browser is
            // our child; the JDK learns of the others' end by polling, slowly (over a second), so
            // they are waited for only now.
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException t) {
                    throw new AssertionError("chromium's process " + child.pid() + " survived SIGKILL for " + wait, t);
                }
            }
            deleteTree(home);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
