package dev.jtwisted.samples.chat;

import dev.jtwisted.protocols.basic.LineReceiver;
import dev.jtwisted.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One netcat user: greeted with the banner, and every line it sends goes to every other user.
 * A line ends at {@code \n}; a {@code \r} before it is dropped, so both {@code nc} and
 * {@code nc -C} (which ends lines with {@code \r\n}) work; lines go out ending in
 * {@code \r\n}, the line end of the Internet protocols and of Twisted's {@code LineReceiver},
 * so a client written with one reads them as lines (a terminal shows them the same). A line
 * longer than {@link #MAX_TEXT} (16384 bytes, its line end not counted) closes this connection
 * only.
 *
 * <p>Threads: as every protocol, called on the reactor thread only.
 *
 * <p>Twisted: {@code NetCatChatProtocol} of {@code chat.py} in the talk "Twisted: Concepts &amp;
 * Patterns" (a {@code Protocol} there, reading raw data; a {@code LineReceiver} here, so that a
 * line split across packets still reaches the others whole).
 */
final class NetCatChatProtocol extends LineReceiver {
    private static final byte[] LF = {'\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    /** The longest line a user may send, without its {@code \r\n} or {@code \n}. */
    static final int MAX_TEXT = 16384;

    private final NetCatChatFactory factory;

    NetCatChatProtocol(NetCatChatFactory factory) {
        this.factory = factory;
        delimiter = LF;
        MAX_LENGTH = MAX_TEXT + 1; // what LineReceiver cuts at \n may still end with the \r
    }

    /** The connection has been established: join the chat and greet the user with the banner. */
    @Override
    public void connectionMade() {
        factory.clients.add(this);
        byte[] banner = factory.banner().getBytes(StandardCharsets.UTF_8);
        say(banner, banner.length);
    }

    /** A line from this user goes to everyone else, as it came. */
    @Override
    public void lineReceived(byte[] line) {
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > MAX_TEXT) {
            lineLengthExceeded(line);
            return;
        }
        // A copy: a write may fail and drop a client while we go through them.
        for (NetCatChatProtocol client : List.copyOf(factory.clients)) {
            if (client != this) {
                client.say(line, length);
            }
        }
    }

    /** Sends the first {@code length} bytes of {@code line} and {@code \r\n}, in one write. */
    private void say(byte[] line, int length) {
        byte[] out = Arrays.copyOf(line, length + CRLF.length);
        System.arraycopy(CRLF, 0, out, length, CRLF.length);
        transport.write(out);
    }

    /** The connection is gone, whatever the reason: leave the chat. */
    @Override
    public void connectionLost(Failure reason) {
        factory.clients.remove(this);
    }
}
