package dev.jtwisted.samples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.endpoints.Endpoints;
import dev.jtwisted.internet.threads.Threads;
import dev.jtwisted.netty.NettyReactor;
import dev.jtwisted.samples.RunningServer;
import dev.jtwisted.web.server.Site;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** fib over real HTTP connections, and the thread pool keeping the reactor free. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FibServerTest {
    private static final String FIB_100 = "354224848179261915075";

    private RunningServer server;

    @BeforeAll
    void start() throws Exception {
        server = RunningServer.start(new FibServer());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Nested
    class Answers {
        @Test
        void theNumberForNInTheQueryOrInThePath() throws Exception {
            assertEquals("fib listening on 127.0.0.1:" + server.port() + "\n", server.out());
            HttpPeer.Reply reply = HttpPeer.get(server.port(), "/?n=30");
            assertEquals(200, reply.code());
            assertEquals("832040\n", reply.body());
            assertEquals("text/plain; charset=utf-8", reply.header("content-type"));
            assertEquals("832040\n", HttpPeer.get(server.port(), "/30").body());
            assertEquals(FIB_100 + "\n", HttpPeer.get(server.port(), "/100").body());
            assertEquals("0\n", HttpPeer.get(server.port(), "/0").body());
            assertEquals("1\n", HttpPeer.get(server.port(), "/?n=1").body());
        }

        @Test
        void upToTheLimit() throws Exception {
            String body = HttpPeer.get(server.port(), "/?n=10000").body();
            assertEquals(2090 + 1, body.length(), "fib(10000) has 2090 digits");
            assertEquals(Fibonacci.fib(10_000) + "\n", body);
            assertTrue(body.startsWith("33644764876431783266"), body.substring(0, 20));
        }

        @Test
        void manyRequestsAtOnceEachGetTheirOwnNumber() throws Exception {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<String>> replies = new ArrayList<>();
                for (int n = 0; n < 64; n++) {
                    String target = n % 2 == 0 ? "/?n=" + (n + 5000) : "/" + (n + 5000);
                    replies.add(clients.submit(() -> HttpPeer.get(server.port(), target).body()));
                }
                for (int n = 0; n < 64; n++) {
                    assertEquals(Fibonacci.fib(n + 5000) + "\n", replies.get(n).get(30, TimeUnit.SECONDS), "n=" + n);
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Nested
    class BadN {
        @Test
        void is400SayingWhatIsWrong() throws Exception {
            Map<String, String> cases = Map.of(
                    "/?n=abc", "n must be a whole number from 0 to 10000, not 'abc'\n",
                    "/-1", "n must be a whole number from 0 to 10000, not '-1'\n",
                    "/?n=10001", "n must be a whole number from 0 to 10000, not '10001'\n",
                    "/?n=1.5", "n must be a whole number from 0 to 10000, not '1.5'\n",
                    "/?n=%2B5", "n must be a whole number from 0 to 10000, not '+5'\n",
                    "/3/4", "n must be a whole number from 0 to 10000, not '3/4'\n",
                    "/99999999999", "n must be a whole number from 0 to 10000, not '99999999999'\n",
                    "/", "Which Fibonacci number? GET /?n=30 or /30\n");
            for (Map.Entry<String, String> c : cases.entrySet()) {
                HttpPeer.Reply reply = HttpPeer.get(server.port(), c.getKey());
                assertEquals(400, reply.code(), c.getKey());
                assertEquals(c.getValue(), reply.body(), c.getKey());
            }
        }
    }

    @Nested
    class ThreadPool {
        private final NettyReactor reactor = NettyReactor.builder().name("test-fib").build();

        @Test
        void aComputationThatTakesLongDoesNotHoldUpOtherRequests() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch slowStarted = new CountDownLatch(1);
            Fibonacci resource = new Fibonacci(reactor, n -> {
                if (n == 1000) {
                    slowStarted.countDown();
                    try {
                        assertTrue(release.await(30, TimeUnit.SECONDS), "never released");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                return Fibonacci.fib(n);
            });
            try {
                reactor.start();
                IListeningPort port = Threads.blockingCallFromThreadDeferring(reactor,
                        () -> Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1").listen(new Site(resource)));
                int portNumber = ((IPAddress) port.getHost()).port();
                try (HttpPeer slow = new HttpPeer(portNumber)) {
                    slow.send("GET /1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    assertTrue(slowStarted.await(10, TimeUnit.SECONDS), "the slow computation did not start");

                    // While a pool thread is stuck on n=1000, the reactor still answers others.
                    assertEquals(FIB_100 + "\n", HttpPeer.get(portNumber, "/100").body());
                    assertEquals("832040\n", HttpPeer.get(portNumber, "/30").body());
                    assertEquals(400, HttpPeer.get(portNumber, "/oops").code());

                    release.countDown();
                    HttpPeer.Reply reply = slow.readReply();
                    assertEquals(200, reply.code());
                    assertEquals(Fibonacci.fib(1000) + "\n", reply.body());
                }
            } finally {
                release.countDown();
                reactor.close();
            }
        }

        @Test
        void anAnswerReadyAfterTheClientLeftIsDroppedAndTheServerGoesOn() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch slowStarted = new CountDownLatch(1);
            CountDownLatch slowDone = new CountDownLatch(1);
            Fibonacci resource = new Fibonacci(reactor, n -> {
                if (n == 1000) {
                    slowStarted.countDown();
                    try {
                        assertTrue(release.await(30, TimeUnit.SECONDS), "never released");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        slowDone.countDown();
                    }
                }
                return Fibonacci.fib(n);
            });
            try {
                reactor.start();
                IListeningPort port = Threads.blockingCallFromThreadDeferring(reactor,
                        () -> Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1").listen(new Site(resource)));
                int portNumber = ((IPAddress) port.getHost()).port();
                try (HttpPeer leaving = new HttpPeer(portNumber)) {
                    leaving.send("GET /1000 HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
                }
                // Whenever the server notices the close, the late answer must not disturb it.
                assertEquals("5\n", HttpPeer.get(portNumber, "/5").body());
                release.countDown();
                assertTrue(slowDone.await(10, TimeUnit.SECONDS));
                assertEquals("8\n", HttpPeer.get(portNumber, "/6").body());
                assertFalse(reactor.isTerminated());
            } finally {
                release.countDown();
                reactor.close();
            }
        }
    }

    @Test
    void fibStartsZeroOneOne() {
        List<BigInteger> first = new ArrayList<>();
        for (int n = 0; n <= 10; n++) {
            first.add(Fibonacci.fib(n));
        }
        assertEquals("[0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55]", first.toString());
    }
}
