package dev.jtwisted.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtwisted.samples.RunningServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat's dashboard in a real browser: headless Chromium (the Debian package
 * {@code chromium}), driven over the DevTools protocol by {@link HeadlessChromium}, against the
 * chat sample running on port 0, with netcat-like users on real sockets. The clicks and typing
 * are input events, not scripted {@code click()} calls. Skipped, saying so, when no Chromium is
 * installed; {@code .ci/run} installs it.
 */
@Timeout(90)
class DashboardBrowserTest {
    private static final String BANNER = ChatServer.DEFAULT_BANNER;
    private static final String COUNT = "document.getElementById('users').textContent";
    private static final String RESULT = "document.getElementById('result')";

    private RunningServer server;
    private Api api;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        Path chromium = HeadlessChromium.find().orElse(null);
        assumeTrue(chromium != null, "skipped: no chromium on the PATH; install it (Debian: apt-get install "
                + "chromium) to test the chat's dashboard in a headless browser");
        server = RunningServer.start(new ChatServer(), "--api-port", "0");
        api = new Api(server);
        browser = HeadlessChromium.launch(chromium, RunningServer.WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void showsTheUserCountAsItChangesAndSetsTheBannerWithARealClick() throws Exception {
        try (ChatUser alice = ChatUser.join(server, BANNER); ChatUser bob = ChatUser.join(server, BANNER)) {
            // A refresh every 100 ms rather than every second, to keep the test short.
            browser.navigate(api.url("/?refresh=100"));
            browser.waitFor(COUNT + " === '2'");

            // The page keeps the count fresh by itself, up and down.
            try (ChatUser carol = ChatUser.join(server, BANNER)) {
                browser.waitFor(COUNT + " === '3'");
            }
            browser.waitFor(COUNT + " === '2'");

            String banner = "Hello from the dashboard ☃";
            browser.click("#banner-input");
            assertEquals("banner-input", browser.evaluate("document.activeElement.id"), "the click focused the input");
            browser.insertText(banner);
            assertEquals(banner, browser.evaluate("document.getElementById('banner-input').value"));
            browser.click("#banner-submit");

            browser.waitFor(RESULT + ".className === 'ok'");
            assertEquals("Banner set: " + banner, browser.evaluate(RESULT + ".textContent"));
            assertEquals(banner, browser.evaluate("document.getElementById('banner').textContent"));
            assertEquals("", browser.evaluate("document.getElementById('banner-input').value"));

            assertEquals(banner, api.banner());
            try (ChatUser dave = ChatUser.connect(server)) {
                assertEquals(banner, dave.readLine());
            }
        }
    }

    @Test
    void showsTheServersErrorForABannerItRefusesAndKeepsTheOldOne() throws Exception {
        browser.navigate(api.url("/"));
        browser.waitFor(COUNT + " === '0'");

        browser.click("#banner-input");
        browser.insertText("bell \u0007 banner");
        browser.click("#banner-submit");

        browser.waitFor(RESULT + ".className === 'error'");
        assertEquals("Not set: the banner may not contain the control character U+0007 (at index 5)",
                browser.evaluate(RESULT + ".textContent"));
        assertEquals(BANNER, browser.evaluate("document.getElementById('banner').textContent"));
        assertEquals(BANNER, api.banner());
    }
}
