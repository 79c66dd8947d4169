package dev.jtwisted.interop;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends back every frame it receives with the receiver's own send method, closing the connection
 * after a frame equal to {@code closeOn} if one is given, and records its connection, with the
 * receiver's complaint about the peer, in a {@link ConnectionLog}. The jtwisted twin of
 * {@code echo_server.py --framing} and {@code frame_echo_client.py}.
 *
 * <p>Twisted: {@code LineEcho}, {@code NetstringEcho} and the like in {@code echo_server.py}.
 */
final class FrameEcho implements Framing.Handler {
    private final ConnectionLog log;
    private final byte[] closeOn;
    private int id;
    private long echoed;

    private FrameEcho(ConnectionLog log, byte[] closeOn) {
        this.log = log;
        this.closeOn = closeOn;
    }

    /**
     * A server factory of {@code framing}'s echo with {@code MAX_LENGTH} {@code maxLength}, which
     * closes after echoing {@code closeOn} (null: never).
     */
    static ServerFactory serverFactory(Framing framing, int maxLength, byte[] closeOn, ConnectionLog log) {
        return ServerFactory.forProtocol(() -> framing.protocol(maxLength, new FrameEcho(log, closeOn)));
    }

    /** A client factory of the echo {@link #serverFactory} makes. */
    static ClientFactory clientFactory(Framing framing, int maxLength, byte[] closeOn, ConnectionLog log) {
        return ClientFactory.forProtocol(() -> framing.protocol(maxLength, new FrameEcho(log, closeOn)));
    }

    @Override
    public void connectionMade(Framing.Framed connection) {
        id = log.made();
    }

    @Override
    public void frameReceived(Framing.Framed connection, byte[] frame) {
        echoed += frame.length;
        connection.sendFrame(frame);
        if (closeOn != null && Arrays.equals(frame, closeOn)) {
            connection.transport().loseConnection();
        }
    }

    @Override
    public void connectionLost(Framing.Framed connection, Failure reason) {
        log.lost(id, echoed, reason, connection.error());
    }

    /** {@code FrameEcho#<id>}: what the receiver's log lines start with (see {@link #said}). */
    @Override
    public String toString() {
        return "FrameEcho#" + id;
    }

    /**
     * What the receivers of {@code protocols.basic} have logged, since {@link LogCapture#clear()},
     * about the connection {@code id} of a {@link ConnectionLog}.
     */
    static List<String> said(int id) {
        String prefix = "FrameEcho#" + id + ": ";
        List<String> said = new ArrayList<>();
        for (LogCapture.LogEvent e : LogCapture.events()) {
            if (e.logger().startsWith("dev.jtwisted.protocols.basic.") && e.message().startsWith(prefix)) {
                said.add(e.message());
            }
        }
        return said;
    }
}
