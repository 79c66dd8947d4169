package dev.jtwisted.interop;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.Protocol;
import dev.jtwisted.python.failure.Failure;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Sends its data to an echo server, checks every byte that comes back, and closes the
 * connection once all of it has. The jtwisted twin of {@code echo_client.py}.
 */
final class CheckingEchoClient extends Protocol {
    /** How one connection went: bytes sent and echoed, where the echo went wrong, why it closed. */
    record Result(int sent, int received, int mismatchAt, Class<? extends Throwable> reason) {
        boolean ok() {
            return mismatchAt < 0 && received == sent;
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final byte[] data;
    private final CompletableFuture<Result> result;
    private int received;
    private int mismatchAt = -1;

    private CheckingEchoClient(byte[] data, CompletableFuture<Result> result) {
        this.data = data;
        this.result = result;
    }

    /** {@code n} pseudo-random bytes, the same for the same seed. */
    static byte[] data(long seed, int n) {
        byte[] bytes = new byte[n];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * A client factory whose (single) connection sends {@code data} and completes {@code result}
     * when it is lost, or exceptionally if it cannot connect.
     */
    static ClientFactory factory(byte[] data, CompletableFuture<Result> result) {
        return new ClientFactory() {
            {
                protocol = () -> new CheckingEchoClient(data, result);
            }

            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                result.completeExceptionally(reason.value());
            }
        };
    }

    @Override
    public void connectionMade() {
        for (int offset = 0; offset < data.length; offset += CHUNK) {
            transport.write(Arrays.copyOfRange(data, offset, Math.min(data.length, offset + CHUNK)));
        }
        if (data.length == 0) {
            transport.loseConnection();
        }
    }

    @Override
    public void dataReceived(byte[] got) {
        if (mismatchAt >= 0) {
            return;
        }
        int end = Math.min(data.length, received + got.length);
        int bad = Arrays.mismatch(data, received, end, got, 0, got.length);
        if (bad >= 0) {
            mismatchAt = received + bad;
            transport.abortConnection();
            return;
        }
        received += got.length;
        if (received == data.length) {
            transport.loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        result.complete(new Result(data.length, received, mismatchAt, reason.type()));
    }
}
