package dev.jtwisted.samples.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IReactorThreads;
import dev.jtwisted.internet.threads.Threads;
import dev.jtwisted.web.http.Http;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import java.math.BigInteger;
import java.util.List;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /?n=30} (or {@code GET /30}) with the 30th Fibonacci number, computed on the
 * reactor's thread pool with {@code deferToThread}: the reactor thread only starts the work and
 * writes the answer, so a long computation does not hold up other requests. The response is
 * finished later ({@link Server#NOT_DONE_YET}), from the Deferred's callback, on the reactor
 * thread.
 *
 * <p>{@code n} is checked first, on the reactor thread: anything but a whole number from 0 to
 * {@value #MAX_N} gets 400 with a line saying why. If the client goes away before the number is
 * ready, {@code notifyFinish}'s errback notes it and the answer is dropped (a thread cannot be
 * stopped halfway, so the work still runs to the end).
 *
 * <p>Twisted: {@code Fibonacci} of {@code web5.py} in the EuroPython 2012 Twisted training,
 * part 2 ({@code d = threads.deferToThread(fib, num)}, then {@code request.write} and
 * {@code request.finish} in its callbacks); the training's {@code web4.py} calls {@code fib}
 * on the reactor thread instead and blocks everyone.
 */
final class Fibonacci extends Resource {
    private static final Logger log = LoggerFactory.getLogger(Fibonacci.class);

    /** The largest {@code n} served: fib(10000) has 2090 digits and takes a millisecond or so. */
    static final int MAX_N = 10_000;

    private final IReactorThreads reactor;
    private final IntFunction<BigInteger> fib;

    /**
     * @param fib computes the numbers, on a pool thread: {@link #fib(int)}, or a stand-in in tests
     */
    Fibonacci(IReactorThreads reactor, IntFunction<BigInteger> fib) {
        this.reactor = reactor;
        this.fib = fib;
        isLeaf = true;
    }

    public byte[] render_GET(IRequest request) {
        request.setHeader("content-type", "text/plain; charset=utf-8");
        List<String> ns = request.args().get("n");
        String given = ns != null ? ns.get(0) : String.join("/", request.postpath());
        if (given.isEmpty()) {
            request.setResponseCode(Http.BAD_REQUEST);
            return "Which Fibonacci number? GET /?n=30 or /30\n".getBytes(UTF_8);
        }
        int n;
        try {
            n = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > MAX_N || !given.matches("[0-9]+")) {
            request.setResponseCode(Http.BAD_REQUEST);
            return ("n must be a whole number from 0 to " + MAX_N + ", not '" + given + "'\n").getBytes(UTF_8);
        }
        boolean[] gone = {false};
        request.notifyFinish().addErrback(reason -> {
            gone[0] = true;
            return null;
        });
        int target = n;
        Threads.deferToThread(reactor, () -> fib.apply(target))
                .addCallback(number -> {
                    if (!gone[0]) {
                        request.write((number + "\n").getBytes(UTF_8));
                        request.finish();
                    }
                    return null;
                })
                .addErrback(failure -> {
                    if (gone[0]) {
                        log.error("fib({}) failed after the client went away", target, failure.value());
                    } else {
                        request.processingFailed(failure);
                    }
                    return null;
                });
        return Server.NOT_DONE_YET;
    }

    /** The {@code n}th Fibonacci number: fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2). */
    static BigInteger fib(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        BigInteger first = BigInteger.ZERO;
        BigInteger second = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            BigInteger next = first.add(second);
            first = second;
            second = next;
        }
        return first;
    }
}
