package dev.jtwisted.benchmarks.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
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
 * slices of a pseudo-random pattern, and writes more each time that many have come back (the
 * chunks a read makes room for go out as one write).
 *
 * <p>With {@code --framing line|netstring|int32} the pattern is made of frames with
 * {@code --payload}-byte random bodies, the chunk is one frame and the window
 * {@code --in-flight} frames; the result adds frames a second and the server's CPU time per
 * frame. An echo of every frame in the same framing gives back the same bytes, so the check is
 * the same.
 * Every byte read is compared with the pattern at its offset in the stream (Netty's vectorised
 * {@link ByteBufUtil#equals}): a lost, duplicated, reordered or changed byte stops the run with
 * status 1. The raw pattern is {@value #PATTERN} bytes, a length prime to the chunk sizes, and
 * the framed one {@value #FRAMES} (a prime) frames, so a server that echoed an old chunk would be
 * caught too.
 *
 * <p>With {@code --tls-ca CERT} every connection runs TLS (Netty's {@code SslHandler} on the JDK's
 * provider, the server's certificate checked against {@code CERT} and its host name); the bytes
 * counted and checked are the plaintext ones.
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
 *     [--framing raw|line|netstring|int32 --payload 64 --in-flight 16] [--tls-ca CERT.pem]
 * </pre>
 */
public final class EchoLoad {
    /** The pattern's length: a prime, so that no chunk size lines up with it. */
    static final int PATTERN = 1_048_573;
    /** The framed pattern's frame count: a prime, as {@link #PATTERN}. */
    static final int FRAMES = 16_381;

    private final String host;
    private final int port;
    private final int connections;
    private final int chunk;
    private final int window;
    private final Transports transport;
    private final int threads;
    private final Framing framing;
    /** TLS for every connection, or null. */
    private final SslContext tls;
    /** The pattern's length: where the stream starts over. */
    private final int patternLength;
    /** The pattern, followed by its first {@code window} bytes again, so any write is one slice. */
    private final ByteBuf pattern;
    private final LongAdder echoed = new LongAdder();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CountDownLatch failed = new CountDownLatch(1);
    private volatile boolean running = true;

    private EchoLoad(String host, int port, int connections, int chunk, int window, Transports transport,
            int threads, Framing framing, int payload, SslContext tls) {
        this.host = host;
        this.tls = tls;
        this.port = port;
        this.connections = connections;
        this.chunk = chunk;
        this.window = window;
        this.transport = transport;
        this.threads = threads;
        this.framing = framing;
        byte[] unit = framing == Framing.RAW
                ? new byte[PATTERN]
                : framing.frames(FRAMES, payload, 20220404);
        if (framing == Framing.RAW) {
            new SplittableRandom(20220404).nextBytes(unit);
        }
        this.patternLength = unit.length;
        byte[] bytes = new byte[patternLength + window];
        for (int at = 0; at < bytes.length; at += patternLength) {
            System.arraycopy(unit, 0, bytes, at, Math.min(patternLength, bytes.length - at));
        }
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
                    int offset = (int) (received % patternLength);
                    int piece = Math.min(left, patternLength - offset);
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

        /** Writes whole chunks, as one slice, until {@code window} bytes are in flight; the caller flushes. */
        private void fill(ChannelHandlerContext ctx) {
            int room = (int) ((window - (sent - received)) / chunk * chunk);
            if (running && room > 0) {
                ctx.write(pattern.slice((int) (sent % patternLength), room));
                sent += room;
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
                connecting.add(bootstrap.clone().handler(tls == null ? new Connection() : new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port), new Connection());
                    }
                }).connect(host, port));
            }
            for (ChannelFuture f : connecting) {
                if (!f.await(15, TimeUnit.SECONDS) || !f.isSuccess()) {
                    System.err.println("EchoLoad: cannot connect to " + host + ":" + port + ": " + f.cause());
                    return 1;
                }
                channels.add(f.channel());
            }
            System.err.printf(Locale.ROOT, "EchoLoad: %d connections to %s:%d, %d B chunks, %d B window, framing %s,"
                    + " %s, %d thread(s)%s; warm-up %.1f s, measuring %.1f s%n", connections, host, port, chunk, window,
                    framing, transport, threads, tls == null ? "" : ", TLS", warmupSeconds, durationSeconds);

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
            long frames = bytes / chunk;
            StringBuilder result = new StringBuilder();
            result.append(String.format(Locale.ROOT, "RESULT label=%s mbps=%.1f bytes=%d seconds=%.3f", label, mbps,
                    bytes, seconds));
            String human = String.format(Locale.ROOT, "EchoLoad: %s: echoed %.1f MB in %.2f s: %.1f MB/s; load tool"
                    + " CPU %.2f s", label, bytes / 1e6, seconds, mbps, loadCpu);
            if (framing != Framing.RAW) {
                result.append(String.format(Locale.ROOT, " frames=%d frames_per_s=%.0f", frames, frames / seconds));
                human += String.format(Locale.ROOT, "; %.0f frames/s", frames / seconds);
            }
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
                if (framing != Framing.RAW) {
                    double perFrame = frames == 0 ? Double.NaN : serverCpu / frames * 1e6;
                    result.append(String.format(Locale.ROOT, " server_cpu_us_per_frame=%.3f", perFrame));
                    human += String.format(Locale.ROOT, " (%.3f us per frame)", perFrame);
                }
            }
            result.append(String.format(Locale.ROOT, " load_cpu_s=%.2f connections=%d chunk=%d window=%d"
                    + " framing=%s transport=%s", loadCpu, connections, chunk, window, framing, transport));
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

    /** A TLS client context on the JDK's provider, trusting the certificates of {@code caFile}. */
    private static SslContext clientTls(String caFile) {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(new File(caFile)).build();
        } catch (javax.net.ssl.SSLException | RuntimeException e) {
            throw new IllegalArgumentException("--tls-ca " + caFile + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int status;
        try {
            Flags flags = Flags.parse(args, Set.of("host", "port", "connections", "chunk", "window", "warmup",
                    "duration", "threads", "transport", "server-pid", "clk-tck", "label", "framing", "payload",
                    "in-flight", "tls-ca"));
            if (!flags.has("port")) {
                throw new IllegalArgumentException("--port is required");
            }
            Framing framing = Framing.named(flags.string("framing", "raw"));
            int payload = flags.integer("payload", 64, 1);
            int chunk;
            int window;
            if (framing == Framing.RAW) {
                if (flags.has("payload") || flags.has("in-flight")) {
                    throw new IllegalArgumentException("--payload and --in-flight need --framing line, netstring or int32");
                }
                chunk = flags.integer("chunk", 16 * 1024, 1);
                window = flags.integer("window", 64 * 1024, 1);
            } else {
                if (flags.has("chunk") || flags.has("window")) {
                    throw new IllegalArgumentException("with --framing, give --payload and --in-flight, not --chunk or --window");
                }
                int limit = framing == Framing.LINE ? Framing.MAX_LINE : Framing.MAX_STRING;
                if (payload > limit) {
                    throw new IllegalArgumentException("--payload (" + payload + ") exceeds " + limit + " for " + framing);
                }
                chunk = framing.frameLength(payload);
                window = chunk * flags.integer("in-flight", 16, 1);
            }
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
                    flags.integer("threads", Runtime.getRuntime().availableProcessors(), 1),
                    framing,
                    payload,
                    flags.has("tls-ca") ? clientTls(flags.string("tls-ca", null)) : null);
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
