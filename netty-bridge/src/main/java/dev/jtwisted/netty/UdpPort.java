package dev.jtwisted.netty;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.DatagramProtocol;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IMulticastTransport;
import dev.jtwisted.internet.IPAddress;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.InvalidAddressError;
import dev.jtwisted.internet.MessageLengthError;
import dev.jtwisted.internet.MulticastJoinError;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.python.failure.Failure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP port and its {@link DatagramProtocol}: a Netty datagram channel whose packets become
 * {@code datagramReceived} calls, and the {@link IMulticastTransport} the protocol writes to. It
 * reads nothing until the reactor runs.
 *
 * <p>Writes are gathered as {@link ChannelTransport}'s are: datagrams written while a read batch
 * is delivered are flushed once when it completes, others once at the end of the event-loop task.
 *
 * <p>Threads: lives on one loop (the one that listened, else the main loop); the transport's
 * methods check their arguments on the calling thread and pass the rest to it.
 *
 * <p>Twisted: {@code twisted.internet.udp.Port} and {@code MulticastPort}.
 */
final class UdpPort implements IMulticastTransport {
    private static final Logger log = LoggerFactory.getLogger(UdpPort.class);

    /** The largest UDP payload over IPv4: 65535 less the IP and UDP headers. */
    static final int MAX_IPV4_PAYLOAD = 65_507;
    /** The largest UDP payload over IPv6 without jumbograms: 65535 less the UDP header. */
    static final int MAX_IPV6_PAYLOAD = 65_527;

    // Linux's multicast options, for the native backends: Netty's getTimeToLive reads IP_TTL there.
    private static final IntegerUnixChannelOption IP_MULTICAST_TTL =
            new IntegerUnixChannelOption("jtwisted.IP_MULTICAST_TTL", 0, 33);
    private static final IntegerUnixChannelOption IP_MULTICAST_LOOP =
            new IntegerUnixChannelOption("jtwisted.IP_MULTICAST_LOOP", 0, 34);
    private static final IntegerUnixChannelOption IPV6_MULTICAST_HOPS =
            new IntegerUnixChannelOption("jtwisted.IPV6_MULTICAST_HOPS", 41, 18);
    private static final IntegerUnixChannelOption IPV6_MULTICAST_LOOP =
            new IntegerUnixChannelOption("jtwisted.IPV6_MULTICAST_LOOP", 41, 19);

    private final NettyReactor reactor;
    private final DatagramProtocol protocol;
    private final String interfaceAddress;
    private final int port;
    private final int maxPacketSize;
    private final boolean listenMultiple;
    private final boolean ipv6;
    final EventLoop loop;
    private final Promise<Void> closed;
    private final Runnable endOfTurn = this::endOfTurn;

    private DatagramChannel channel;
    private IAddress host;
    private boolean listening;
    private volatile InetSocketAddress connectedAddr;
    private volatile String outgoingInterface;
    private boolean inReadBatch;
    private boolean needsFlush;
    private boolean flushScheduled;

    /** @throws InvalidAddressError if {@code interfaceAddress} is neither "" nor an IP address */
    UdpPort(NettyReactor reactor, DatagramProtocol protocol, String interfaceAddress, int port, int maxPacketSize,
            boolean listenMultiple, EventLoop loop) {
        if (!interfaceAddress.isEmpty() && !Addresses.isIpLiteral(interfaceAddress)) {
            // Twisted: Port._setAddressFamily.
            throw new InvalidAddressError(interfaceAddress, "not an IPv4 or IPv6 address.");
        }
        this.reactor = reactor;
        this.protocol = protocol;
        this.interfaceAddress = interfaceAddress;
        this.port = port;
        this.maxPacketSize = maxPacketSize;
        this.listenMultiple = listenMultiple;
        this.ipv6 = !interfaceAddress.isEmpty() && Addresses.isIpv6(Addresses.literal(interfaceAddress));
        this.loop = loop;
        this.closed = loop.newPromise();
    }

    /**
     * Binds (inline, on its loop), connects the protocol, and starts reading once the reactor
     * runs. Twisted: {@code Port.startListening}.
     */
    void startListening() {
        if (reactor.isShuttingDown()) {
            throw cannotListen("the reactor is stopping", null);
        }
        InetAddress ip = Addresses.literal(interfaceAddress.isEmpty() ? "0.0.0.0" : interfaceAddress);
        DatagramChannel ch = reactor.backend.newDatagramChannel(ipv6);
        ch.config().setAutoRead(false);
        // One buffer of maxPacketSize per datagram: the system cuts longer ones, as recvfrom does.
        ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(maxPacketSize));
        if (listenMultiple) {
            ch.config().setOption(ChannelOption.SO_REUSEADDR, true);
            reusePort(ch);
        }
        ch.pipeline().addLast(new Handler());
        ChannelFuture registered = loop.register(ch);
        if (!registered.isDone()) {
            ch.close();
            throw new IllegalStateException("registering " + ch + " did not complete on its own loop");
        }
        if (!registered.isSuccess()) {
            throw cannotListen(registered.cause().getMessage(), registered.cause());
        }
        ChannelFuture bound = ch.bind(new InetSocketAddress(ip, port));
        if (!bound.isDone()) {
            ch.close();
            throw new IllegalStateException("binding " + ch + " did not complete on its own loop");
        }
        if (!bound.isSuccess()) {
            ch.close();
            throw cannotListen(bound.cause().getMessage(), bound.cause());
        }
        channel = ch;
        host = Addresses.udp(ch.localAddress());
        listening = true;
        reactor.udpPorts.add(this);
        log.info("{} starting on {}", protocol.logPrefix(), portNumber());
        try {
            protocol.makeConnection(this);
        } catch (RuntimeException | Error e) {
            listening = false;
            reactor.udpPorts.remove(this);
            ch.close();
            throw e;
        }
        reactor.whenGateOpen(() -> reactor.submit(loop, this::startReading));
    }

    private static void reusePort(DatagramChannel ch) {
        boolean set;
        if (ch instanceof NioDatagramChannel) {
            set = ch.config().setOption(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        } else {
            set = ch.config().setOption(EpollChannelOption.SO_REUSEPORT, true);
        }
        if (!set) {
            log.debug("{} has no SO_REUSEPORT; sharing the port with SO_REUSEADDR only", ch);
        }
    }

    private CannotListenError cannotListen(String why, Throwable cause) {
        String where = (interfaceAddress.isEmpty() ? "any" : interfaceAddress) + ":" + port;
        return new CannotListenError("Couldn't listen on " + where + ": " + why + ".", cause);
    }

    private int portNumber() {
        return host instanceof IPAddress ? ((IPAddress) host).port() : port;
    }

    private void startReading() {
        if (listening) {
            channel.config().setAutoRead(true);
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(byte[] packet, IAddress addr) {
        Objects.requireNonNull(packet, "packet");
        int max = ipv6 ? MAX_IPV6_PAYLOAD : MAX_IPV4_PAYLOAD;
        if (packet.length > max) {
            throw new MessageLengthError("message too long (" + packet.length + " bytes; a UDP datagram over "
                    + (ipv6 ? "IPv6" : "IPv4") + " holds at most " + max + ")");
        }
        InetSocketAddress connected = connectedAddr;
        InetSocketAddress to;
        if (connected != null) {
            if (addr != null && !connected.equals(recipient(addr))) {
                throw new IllegalArgumentException("connected to " + Addresses.udp(connected)
                        + "; cannot write to " + addr);
            }
            to = null;
        } else {
            if (addr == null) {
                throw new IllegalArgumentException("not connected: write needs an address");
            }
            to = recipient(addr);
        }
        if (loop.inEventLoop()) {
            send(packet, to);
        } else {
            Loops.later(loop, () -> send(packet, to));
        }
    }

    @Override
    public void write(byte[] packet, String host, int port) {
        Objects.requireNonNull(host, "host");
        write(packet, host.contains(":") ? new IPv6Address("UDP", host, port) : new IPv4Address("UDP", host, port));
    }

    /** Twisted's checks in {@code Port.write}: an IP address of this port's family. */
    private InetSocketAddress recipient(IAddress addr) {
        if (!(addr instanceof IPAddress)) {
            throw new InvalidAddressError(String.valueOf(addr), "write() only accepts IP addresses");
        }
        String h = ((IPAddress) addr).host();
        boolean broadcast = "<broadcast>".equals(h);
        InetAddress ip = Addresses.literal(broadcast ? "255.255.255.255" : h);
        if (ip == null) {
            throw new InvalidAddressError(h, "write() only accepts IP addresses, not hostnames");
        }
        if (ip instanceof Inet4Address && ipv6) {
            throw new InvalidAddressError(h, "IPv6 port write() called with IPv4 or broadcast address");
        }
        if (!(ip instanceof Inet4Address) && !ipv6) {
            throw new InvalidAddressError(h, "IPv4 port write() called with IPv6 address");
        }
        return new InetSocketAddress(ip, ((IPAddress) addr).port());
    }

    private void send(byte[] packet, InetSocketAddress to) {
        if (!listening) {
            log.debug("{}: dropping a datagram written after the port closed", this);
            return;
        }
        if (packet.length == 0) {
            log.debug("{}: not sending an empty datagram (Netty's datagram channels drop them)", this);
            return;
        }
        // Addressed even when connected: io_uring connects asynchronously, and a bare buffer
        // written before that completes would be lost.
        InetSocketAddress recipient = to != null ? to : connectedAddr;
        ByteBuf buf = Unpooled.wrappedBuffer(packet);
        channel.pipeline().write(new DatagramPacket(buf, recipient), channel.voidPromise());
        needsFlush = true;
        if (!inReadBatch && !flushScheduled) {
            flushScheduled = true;
            loop.execute(endOfTurn);
        }
    }

    private void endOfTurn() {
        flushScheduled = false;
        if (needsFlush) {
            flushNow();
        }
    }

    private void flushNow() {
        needsFlush = false;
        channel.pipeline().flush();
    }

    /**
     * Before an option that changes how datagrams go out: on the loop, sends what was written
     * so far with the old setting, as Twisted's immediate writes are.
     */
    private void flushBeforeOptionChange() {
        if (loop.inEventLoop() && needsFlush && listening) {
            flushNow();
        }
    }

    // ------------------------------------------------------------------ connected UDP

    @Override
    public void connect(String host, int port) {
        Objects.requireNonNull(host, "host");
        InetAddress ip = Addresses.literal(host);
        if (ip == null) {
            throw new InvalidAddressError(host, "not an IPv4 or IPv6 address.");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        if (Addresses.isIpv6(ip) != ipv6) {
            throw new InvalidAddressError(host, (ipv6 ? "IPv6" : "IPv4") + " port connect() called with an "
                    + (ipv6 ? "IPv4" : "IPv6") + " address");
        }
        InetSocketAddress remote = new InetSocketAddress(ip, port);
        synchronized (this) {
            if (connectedAddr != null) {
                throw new IllegalStateException("already connected, reconnecting is not currently supported");
            }
            connectedAddr = remote;
        }
        if (loop.inEventLoop()) {
            connectChannel(remote);
        } else {
            Loops.later(loop, () -> connectChannel(remote));
        }
    }

    private void connectChannel(InetSocketAddress remote) {
        if (!listening) {
            return;
        }
        channel.connect(remote).addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("{} could not connect to {}", this, remote, f.cause());
            }
        });
    }

    /** Whether {@code cause} is the system saying nothing listens at the peer's port. */
    private static boolean isRefused(Throwable cause) {
        if (cause instanceof PortUnreachableException || cause instanceof ConnectException) {
            return true;
        }
        String message = cause.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connection refused");
    }

    /** A failed read or write. Twisted: the error handling of {@code Port.doRead} and {@code write}. */
    private void onError(Throwable cause) {
        if (isRefused(cause)) {
            if (connectedAddr == null) {
                log.debug("{}: refused by a peer; ignored, as not connected", this);
                return;
            }
            try {
                protocol.connectionRefused();
            } catch (Throwable t) {
                log.error("{} raised in connectionRefused on {}", protocol, this, t);
            }
            return;
        }
        if (!listening && cause instanceof ClosedChannelException) {
            log.debug("{} after it closed: {}", this, cause.toString());
            return;
        }
        log.warn("{}: a datagram could not be sent or received", this, cause);
    }

    // ------------------------------------------------------------------ stopping

    /**
     * Sends what was written, closes the socket, and fires (on the port's loop) after the
     * protocol's {@code doStop}. Calling it again gives a Deferred that fires at the same time.
     */
    @Override
    public Deferred<Void> stopListening() {
        Deferred<Void> d = new Deferred<>();
        Runnable stop = () -> {
            closeSocket();
            closed.addListener(f -> d.callback(null));
        };
        if (loop.inEventLoop()) {
            stop.run();
        } else {
            reactor.submit(loop, stop);
        }
        return d;
    }

    /** Closes for the reactor's shutdown; the future completes after {@code doStop}. */
    Future<Void> closeForShutdown() {
        reactor.submit(loop, this::closeSocket);
        return closed;
    }

    private void closeSocket() {
        if (!listening) {
            return;
        }
        if (needsFlush) {
            flushNow();
        }
        listening = false;
        channel.close().addListener(f -> finishClose());
    }

    /** Twisted: {@code Port.connectionLost}. */
    private void finishClose() {
        if (closed.isDone()) {
            return;
        }
        reactor.udpPorts.remove(this);
        log.info("(UDP Port {} Closed)", portNumber());
        try {
            protocol.doStop();
        } catch (Throwable t) {
            log.error("{} raised in doStop after {} closed", protocol, this, t);
        }
        closed.trySuccess(null);
    }

    // ------------------------------------------------------------------ addresses and options

    @Override
    public IAddress getHost() {
        IAddress now = channel != null && channel.isOpen() ? Addresses.udp(channel.localAddress()) : null;
        return now != null ? now : host;
    }

    @Override
    public void setBroadcastAllowed(boolean enabled) {
        flushBeforeOptionChange();
        channel.config().setBroadcast(enabled);
    }

    @Override
    public boolean getBroadcastAllowed() {
        return channel.config().isBroadcast();
    }

    // ------------------------------------------------------------------ multicast

    @Override
    public String getOutgoingInterface() {
        String set = outgoingInterface;
        return set != null ? set : ipv6 ? "::" : "0.0.0.0";
    }

    @Override
    public Deferred<Void> setOutgoingInterface(String addr) {
        Objects.requireNonNull(addr, "addr");
        return onLoop(() -> resolve(addr).addCallback(ip -> {
            NetworkInterface ni = NetworkInterface.getByInetAddress(ip);
            if (ni == null) {
                throw new SocketException("no interface has the address " + addr);
            }
            flushBeforeOptionChange();
            channel.config().setNetworkInterface(ni);
            outgoingInterface = addr;
            return null;
        }));
    }

    /**
     * Whether multicast loops back. The socket options are set directly: Netty's NIO config
     * inverts {@code IP_MULTICAST_LOOP} in {@code setLoopbackModeDisabled}, and its native
     * configs' {@code getTimeToLive} is the unicast TTL.
     */
    @Override
    public boolean getLoopbackMode() {
        if (channel instanceof NioDatagramChannel) {
            return channel.config().getOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP));
        }
        return channel.config().getOption(ipv6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP) != 0;
    }

    @Override
    public void setLoopbackMode(boolean mode) {
        flushBeforeOptionChange();
        if (channel instanceof NioDatagramChannel) {
            channel.config().setOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), mode);
        } else {
            channel.config().setOption(ipv6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP, mode ? 1 : 0);
        }
    }

    @Override
    public int getTTL() {
        if (channel instanceof NioDatagramChannel) {
            return channel.config().getOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_TTL));
        }
        return channel.config().getOption(ipv6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL);
    }

    /** @throws IllegalArgumentException unless {@code ttl} is 0 to 255 */
    @Override
    public void setTTL(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be 0 to 255: " + ttl);
        }
        flushBeforeOptionChange();
        if (channel instanceof NioDatagramChannel) {
            channel.config().setOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_TTL), ttl);
        } else {
            channel.config().setOption(ipv6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL, ttl);
        }
    }

    @Override
    public Deferred<Void> joinGroup(String addr, String interfaceAddress) {
        return membership(true, addr, interfaceAddress);
    }

    @Override
    public Deferred<Void> leaveGroup(String addr, String interfaceAddress) {
        return membership(false, addr, interfaceAddress);
    }

    /** Twisted: {@code MulticastMixin._joinAddr1} and {@code _joinAddr2}. */
    private Deferred<Void> membership(boolean join, String addr, String interfaceAddress) {
        Objects.requireNonNull(addr, "addr");
        String iface = interfaceAddress == null ? "" : interfaceAddress;
        String what = (join ? "join" : "leave") + " group " + addr + (iface.isEmpty() ? "" : " on " + iface);
        return onLoop(() -> resolve(addr)
                .addCallbackDeferring(group -> interfaceFor(iface, group)
                        .addCallbackDeferring(ni -> {
                            ChannelFuture f = join ? channel.joinGroup(group, ni, null)
                                    : channel.leaveGroup(group, ni, null);
                            Deferred<Void> done = new Deferred<>();
                            f.addListener(x -> {
                                if (x.isSuccess()) {
                                    done.callback(null);
                                } else {
                                    done.errback(x.cause());
                                }
                            });
                            return done;
                        }))
                .addErrback(failure -> {
                    throw new MulticastJoinError("could not " + what + ": " + failure.value(), failure.value());
                }));
    }

    /**
     * The interface with address {@code iface}; for "", the outgoing interface if one is set,
     * else the first interface that is up, not the loopback, multicast-capable and has an address
     * of {@code group}'s family, else the loopback (Twisted passes INADDR_ANY, which the JDK cannot).
     */
    private Deferred<NetworkInterface> interfaceFor(String iface, InetAddress group) throws SocketException {
        if (!iface.isEmpty()) {
            return resolve(iface).addCallback(ip -> {
                NetworkInterface ni = NetworkInterface.getByInetAddress(ip);
                if (ni == null) {
                    throw new SocketException("no interface has the address " + iface);
                }
                return ni;
            });
        }
        NetworkInterface set = channel.config().getNetworkInterface();
        if (set != null) {
            return Defer.succeed(set);
        }
        NetworkInterface loopback = null;
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp()) {
                continue;
            }
            boolean hasFamily = Collections.list(ni.getInetAddresses()).stream()
                    .anyMatch(a -> (a instanceof Inet4Address) == (group instanceof Inet4Address));
            if (!hasFamily) {
                continue;
            }
            if (ni.isLoopback()) {
                loopback = loopback == null ? ni : loopback;
            } else if (ni.supportsMulticast()) {
                return Defer.succeed(ni);
            }
        }
        if (loopback == null) {
            throw new SocketException("no interface is up with an address of the family of " + group);
        }
        return Defer.succeed(loopback);
    }

    /** {@code name} as an address: at once for a literal, else looked up on the reactor's pool. */
    private Deferred<InetAddress> resolve(String name) {
        InetAddress literal = Addresses.literal(name);
        if (literal != null) {
            return Defer.succeed(literal);
        }
        Deferred<InetAddress> d = new Deferred<>();
        reactor.getThreadPool().callInThreadWithCallback((ok, result) -> reactor.submit(loop, () -> {
            if (ok) {
                d.callback((InetAddress) result);
            } else {
                d.errback((Failure) result);
            }
        }), () -> InetAddress.getByName(name));
        return d;
    }

    /** Runs {@code work} on the port's loop; its Deferred's result, there, is the result. */
    private Deferred<Void> onLoop(Supplier<Deferred<Void>> work) {
        if (loop.inEventLoop()) {
            return work.get();
        }
        Deferred<Void> d = new Deferred<>();
        reactor.submit(loop, () -> work.get().chainDeferred(d));
        return d;
    }

    @Override
    public String toString() {
        return "<UdpPort of " + protocol.logPrefix() + " on " + portNumber() + ">";
    }

    /** Hands each datagram to the protocol, and failures to {@link #onError}. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket)) {
                log.warn("{} got a {}, not a datagram; dropping it", UdpPort.this, msg.getClass().getName());
                ReferenceCountUtil.release(msg);
                return;
            }
            DatagramPacket packet = (DatagramPacket) msg;
            try {
                if (!listening) {
                    return;
                }
                inReadBatch = true;
                byte[] data = ByteBufUtil.getBytes(packet.content());
                IAddress from = Addresses.udp(packet.sender());
                try {
                    protocol.datagramReceived(data, from);
                } catch (Throwable t) {
                    // As Twisted's doRead: log it and go on; the port stays open.
                    log.error("{} raised in datagramReceived from {}", protocol, from, t);
                }
            } finally {
                packet.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            inReadBatch = false;
            if (needsFlush && listening) {
                flushNow();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onError(cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (listening) {
                listening = false;
                log.warn("{} closed by itself", UdpPort.this);
                finishClose();
            }
        }
    }
}
