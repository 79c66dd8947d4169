package dev.jtwisted.interop;

import dev.jtwisted.interop.ScriptedPeer.Case;
import dev.jtwisted.interop.ScriptedPeer.Step;
import java.util.List;

/**
 * The inputs {@code scripted_peer.py} plays to each framing's echo, malformed and merely awkward,
 * each with what Twisted 22.4 does with it: the frames before a bad one come back and the
 * connection closes; awkward but valid input (split delimiters and prefixes, empty frames, frames
 * of exactly MAX_LENGTH) comes back whole and the connection survives. The receivers run with
 * {@link #MAX_LENGTH}, so that over-long frames are short. Bytes are Latin-1 strings.
 *
 * <p>Twisted: the inputs of {@code twisted.protocols.test.test_basic}'s
 * {@code NetstringReceiverTests.illegalStrings} (huge and non-digit lengths, missing comma),
 * {@code LineReceiverTests.test_maximumLineLength*} and
 * {@code IntNTestCaseMixin.test_lengthLimitExceeded}, and more, over real sockets.
 */
final class MalformedInputs {
    /** The echo's MAX_LENGTH, {@code --max-length} of the Python echo. */
    static final int MAX_LENGTH = 64;
    /** The frame after which the echo closes the connection, {@code --close-on} of the Python echo. */
    static final String CLOSE_ON = "quit";

    /** What jtwisted logs when a frame is too long. */
    private static final String TOO_LONG = "exceeds MAX_LENGTH (" + MAX_LENGTH + ")";
    /** What jtwisted logs, as Twisted's NetstringParseError says, when a netstring has no valid length. */
    private static final String NO_LENGTH = "does not start with a length specification";
    /** What jtwisted logs, as Twisted's NetstringParseError says, when a netstring has no comma. */
    private static final String NO_COMMA = "not terminated by a comma";

    private MalformedInputs() {}

    /** The cases for {@code framing}. */
    static List<Case> of(Framing framing) {
        switch (framing) {
            case LINE:
                return lines(false);
            case LINE_ONLY:
                return lines(true);
            case NETSTRING:
                return netstrings();
            default:
                return int32Strings();
        }
    }

    private static List<Case> lines(boolean lineOnly) {
        String max = x(MAX_LENGTH);
        return List.of(
                survives("empty lines come back empty", "\r\n\r\n",
                        send("\r\n\r\n")),
                survives("a delimiter split across packets ends its line", "one\r\ntwo\r\nthree\r\n",
                        send("one\r\ntwo\r"), afterEcho(5), send("\nthree\r\n")),
                survives("a lone CR or LF is part of the line, even a CR just before the delimiter", "a\rb\nc\r\r\n",
                        send("a\rb\nc\r\r\n")),
                survives("a line of exactly MAX_LENGTH comes back", max + "\r\n",
                        send(max + "\r\n")),
                // Twisted's LineOnlyReceiver checks the unfinished line at the end of each packet,
                // and MAX_LENGTH bytes plus the \r are one too many; LineReceiver allows for a delimiter.
                lineOnly
                        ? closes("a MAX_LENGTH line whose delimiter is split across packets is too long for LineOnlyReceiver",
                                "one\r\n", send("one\r\n" + max + "\r"), afterEcho(5), send("\n"))
                        : survives("a MAX_LENGTH line whose delimiter is split across packets comes back",
                                "one\r\n" + max + "\r\n", send("one\r\n" + max + "\r"), afterEcho(5), send("\n")),
                closes("an over-long line with its delimiter closes after the lines before it, not those after",
                        "one\r\ntwo\r\n", send("one\r\ntwo\r\n" + x(MAX_LENGTH + 1) + "\r\nthree\r\n")),
                closes("an over-long line with no delimiter closes after the lines before it", "one\r\n",
                        send("one\r\n" + x(MAX_LENGTH + 2))),
                closes("an over-long line arriving in pieces closes the connection", "one\r\n",
                        send("one\r\n" + x(40)), afterEcho(5), send(x(40))),
                closes("a line one byte too long whose delimiter is split across packets closes the connection",
                        "one\r\n", send("one\r\n" + x(MAX_LENGTH + 1) + "\r"), afterEcho(5), send("\n")),
                // Twisted's line receivers read transport.disconnecting between lines.
                quits("no line after the one that closed the connection comes back, even in the same packet",
                        "one\r\nquit\r\n", send("one\r\nquit\r\ntwo\r\n" + x(MAX_LENGTH + 1) + "\r\n")),
                // ...but LineOnlyReceiver still checks the unfinished line at the end of the packet.
                lineOnly
                        ? closes("an over-long unfinished line after the line that closed the connection is still refused",
                                "quit\r\n", send("quit\r\n" + x(MAX_LENGTH + 1)), afterEcho(6))
                        : quits("an over-long unfinished line after the line that closed the connection is ignored",
                                "quit\r\n", send("quit\r\n" + x(MAX_LENGTH + 2)), afterEcho(6)));
    }

    private static List<Case> netstrings() {
        String max = x(MAX_LENGTH);
        return List.of(
                survives("empty netstrings come back", "0:,0:,",
                        send("0:,0:,")),
                survives("a length split across packets", "3:abc,12:hello world!,",
                        send("3:abc,1"), afterEcho(6), send("2:hello world!,")),
                survives("a payload split across packets", "3:abc,5:hello,",
                        send("3:abc,5:hel"), afterEcho(6), send("lo,")),
                survives("a comma alone in the next packet", "3:abc,3:def,",
                        send("3:abc,3:def"), afterEcho(6), send(",")),
                survives("a netstring of exactly MAX_LENGTH comes back", "64:" + max + ",",
                        send("64:" + max + ",")),
                survives("a payload of colons, commas and digits comes back", "7:1:,2:,,,",
                        send("7:1:,2:,,,")),
                broken("a length that is not a number closes after the netstrings before it", NO_LENGTH, "3:abc,",
                        send("3:abc,x:abc,3:def,")),
                broken("a length with a leading zero closes the connection", NO_LENGTH, "3:abc,",
                        send("3:abc,03:abc,")),
                broken("a missing comma closes the connection", NO_COMMA, "3:abc,",
                        send("3:abc,3:defX3:ghi,")),
                broken("a negative length closes the connection", NO_LENGTH, "3:abc,",
                        send("3:abc,-1:a,")),
                broken("a huge length closes the connection", TOO_LONG, "3:abc,",
                        send("3:abc,99999999999999999999:x,")),
                broken("a length of MAX_LENGTH + 1 closes the connection", TOO_LONG, "3:abc,",
                        send("3:abc,65:" + x(MAX_LENGTH + 1) + ",")),
                broken("a length with too many digits closes before its colon arrives", TOO_LONG, "3:abc,",
                        send("3:abc,9999"), afterEcho(6), send("9:x,")),
                broken("a length with no colon closes the connection", NO_LENGTH, "3:abc,",
                        send("3:abc,3abc,")),
                broken("a colon with no length closes the connection", NO_LENGTH, "3:abc,",
                        send("3:abc,:abc,")),
                broken("a space before the length closes the connection", NO_LENGTH, "3:abc,",
                        send("3:abc, 3:abc,")),
                // Unlike the line receivers, NetstringReceiver does not read transport.disconnecting.
                quits("netstrings after the one that closed the connection still come back if in the same packet",
                        "3:one,4:quit,3:two,", send("3:one,4:quit,3:two,"), afterEcho(19)),
                broken("a bad netstring after the one that closed the connection is still refused", NO_LENGTH,
                        "4:quit,3:two,", send("4:quit,3:two,x:,")));
    }

    private static List<Case> int32Strings() {
        String abc = int32("abc");
        String huge = "\u00ff\u00ff\u00ff\u00ff";
        return List.of(
                survives("empty strings come back", "\0\0\0\0\0\0\0\0",
                        send("\0\0\0\0\0\0\0\0")),
                survives("a length prefix split across packets", abc + int32("defg"),
                        send(abc + "\0\0"), afterEcho(7), send("\0\4defg")),
                survives("a payload split across packets", abc + int32("hello"),
                        send(abc + "\0\0\0\5he"), afterEcho(7), send("llo")),
                survives("a string of exactly MAX_LENGTH comes back", int32(x(MAX_LENGTH)),
                        send(int32(x(MAX_LENGTH)))),
                closes("a length of MAX_LENGTH + 1 closes after the strings before it", abc,
                        send(abc + int32(x(MAX_LENGTH + 1)))),
                closes("the largest length, 2^32 - 1, closes the connection", abc,
                        send(abc + huge + "abc")),
                closes("a length that is negative as a signed int closes the connection", abc,
                        send(abc + "\u0080\0\0\3abc")),
                closes("a huge length split across packets closes the connection", abc,
                        send(abc + "\u00ff\u00ff"), afterEcho(7), send("\u00ff\u00ff")),
                closes("a huge length after two strings in one packet closes after both", int32("a") + int32("b"),
                        send(int32("a") + int32("b") + huge + int32("c"))),
                // Unlike the line receivers, IntNStringReceiver does not read transport.disconnecting.
                quits("strings after the one that closed the connection still come back if in the same packet",
                        int32("one") + int32("quit") + int32("two"),
                        send(int32("one") + int32("quit") + int32("two")), afterEcho(22)),
                closes("a huge length after the string that closed the connection is still refused",
                        int32("quit"), send(int32("quit") + huge)));
    }

    /** Echoes {@code echoed}, then the probe. */
    private static Case survives(String name, String echoed, Step... steps) {
        return new Case(name, List.of(steps), echoed, true, null);
    }

    /** Echoes {@code echoed}; then the frame is too long, and the receiver says so and closes the connection. */
    private static Case closes(String name, String echoed, Step... steps) {
        return broken(name, TOO_LONG, echoed, steps);
    }

    /** Echoes {@code echoed}; then the receiver finds the input broken, says {@code complaint} and closes the connection. */
    private static Case broken(String name, String complaint, String echoed, Step... steps) {
        return new Case(name, List.of(steps), echoed, false, complaint);
    }

    /** Echoes {@code echoed}, which holds {@link #CLOSE_ON}: the echo closes the connection, without complaint. */
    private static Case quits(String name, String echoed, Step... steps) {
        return new Case(name, List.of(steps), echoed, false, null);
    }

    private static Step send(String bytes) {
        return new Step(bytes, 0);
    }

    /**
     * Waits until {@code n} bytes in all have come back: what follows, the probe included, comes
     * in a later packet. Without it the probe may share the last step's packet (the peer writes it
     * at once), which matters where the receiver reads on after the connection closed.
     */
    private static Step afterEcho(int n) {
        return new Step(null, n);
    }

    private static String x(int n) {
        return "x".repeat(n);
    }

    private static String int32(String payload) {
        return ScriptedPeer.text(Framing.INT32.encode(ScriptedPeer.bytes(payload)));
    }
}
