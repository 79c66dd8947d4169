package dev.jtwisted.benchmarks.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The echo benchmark's load tool: many pipelined connections to an echo server, every echoed
 * byte checked, throughput measured after a warm-up. One tool for every server in a run, so the
 * servers differ and nothing else does.
 *
 * <p>Each connection keeps {@code --window} bytes in flight: it writes {@code --chunk}-byte
 * slices of a pseudo-random pattern, and writes another each time that many have come back.
 * Every byte read is compared with the pattern at its offset in the stream (Netty's vectorised
 * {@link ByteBufUtil#equals}): a lost, duplicated, reordered or changed byte stops the run with
 * status 1. The pattern is {@value #PATTERN} bytes, a length prime to the chunk sizes, so a
 * server that echoed an old chunk would be caught too.
 *
 * <p>Reports MB/s (10<sup>6</sup> bytes a second) of echoed bytes, i.e. bytes that went to the
 * server and back, over the measurement only; with {@code --server-pid}, also the server's CPU
 * time then (user + system, from {@code /proc/<pid>/stat}), that time per GB echoed, and the
 * share of one CPU the server used ({@code server_busy}: near 1 means the server was the
 * bottleneck; well below, the load tool or other work on the machine was). The last line is
 * machine-readable:
 *
 * <pre>
 * RESULT label=netty mbps=1234.5 bytes=... seconds=10.000 server_cpu_s=9.87 server_user_s=3.10
 *     server_sys_s=6.77 server_cpu_s_per_gb=0.80 server_busy=0.99 ...
 * </pre>
 *
 * <pre>
 * java -cp benchmarks.jar dev.jtwisted.benchmarks.echo.EchoLoad --port PORT [--host 127.0.0.1]
 *     [--connections 64] [--chunk 16384] [--window 65536] [--warmup 5] [--duration 10]
 *     [--threads N] [--transport auto|epoll|nio] [--server-pid PID] [--clk-tck 100] [--label NAME]
 * </pre>
 */
public final class EchoLoad {
    /** The pattern's length: a prime, so that no chunk size lines up with it. */
    static final int PATTERN = 1_048_573;

    private final String host;
    private final int port;
    private final int connections;
    private final int chunk;
    private final int window;
    private final Transports transport;
    private final int threads;
    /** The pattern, followed by its first {@code chunk} bytes again, so that any chunk is one slice. */
    private final ByteBuf pattern;
    private final LongAdder echoed = new LongAdder();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CountDownLatch failed = new CountDownLatch(1);
    private volatile boolean running = true;

    private EchoLoad(String host, int port, int connections, int chunk, int window, Transports transport,
            int threads) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.chunk = chunk;
        this.window = window;
        this.transport = transport;
        this.threads = threads;
        byte[] bytes = new byte[PATTERN + chunk];
        new SplittableRandom(20220404).nextBytes(bytes);
        System.arraycopy(bytes, 0, bytes, PATTERN, chunk);
        ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        // Unreleasable: every chunk written is a slice of it, and no write may free it.
        this.pattern = Unpooled.unreleasableBuffer(direct);
    }

    /** Stops the run with status 1 and {@code why}; the first failure wins. */
    private void fail(String why) {
        if (failure.compareAndSet(null, why)) {
            failed.countDown();
        }
    }

    /** One connection: keeps its window full and checks every byte that comes back. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private long sent;
        private long received;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            fill(ctx);
            ctx.flush();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                int n = in.readableBytes();
                if (received + n > sent) {
                    fail(ctx.channel() + ": echoed " + (received + n) + " bytes, only " + sent + " were sent");
                    ctx.close();
                    return;
                }
                int index = in.readerIndex();
                for (int left = n; left > 0; ) {
                    int offset = (int) (received % PATTERN);
                    int piece = Math.min(left, PATTERN - offset);
                    if (!ByteBufUtil.equals(in, index, pattern, offset, piece)) {
                        fail(ctx.channel() + ": echoed bytes differ from those sent, within stream bytes "
                                + received + " to " + (received + piece));
                        ctx.close();
                        return;
                    }
                    received += piece;
                    index += piece;
                    left -= piece;
                }
                echoed.add(n);
            } finally {
                in.release();
            }
            fill(ctx);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (running) {
                fail(ctx.channel() + " closed by the server after " + received + " bytes echoed");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (running) {
                fail(ctx.channel() + " failed: " + cause);
            }
            ctx.close();
        }

        /** Writes chunks until {@code window} bytes are in flight; the caller flushes. */
        private void fill(ChannelHandlerContext ctx) {
            while (running && sent - received + chunk <= window) {
                ctx.write(pattern.slice((int) (sent % PATTERN), chunk));
                sent += chunk;
            }
        }
    }

    /** Connects, warms up, measures; returns the process status (0, or 1 on any failure). */
    private int run(double warmupSeconds, double durationSeconds, long serverPid, long clkTck, String label)
            throws InterruptedException {
        EventLoopGroup group = transport.group(threads);
        List<Channel> channels = new ArrayList<>();
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(transport.channel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
            List<ChannelFuture> connecting = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                connecting.add(bootstrap.clone().handler(new Connection()).connect(host, port));
            }
            for (ChannelFuture f : connecting) {
                if (!f.await(15, TimeUnit.SECONDS) || !f.isSuccess()) {
                    System.err.println("EchoLoad: cannot connect to " + host + ":" + port + ": " + f.cause());
                    return 1;
                }
                channels.add(f.channel());
            }
            System.err.printf(Locale.ROOT, "EchoLoad: %d connections to %s:%d, %d B chunks, %d B window, %s,"
                    + " %d thread(s); warm-up %.1f s, measuring %.1f s%n", connections, host, port, chunk, window,
                    transport, threads, warmupSeconds, durationSeconds);

            if (failed.await(nanos(warmupSeconds), TimeUnit.NANOSECONDS)) {
                return report(failure.get());
            }
            long bytes0 = echoed.sum();
            long[] cpu0 = serverTicks(serverPid);
            long own0 = ownCpuNanos();
            long t0 = System.nanoTime();
            boolean failedNow = failed.await(nanos(durationSeconds), TimeUnit.NANOSECONDS);
            long t1 = System.nanoTime();
            long bytes1 = echoed.sum();
            long[] cpu1 = serverTicks(serverPid);
            long own1 = ownCpuNanos();
            if (failedNow) {
                return report(failure.get());
            }

            double seconds = (t1 - t0) / 1e9;
            long bytes = bytes1 - bytes0;
            double mbps = bytes / 1e6 / seconds;
            double loadCpu = (own1 - own0) / 1e9;
            StringBuilder result = new StringBuilder();
            result.append(String.format(Locale.ROOT, "RESULT label=%s mbps=%.1f bytes=%d seconds=%.3f", label, mbps,
                    bytes, seconds));
            String human = String.format(Locale.ROOT, "EchoLoad: %s: echoed %.1f MB in %.2f s: %.1f MB/s; load tool"
                    + " CPU %.2f s", label, bytes / 1e6, seconds, mbps, loadCpu);
            if (serverPid > 0) {
                double user = (double) (cpu1[0] - cpu0[0]) / clkTck;
                double system = (double) (cpu1[1] - cpu0[1]) / clkTck;
                double serverCpu = user + system;
                double perGb = bytes == 0 ? Double.NaN : serverCpu / (bytes / 1e9);
                result.append(String.format(Locale.ROOT, " server_cpu_s=%.2f server_user_s=%.2f server_sys_s=%.2f"
                        + " server_cpu_s_per_gb=%.3f server_busy=%.2f", serverCpu, user, system, perGb,
                        serverCpu / seconds));
                human += String.format(Locale.ROOT, "; server CPU %.2f s (user %.2f, system %.2f; %.3f s per GB)",
                        serverCpu, user, system, perGb);
            }
            result.append(String.format(Locale.ROOT, " load_cpu_s=%.2f connections=%d chunk=%d window=%d"
                    + " transport=%s", loadCpu, connections, chunk, window, transport));
            System.err.println(human);
            System.out.println(result);
            return 0;
        } finally {
            running = false;
            for (Channel c : channels) {
                c.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private static int report(String why) {
        System.err.println("EchoLoad: FAILED: " + why);
        return 1;
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    /**
     * The CPU time process {@code pid} has used, in clock ticks: {user, system}, from
     * {@code /proc/<pid>/stat}; zeros if {@code pid} is 0.
     *
     * @throws IllegalStateException if the file cannot be read or parsed
     */
    static long[] serverTicks(long pid) {
        if (pid <= 0) {
            return new long[2];
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String text;
        try {
            text = Files.readString(stat, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stat + " (is --server-pid " + pid + " running?)", e);
        }
        // Fields 14 and 15 (utime, stime); counted after the ")" that ends field 2, the command
        // name, which may itself hold spaces and parentheses.
        String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        if (fields.length < 13) {
            throw new IllegalStateException("cannot parse " + stat + ": " + text);
        }
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    private static long ownCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    public static void main(String[] args) throws InterruptedException {
        int status;
        try {
            Flags flags = Flags.parse(args, Set.of("host", "port", "connections", "chunk", "window", "warmup",
                    "duration", "threads", "transport", "server-pid", "clk-tck", "label"));
            if (!flags.has("port")) {
                throw new IllegalArgumentException("--port is required");
            }
            int chunk = flags.integer("chunk", 16 * 1024, 1);
            int window = flags.integer("window", 64 * 1024, 1);
            if (window < chunk) {
                throw new IllegalArgumentException("--window (" + window + ") is below --chunk (" + chunk + ")");
            }
            if (chunk > PATTERN) {
                throw new IllegalArgumentException("--chunk (" + chunk + ") exceeds " + PATTERN);
            }
            EchoLoad load = new EchoLoad(
                    flags.string("host", "127.0.0.1"),
                    flags.integer("port", 0, 1),
                    flags.integer("connections", 64, 1),
                    chunk,
                    window,
                    Transports.named(flags.string("transport", "auto")),
                    flags.integer("threads", Runtime.getRuntime().availableProcessors(), 1));
            long serverPid = flags.number("server-pid", 0, 0);
            if (serverPid > 0) {
                serverTicks(serverPid); // fail now, not after the warm-up
            }
            status = load.run(flags.number("warmup", 5, 0), flags.number("duration", 10, 1), serverPid,
                    flags.number("clk-tck", 100, 1), flags.string("label", "server"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("EchoLoad: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }
}
