package dev.jtwisted.samples.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IReactorTime;
import dev.jtwisted.web.iweb.IRequest;
import dev.jtwisted.web.resource.Resource;
import dev.jtwisted.web.server.Server;
import java.util.List;

/**
 * Writes {@code a} at once, {@code b} one delay later, {@code c} after another, and finishes the
 * response after a third: {@code render_GET} returns {@link Server#NOT_DONE_YET} and
 * {@code callLater} does the rest, so the server serves others meanwhile. If the client goes
 * away first, {@code notifyFinish}'s errback cancels the calls still pending, so nothing is
 * written to a closed connection.
 *
 * <p>Over HTTP/1.1 each write goes out as one chunk; over HTTP/1.0 the body ends when the
 * connection does.
 *
 * <p>Twisted: {@code LongRunning} of {@code web3.py} in the EuroPython 2012 Twisted training,
 * part 2 ({@code request.write('A')}, then {@code reactor.callLater(1, request.write, 'B')},
 * {@code callLater(2, ...)} and {@code callLater(3, request.finish)}), with the cancelling that
 * Twisted's documentation adds ("Interrupted responses").
 */
final class LongRunning extends Resource {
    private final IReactorTime reactor;
    private final double delay;

    /** @param delay seconds between one piece and the next, and before the end */
    LongRunning(IReactorTime reactor, double delay) {
        this.reactor = reactor;
        this.delay = delay;
        isLeaf = true;
    }

    public byte[] render_GET(IRequest request) {
        request.setHeader("content-type", "text/plain; charset=utf-8");
        request.write(ascii("a"));
        List<IDelayedCall> calls = List.of(
                reactor.callLater(delay, () -> request.write(ascii("b"))),
                reactor.callLater(2 * delay, () -> request.write(ascii("c"))),
                reactor.callLater(3 * delay, request::finish));
        request.notifyFinish().addErrback(reason -> {
            for (IDelayedCall call : calls) {
                if (call.active()) {
                    call.cancel();
                }
            }
            return null;
        });
        return Server.NOT_DONE_YET;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(UTF_8);
    }
}
