package dev.jtwisted.interop;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Sends its frames with a jtwisted receiver, checks each frame that comes back against them, and
 * closes the connection once all have. The jtwisted twin of {@code frame_client.py}.
 */
final class CheckingFrameClient implements Framing.Handler {
    /** How one connection went: frames sent and echoed intact, the first bad one, why it closed. */
    record Result(int sent, int received, int mismatchAt, Class<? extends Throwable> reason, String error) {
        boolean ok() {
            return mismatchAt < 0 && received == sent && error == null;
        }
    }

    private final List<byte[]> frames;
    private final CompletableFuture<Result> result;
    private int received;
    private int mismatchAt = -1;

    private CheckingFrameClient(List<byte[]> frames, CompletableFuture<Result> result) {
        this.frames = frames;
        this.result = result;
    }

    /**
     * {@code n} pseudo-random frames for {@code framing}, the same for the same seed: as
     * {@code frame_client.py} makes them, empty, as long as the receiver takes, a few half that or
     * more, most short. A line never holds the delimiter, and a {@code LINE_ONLY} line is one byte
     * short of MAX_LENGTH at most: Twisted's {@code LineOnlyReceiver} drops the connection when a
     * packet ends between a MAX_LENGTH line and the {@code \n} of its delimiter.
     */
    static List<byte[]> frames(Framing framing, long seed, int n) {
        int longest = framing.defaultMaxLength - (framing == Framing.LINE_ONLY ? 1 : 0);
        boolean lines = framing == Framing.LINE || framing == Framing.LINE_ONLY;
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int size = i == 0 ? 0
                    : i == 1 ? longest
                    : i % 16 == 5 ? random.nextInt(longest / 2, longest + 1)
                    : random.nextInt(201);
            byte[] frame = new byte[size];
            random.nextBytes(frame);
            for (int j = 0; lines && j + 1 < size; j++) {
                if (frame[j] == '\r' && frame[j + 1] == '\n') {
                    frame[j + 1] = '.';
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    /**
     * A client factory whose (single) connection sends {@code frames} through {@code framing}'s
     * receiver with Twisted's MAX_LENGTH, and completes {@code result} when it is lost, or
     * exceptionally if it cannot connect.
     */
    static ClientFactory factory(Framing framing, List<byte[]> frames, CompletableFuture<Result> result) {
        return new ClientFactory() {
            {
                protocol = () -> framing.protocol(framing.defaultMaxLength, new CheckingFrameClient(frames, result));
            }

            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                result.completeExceptionally(reason.value());
            }
        };
    }

    @Override
    public void connectionMade(Framing.Framed connection) {
        for (byte[] frame : frames) {
            connection.sendFrame(frame);
        }
        if (frames.isEmpty()) {
            connection.transport().loseConnection();
        }
    }

    @Override
    public void frameReceived(Framing.Framed connection, byte[] frame) {
        if (mismatchAt >= 0) {
            return;
        }
        if (received >= frames.size() || !Arrays.equals(frames.get(received), frame)) {
            mismatchAt = received;
            connection.transport().abortConnection();
            return;
        }
        received++;
        if (received == frames.size()) {
            connection.transport().loseConnection();
        }
    }

    @Override
    public void connectionLost(Framing.Framed connection, Failure reason) {
        result.complete(new Result(frames.size(), received, mismatchAt, reason.type(), connection.error()));
    }

    @Override
    public String toString() {
        return "CheckingFrameClient";
    }
}
