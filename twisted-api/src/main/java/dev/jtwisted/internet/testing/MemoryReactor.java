package dev.jtwisted.internet.testing;

import dev.jtwisted.internet.ClientFactory;
import dev.jtwisted.internet.DatagramProtocol;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IConnector;
import dev.jtwisted.internet.IDelayedCall;
import dev.jtwisted.internet.IListeningPort;
import dev.jtwisted.internet.IMulticastTransport;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import dev.jtwisted.internet.IProcessProtocol;
import dev.jtwisted.internet.IProcessTransport;
import dev.jtwisted.internet.IProducer;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.IUDPTransport;
import dev.jtwisted.internet.InvalidAddressError;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.internet.ProcessDone;
import dev.jtwisted.internet.ProcessExitedAlready;
import dev.jtwisted.internet.ProcessTerminated;
import dev.jtwisted.internet.ReactorAlreadyRunning;
import dev.jtwisted.internet.ReactorNotRestartable;
import dev.jtwisted.internet.ReactorNotRunning;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.internal.ThreePhaseEvent;
import dev.jtwisted.internet.ssl.IContextFactory;
import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reactor without sockets or threads, for tests: it records every {@code listenTCP},
 * {@code connectTCP}, {@code listenSSL}, {@code connectSSL}, {@code listenUNIX},
 * {@code connectUNIX}, {@code listenUDP} and {@code listenMulticast} call and hands back fake ports and connectors, keeps time with a
 * {@link Clock} that only moves on {@link #advance}, and runs system event triggers in their
 * three phases exactly as a real reactor does.
 *
 * <p>No connection is ever made by itself. A test drives one by taking the factory from
 * {@link #tcpClients()} or {@link #tcpServers()}, calling its {@code buildProtocol}, and connecting
 * the protocol to an in-memory transport; or fails one by calling the client factory's
 * {@code clientConnectionFailed}. {@link #setListenException} and {@link #setConnectException}
 * make the next calls throw instead, for error paths.
 *
 * <p>Running: {@link #run()} fires the "startup" event (so {@link #callWhenRunning} calls run)
 * and then, there being no I/O to wait for, stops at once as if {@link #stop()} had been called,
 * as Twisted's {@code MemoryReactor.run} does. Use {@link #startRunning()} to leave it running
 * while the test goes on; then {@link #stop()} fires "shutdown". A trigger that returns a
 * {@link Deferred} holds the rest of its event until that Deferred fires, so the test can check
 * the state in between.
 *
 * <p>UDP: {@link #listenUDP} and {@link #listenMulticast} connect the protocol to a
 * {@link FakeDatagramPort}, which records what is sent and joined; the test plays the network
 * by calling the protocol's {@code datagramReceived}. Twisted's {@code MemoryReactor} has no UDP.
 *
 * <p>Processes: {@link #spawnProcess} starts nothing. It records the call, connects the protocol
 * to a {@link FakeProcess} and returns it; the test then plays the child by calling the
 * protocol's {@code childDataReceived} and the fake's {@link FakeProcess#exit} or
 * {@link FakeProcess#killedBy}. Twisted's {@code MemoryReactor} has no {@code spawnProcess}; this
 * follows the {@code DummyProcessReactor} of Twisted's own process-monitor tests.
 *
 * <p>Threads: none. {@link #callFromThread} and {@link #callInThread} run the callable at once,
 * on the caller's thread, as Twisted's test doubles for {@code IReactorThreads} do (Twisted's own
 * {@code MemoryReactor} has neither method). Not thread-safe: use it from the test's thread.
 *
 * <p>Twisted: {@code twisted.internet.testing.MemoryReactorClock} (which is
 * {@code MemoryReactor} plus {@code Clock}), {@code RaisingMemoryReactor}, and the trigger
 * handling of {@code twisted.internet.base.ReactorBase}.
 */
public class MemoryReactor implements IReactor {
    private static final Logger log = LoggerFactory.getLogger(MemoryReactor.class);

    /**
     * One {@code listenTCP} call, as made. Twisted: an entry of {@code MemoryReactor.tcpServers}.
     *
     * @param interfaceAddress as passed: may be null or ""
     */
    public record TCPServer(int port, IProtocolFactory factory, int backlog, String interfaceAddress) {}

    /**
     * One {@code connectTCP} call, as made. Twisted: an entry of {@code MemoryReactor.tcpClients}.
     *
     * @param bindAddress as passed: may be null
     */
    public record TCPClient(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress) {}

    /**
     * One {@code listenUDP} or {@code listenMulticast} call, as made.
     *
     * @param interfaceAddress as passed: may be null or ""
     * @param multicast whether it was {@code listenMulticast}
     * @param listenMultiple as passed to {@code listenMulticast}; false for {@code listenUDP}
     */
    public record UDPPort(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize,
            boolean multicast, boolean listenMultiple) {}

    /** One {@code listenSSL} call, as made. Twisted: an entry of {@code MemoryReactor.sslServers}. */
    public record SSLServer(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog,
            String interfaceAddress) {}

    /** One {@code connectSSL} call, as made. Twisted: an entry of {@code MemoryReactor.sslClients}. */
    public record SSLClient(String host, int port, ClientFactory factory, IContextFactory contextFactory,
            double timeout, IPv4Address bindAddress) {}

    /** One {@code listenUNIX} call, as made. Twisted: an entry of {@code MemoryReactor.unixServers}. */
    public record UNIXServer(String address, IProtocolFactory factory, int backlog, int mode, boolean wantPID) {}

    /** One {@code connectUNIX} call, as made. Twisted: an entry of {@code MemoryReactor.unixClients}. */
    public record UNIXClient(String address, ClientFactory factory, double timeout, boolean checkPID) {}

    private final Clock clock = new Clock();
    private final List<UNIXServer> unixServers = new ArrayList<>();
    private final List<UNIXClient> unixClients = new ArrayList<>();
    private final List<FakePort> unixPorts = new ArrayList<>();
    private final List<FakeConnector> unixConnectors = new ArrayList<>();
    private final List<UDPPort> udpPorts = new ArrayList<>();
    private final List<FakeDatagramPort> datagramPorts = new ArrayList<>();
    private final List<SSLServer> sslServers = new ArrayList<>();
    private final List<SSLClient> sslClients = new ArrayList<>();
    private final List<FakePort> sslPorts = new ArrayList<>();
    private final List<FakeConnector> sslConnectors = new ArrayList<>();
    private final List<TCPServer> tcpServers = new ArrayList<>();
    private final List<TCPClient> tcpClients = new ArrayList<>();
    private final List<FakePort> ports = new ArrayList<>();
    private final List<FakeConnector> connectors = new ArrayList<>();
    private final List<FakeProcess> spawnedProcesses = new ArrayList<>();
    private final Map<String, ThreePhaseEvent> eventTriggers = new HashMap<>();

    private RuntimeException listenException;
    private RuntimeException connectException;
    private int threadPoolSize = 10;

    // The state machine of twisted.internet.base.ReactorBase.
    private boolean running;
    private boolean started;
    private boolean stopped = true;
    private boolean justStopped;
    private boolean startedBefore;
    private boolean hasRun;
    private boolean hasStopped;
    /** How deep we are in reactor work (firing events, running timed calls). */
    private int working;

    public MemoryReactor() {
        // As in ReactorBase.__init__: these go first, so user "during" triggers see the change.
        addTrigger("during", "startup", () -> {
            // Unlike Twisted, a stop() that came while startup waited on a Deferred stays stopped.
            running = started;
            return null;
        });
        addTrigger("during", "shutdown", () -> {
            started = false;
            running = false;
            return null;
        });
    }

    // ---------------------------------------------------------------- recording

    /** The {@code listenTCP} calls made so far, oldest first (a live, read-only view). */
    public List<TCPServer> tcpServers() {
        return Collections.unmodifiableList(tcpServers);
    }

    /** The {@code connectTCP} calls made so far, oldest first (a live, read-only view). */
    public List<TCPClient> tcpClients() {
        return Collections.unmodifiableList(tcpClients);
    }

    /** The ports {@code listenTCP} returned, in the order of {@link #tcpServers()}. */
    public List<FakePort> ports() {
        return Collections.unmodifiableList(ports);
    }

    /**
     * The connectors {@code connectTCP} returned, in the order of {@link #tcpClients()}.
     * Twisted: {@code MemoryReactor.connectors}.
     */
    public List<FakeConnector> connectors() {
        return Collections.unmodifiableList(connectors);
    }

    /**
     * The processes {@code spawnProcess} returned, oldest first (a live, read-only view).
     * Twisted: {@code DummyProcessReactor.spawnedProcesses}.
     */
    public List<FakeProcess> spawnedProcesses() {
        return Collections.unmodifiableList(spawnedProcesses);
    }

    /** The {@code listenSSL} calls made so far, oldest first (a live, read-only view). */
    public List<SSLServer> sslServers() {
        return Collections.unmodifiableList(sslServers);
    }

    /** The {@code connectSSL} calls made so far, oldest first (a live, read-only view). */
    public List<SSLClient> sslClients() {
        return Collections.unmodifiableList(sslClients);
    }

    /** The ports {@code listenSSL} returned, in the order of {@link #sslServers()}. */
    public List<FakePort> sslPorts() {
        return Collections.unmodifiableList(sslPorts);
    }

    /**
     * The connectors {@code connectSSL} returned, in the order of {@link #sslClients()}
     * (Twisted keeps them in {@code connectors} with the TCP ones).
     */
    public List<FakeConnector> sslConnectors() {
        return Collections.unmodifiableList(sslConnectors);
    }

    /** The {@code listenUNIX} calls made so far, oldest first (a live, read-only view). */
    public List<UNIXServer> unixServers() {
        return Collections.unmodifiableList(unixServers);
    }

    /** The {@code connectUNIX} calls made so far, oldest first (a live, read-only view). */
    public List<UNIXClient> unixClients() {
        return Collections.unmodifiableList(unixClients);
    }

    /** The ports {@code listenUNIX} returned, in the order of {@link #unixServers()}. */
    public List<FakePort> unixPorts() {
        return Collections.unmodifiableList(unixPorts);
    }

    /**
     * The connectors {@code connectUNIX} returned, in the order of {@link #unixClients()}
     * (Twisted keeps them in {@code connectors} with the TCP ones).
     */
    public List<FakeConnector> unixConnectors() {
        return Collections.unmodifiableList(unixConnectors);
    }

    /** The {@code listenUDP} and {@code listenMulticast} calls made so far, oldest first (a live, read-only view). */
    public List<UDPPort> udpPorts() {
        return Collections.unmodifiableList(udpPorts);
    }

    /** The ports {@code listenUDP} and {@code listenMulticast} returned, in the order of {@link #udpPorts()}. */
    public List<FakeDatagramPort> datagramPorts() {
        return Collections.unmodifiableList(datagramPorts);
    }

    /**
     * Makes every later {@code listenTCP}, {@code listenSSL}, {@code listenUNIX}, {@code listenUDP}
     * and {@code listenMulticast} throw {@code exception} (and record nothing), until
     * set back to null. Twisted: {@code RaisingMemoryReactor(listenException=...)}.
     *
     * @param exception may be null
     */
    public void setListenException(RuntimeException exception) {
        this.listenException = exception;
    }

    /**
     * Makes every later {@code connectTCP}, {@code connectSSL} and {@code connectUNIX} throw {@code exception} (and record nothing), until
     * set back to null. Twisted: {@code RaisingMemoryReactor(connectException=...)}.
     *
     * @param exception may be null
     */
    public void setConnectException(RuntimeException exception) {
        this.connectException = exception;
    }

    // ---------------------------------------------------------------- IReactorTCP

    /**
     * Records the call and returns a {@link FakePort} on {@code port} of {@code interfaceAddress}
     * (an IPv6 address when it contains a ':', else an IPv4 one, {@code 0.0.0.0} when empty).
     *
     * @throws RuntimeException the one given to {@link #setListenException}, if any
     */
    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String interfaceAddress) {
        if (listenException != null) {
            throw listenException;
        }
        tcpServers.add(new TCPServer(port, factory, backlog, interfaceAddress));
        FakePort fakePort = new FakePort(tcpHost(port, interfaceAddress));
        ports.add(fakePort);
        return fakePort;
    }

    private static IAddress tcpHost(int port, String interfaceAddress) {
        if (interfaceAddress != null && interfaceAddress.contains(":")) {
            return new IPv6Address("TCP", interfaceAddress, port);
        } else if (interfaceAddress == null || interfaceAddress.isEmpty()) {
            return new IPv4Address("TCP", "0.0.0.0", port);
        } else {
            return new IPv4Address("TCP", interfaceAddress, port);
        }
    }

    /**
     * Records the call, tells {@code factory} {@code startedConnecting} with a
     * {@link FakeConnector} to {@code host} (IPv6 when it contains a ':'), and returns that
     * connector. The attempt then stays pending until the test settles it.
     *
     * @throws RuntimeException the one given to {@link #setConnectException}, if any
     */
    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            IPv4Address bindAddress) {
        if (connectException != null) {
            throw connectException;
        }
        tcpClients.add(new TCPClient(host, port, factory, timeout, bindAddress));
        FakeConnector connector = new FakeConnector(tcpDestination(host, port));
        factory.startedConnecting(connector);
        connectors.add(connector);
        return connector;
    }

    private static IAddress tcpDestination(String host, int port) {
        return host.contains(":") ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port);
    }

    // ---------------------------------------------------------------- IReactorSSL

    /**
     * Records the call and returns a {@link FakePort}, as {@link #listenTCP} does. No TLS setting
     * is checked. Twisted: {@code MemoryReactor.listenSSL}.
     *
     * @throws RuntimeException the one given to {@link #setListenException}, if any
     */
    @Override
    public IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog,
            String interfaceAddress) {
        if (listenException != null) {
            throw listenException;
        }
        sslServers.add(new SSLServer(port, factory, contextFactory, backlog, interfaceAddress));
        FakePort fakePort = new FakePort(tcpHost(port, interfaceAddress));
        sslPorts.add(fakePort);
        return fakePort;
    }

    /**
     * Records the call, tells {@code factory} {@code startedConnecting} with a
     * {@link FakeConnector}, and returns it, as {@link #connectTCP} does. Twisted:
     * {@code MemoryReactor.connectSSL}.
     *
     * @throws RuntimeException the one given to {@link #setConnectException}, if any
     */
    @Override
    public IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory,
            double timeout, IPv4Address bindAddress) {
        if (connectException != null) {
            throw connectException;
        }
        sslClients.add(new SSLClient(host, port, factory, contextFactory, timeout, bindAddress));
        FakeConnector connector = new FakeConnector(tcpDestination(host, port));
        factory.startedConnecting(connector);
        sslConnectors.add(connector);
        return connector;
    }

    // ---------------------------------------------------------------- IReactorUNIX

    /**
     * Records the call and returns a {@link FakePort} whose address is a {@link UNIXAddress} of
     * {@code address}. No file is made. Twisted: {@code MemoryReactor.listenUNIX}.
     *
     * @throws RuntimeException the one given to {@link #setListenException}, if any
     */
    @Override
    public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode,
            boolean wantPID) {
        if (listenException != null) {
            throw listenException;
        }
        unixServers.add(new UNIXServer(address, factory, backlog, mode, wantPID));
        FakePort fakePort = new FakePort(new UNIXAddress(address));
        unixPorts.add(fakePort);
        return fakePort;
    }

    /**
     * Records the call, tells {@code factory} {@code startedConnecting} with a
     * {@link FakeConnector} to a {@link UNIXAddress} of {@code address}, and returns it.
     * Twisted: {@code MemoryReactor.connectUNIX}.
     *
     * @throws RuntimeException the one given to {@link #setConnectException}, if any
     */
    @Override
    public IConnector connectUNIX(String address, ClientFactory factory, double timeout, boolean checkPID) {
        if (connectException != null) {
            throw connectException;
        }
        unixClients.add(new UNIXClient(address, factory, timeout, checkPID));
        FakeConnector connector = new FakeConnector(new UNIXAddress(address));
        factory.startedConnecting(connector);
        unixConnectors.add(connector);
        return connector;
    }

    // ---------------------------------------------------------------- IReactorUDP, IReactorMulticast

    /**
     * Records the call, connects {@code protocol} to a {@link FakeDatagramPort} on {@code port}
     * of {@code interfaceAddress} (as {@link #listenTCP} makes its address, of type "UDP") and
     * returns it.
     *
     * @throws RuntimeException the one given to {@link #setListenException}, if any
     */
    @Override
    public IUDPTransport listenUDP(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize) {
        return listenDatagrams(new UDPPort(port, protocol, interfaceAddress, maxPacketSize, false, false));
    }

    /** As {@link #listenUDP}, recording a multicast port. */
    @Override
    public IMulticastTransport listenMulticast(int port, DatagramProtocol protocol, String interfaceAddress,
            int maxPacketSize, boolean listenMultiple) {
        return listenDatagrams(new UDPPort(port, protocol, interfaceAddress, maxPacketSize, true, listenMultiple));
    }

    private FakeDatagramPort listenDatagrams(UDPPort call) {
        Objects.requireNonNull(call.protocol(), "protocol");
        if (listenException != null) {
            throw listenException;
        }
        udpPorts.add(call);
        String iface = call.interfaceAddress();
        IAddress host;
        if (iface != null && iface.contains(":")) {
            host = new IPv6Address("UDP", iface, call.port());
        } else {
            host = new IPv4Address("UDP", iface == null || iface.isEmpty() ? "0.0.0.0" : iface, call.port());
        }
        FakeDatagramPort fake = new FakeDatagramPort(call.protocol(), host);
        datagramPorts.add(fake);
        call.protocol().makeConnection(fake);
        return fake;
    }

    // ---------------------------------------------------------------- IReactorProcess

    /**
     * Records the call, makes a {@link FakeProcess} (pid 1 for the first, 2 for the next...),
     * connects {@code processProtocol} to it and returns it. Nothing runs.
     */
    @Override
    public IProcessTransport spawnProcess(IProcessProtocol processProtocol, String executable, List<String> args,
            Map<String, String> env, String path) {
        Objects.requireNonNull(processProtocol, "processProtocol");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(args, "args");
        FakeProcess process = new FakeProcess(processProtocol, executable, args, env, path,
                spawnedProcesses.size() + 1L);
        spawnedProcesses.add(process);
        processProtocol.makeConnection(process);
        return process;
    }

    // ---------------------------------------------------------------- IReactorTime

    @Override
    public double seconds() {
        return clock.seconds();
    }

    @Override
    public IDelayedCall callLater(double delay, Runnable callable) {
        return clock.callLater(delay, callable);
    }

    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return clock.getDelayedCalls();
    }

    /**
     * Moves time forward by {@code amount} seconds and runs the calls then due, as
     * {@link Clock#advance} does. A {@link #stop()} made by one of them fires "shutdown" once
     * they have all run, as a real reactor's iteration does. An exception from a call propagates.
     *
     * <p>Twisted: {@code MemoryReactorClock.advance}.
     */
    public void advance(double amount) {
        reactorWork(() -> clock.advance(amount));
    }

    /** Advances by each of {@code timings} in turn. Twisted: {@code Clock.pump}. */
    public void pump(double... timings) {
        for (double amount : timings) {
            advance(amount);
        }
    }

    // ---------------------------------------------------------------- IReactorThreads

    /** Runs {@code callable} at once, on the calling thread (see the class comment). */
    @Override
    public void callFromThread(Runnable callable) {
        Objects.requireNonNull(callable, "callable").run();
    }

    /** Runs {@code callable} at once, on the calling thread (see the class comment). */
    @Override
    public void callInThread(Runnable callable) {
        Objects.requireNonNull(callable, "callable").run();
    }

    /** True: the test's thread plays the reactor thread (see the class comment). */
    @Override
    public boolean isInIOThread() {
        return true;
    }

    /** Remembers {@code size}; see {@link #suggestedThreadPoolSize()}. */
    @Override
    public void suggestThreadPoolSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thread pool size must be at least 1: " + size);
        }
        threadPoolSize = size;
    }

    /** The last size given to {@link #suggestThreadPoolSize}, 10 before any. */
    public int suggestedThreadPoolSize() {
        return threadPoolSize;
    }

    // ---------------------------------------------------------------- IReactorCore

    /**
     * Fires "startup" and, if that completed without a {@link #stop()}, stops: the fake main loop
     * has nothing to wait for. Returns when the shutdown has run, or is waiting on a trigger's
     * Deferred, or when startup itself waits on one (then nothing is stopped).
     *
     * <p>Twisted: {@code MemoryReactor.run}.
     *
     * @throws ReactorAlreadyRunning if it was started and has not stopped
     * @throws ReactorNotRestartable if it has stopped before
     */
    @Override
    public void run() {
        startRunning();
        if (running && !stopped) {
            stop();
        }
    }

    /**
     * Starts the reactor without stopping it: fires "startup", whose "during" phase makes
     * {@link #running()} true and whose "after" phase runs the {@link #callWhenRunning} calls.
     *
     * <p>Twisted: {@code ReactorBase.startRunning}.
     *
     * @throws ReactorAlreadyRunning if it was started and has not stopped
     * @throws ReactorNotRestartable if it has stopped before
     */
    public void startRunning() {
        if (started) {
            throw new ReactorAlreadyRunning("the memory reactor is already running");
        }
        if (startedBefore) {
            throw new ReactorNotRestartable("the memory reactor has stopped and cannot run again");
        }
        started = true;
        stopped = false;
        hasRun = true;
        fireEvent("startup");
    }

    /**
     * Stops the reactor by firing "shutdown": its "before" triggers (waiting for the Deferreds
     * they return), then the "during" phase, which makes {@link #running()} false, then the
     * "after" triggers. Called from inside a trigger or a timed call, the shutdown starts once
     * that work has returned, as in a real reactor's next iteration.
     *
     * <p>Twisted: {@code ReactorBase.stop}.
     *
     * @throws ReactorNotRunning if it has not started, or stop was already called
     */
    @Override
    public void stop() {
        if (stopped) {
            throw new ReactorNotRunning("Can't stop reactor that isn't running.");
        }
        stopped = true;
        justStopped = true;
        startedBefore = true;
        hasStopped = true;
        if (working == 0) {
            justStopped = false;
            fireEvent("shutdown");
        }
    }

    /**
     * True from the "during" phase of startup to the "during" phase of shutdown.
     *
     * <p>Twisted: {@code ReactorBase.running}.
     */
    @Override
    public boolean running() {
        return running;
    }

    /**
     * Whether {@link #run()} or {@link #startRunning()} has been called. Twisted:
     * {@code MemoryReactor.hasRun} (which Twisted initialises to true; this starts false).
     */
    public boolean hasRun() {
        return hasRun;
    }

    /**
     * Whether {@link #stop()} has been called; the shutdown it started may still be waiting on a
     * trigger's Deferred. Twisted: {@code MemoryReactor.hasStopped} (initialised to true there).
     */
    public boolean hasStopped() {
        return hasStopped;
    }

    /**
     * Calls {@code callable} now if running, else in the "after" phase of startup. An exception
     * from an immediate call propagates to the caller.
     *
     * <p>Twisted: {@code ReactorBase.callWhenRunning}.
     */
    @Override
    public void callWhenRunning(Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        if (running) {
            callable.run();
        } else {
            addTrigger("after", "startup", () -> {
                callable.run();
                return null;
            });
        }
    }

    /**
     * Adds a trigger. When its event fires, an exception from it is logged and the event goes on;
     * a Deferred returned by a "before" trigger holds the "during" phase until it fires (a
     * failure in it is logged too). Each trigger runs once: firing an event again runs only the
     * triggers added since.
     *
     * <p>Twisted: {@code ReactorBase.addSystemEventTrigger} and {@code _ThreePhaseEvent}.
     *
     * @throws IllegalArgumentException if {@code phase} is not before, during or after
     */
    @Override
    public Object addSystemEventTrigger(String phase, String eventType, Callable<?> callable) {
        return addTrigger(phase, eventType, callable);
    }

    private ThreePhaseEvent.Trigger addTrigger(String phase, String eventType, Callable<?> callable) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(callable, "callable");
        return eventTriggers
                .computeIfAbsent(eventType, type -> new ThreePhaseEvent(type, this::reactorWork))
                .addTrigger(phase, callable);
    }

    /**
     * Removes a trigger that has not run yet.
     *
     * <p>Twisted: {@code ReactorBase.removeSystemEventTrigger}. As in Twisted, removing a
     * "before" trigger that has already run, while its event fires, only logs a warning.
     *
     * @throws IllegalArgumentException if {@code triggerId} did not come from this reactor's
     *     {@link #addSystemEventTrigger}, or its trigger has already run or been removed
     */
    @Override
    public void removeSystemEventTrigger(Object triggerId) {
        if (!(triggerId instanceof ThreePhaseEvent.Trigger)) {
            throw new IllegalArgumentException(
                    "not a trigger id from this reactor's addSystemEventTrigger: " + triggerId);
        }
        ThreePhaseEvent.Trigger trigger = (ThreePhaseEvent.Trigger) triggerId;
        ThreePhaseEvent event = eventTriggers.get(trigger.eventType());
        if (event == null) {
            throw new IllegalArgumentException(
                    "trigger " + trigger + " has already run or been removed");
        }
        event.removeTrigger(trigger);
    }

    /**
     * Fires {@code eventType}'s before, during and after triggers (none if it has none).
     *
     * <p>Twisted: {@code ReactorBase.fireSystemEvent}.
     */
    @Override
    public void fireSystemEvent(String eventType) {
        fireEvent(Objects.requireNonNull(eventType, "eventType"));
    }

    private void fireEvent(String eventType) {
        ThreePhaseEvent event = eventTriggers.get(eventType);
        if (event != null) {
            reactorWork(() -> event.fireEvent(null, null));
        }
    }

    /**
     * Runs {@code work} as the reactor would in one iteration: a {@link #stop()} made during it
     * starts the shutdown only once it has returned.
     */
    private void reactorWork(Runnable work) {
        working++;
        try {
            work.run();
        } finally {
            working--;
        }
        if (working == 0 && justStopped) {
            justStopped = false;
            fireEvent("shutdown");
        }
    }

    @Override
    public String toString() {
        String state = running ? "running" : started ? "starting" : hasStopped ? "stopped" : "not started";
        return "MemoryReactor(" + state + ", t=" + clock.seconds() + ", " + tcpServers.size()
                + " listenTCP, " + tcpClients.size() + " connectTCP, " + udpPorts.size() + " listenUDP, "
                + spawnedProcesses.size()
                + " spawnProcess)";
    }

    // ---------------------------------------------------------------- fakes

    /**
     * The port {@link #listenTCP} returns: it reports its address and records
     * {@link #stopListening()}. Twisted: {@code twisted.internet.testing._FakePort}.
     */
    public static final class FakePort implements IListeningPort {
        private final IAddress hostAddress;
        private int stopListeningCalls;

        FakePort(IAddress hostAddress) {
            this.hostAddress = hostAddress;
        }

        /** Records the call; returns a Deferred that has already fired. */
        @Override
        public Deferred<Void> stopListening() {
            stopListeningCalls++;
            return Defer.succeed(null);
        }

        @Override
        public IAddress getHost() {
            return hostAddress;
        }

        /** Whether {@link #stopListening()} has been called. */
        public boolean stopped() {
            return stopListeningCalls > 0;
        }

        /** How many times {@link #stopListening()} has been called. */
        public int stopListeningCalls() {
            return stopListeningCalls;
        }

        @Override
        public String toString() {
            return "FakePort(" + hostAddress + (stopped() ? ", stopped" : "") + ")";
        }
    }

    /**
     * The connector {@link #connectTCP} returns: it records what it is asked to do and does
     * nothing else (in particular, {@link #stopConnecting()} does not fail the attempt).
     * Twisted: {@code twisted.internet.testing._FakeConnector}.
     */
    public static final class FakeConnector implements IConnector {
        private final IAddress destination;
        private boolean stoppedConnecting;
        private boolean disconnected;
        private int connectCalls;

        FakeConnector(IAddress destination) {
            this.destination = destination;
        }

        @Override
        public void stopConnecting() {
            stoppedConnecting = true;
        }

        @Override
        public void disconnect() {
            disconnected = true;
        }

        @Override
        public void connect() {
            connectCalls++;
        }

        @Override
        public IAddress getDestination() {
            return destination;
        }

        /** Whether {@link #stopConnecting()} has been called. Twisted: {@code stoppedConnecting}. */
        public boolean stoppedConnecting() {
            return stoppedConnecting;
        }

        /** Whether {@link #disconnect()} has been called. */
        public boolean disconnected() {
            return disconnected;
        }

        /** How many times {@link #connect()} has been called (a retry, since the first is implied). */
        public int connectCalls() {
            return connectCalls;
        }

        @Override
        public String toString() {
            return "FakeConnector(" + destination + ")";
        }
    }

    /**
     * One datagram a {@link FakeDatagramPort} was asked to send.
     *
     * @param addr where to: as given, or the connected address
     */
    public record Datagram(byte[] data, IAddress addr) {
        @Override
        public String toString() {
            return "Datagram(" + data.length + " bytes to " + addr + ")";
        }
    }

    /**
     * The port {@link #listenUDP} and {@link #listenMulticast} return: it records what its
     * protocol sends, connects to and joins, and {@link #stopListening()} calls the protocol's
     * {@code doStop} at once. Nothing reaches a network.
     */
    public static final class FakeDatagramPort implements IMulticastTransport {
        private final DatagramProtocol protocol;
        private final IAddress hostAddress;
        private final List<Datagram> written = new ArrayList<>();
        private final Set<String> groups = new LinkedHashSet<>();
        private IAddress connected;
        private boolean listening = true;
        private boolean broadcast;
        private boolean loopback = true;
        private int ttl = 1;
        private String outgoingInterface = "0.0.0.0";

        FakeDatagramPort(DatagramProtocol protocol, IAddress hostAddress) {
            this.protocol = protocol;
            this.hostAddress = hostAddress;
        }

        /** The datagrams sent so far, oldest first (a live, read-only view). */
        public List<Datagram> written() {
            return Collections.unmodifiableList(written);
        }

        /** The groups joined and not left, as given (with "@interface" when one was). */
        public Set<String> groups() {
            return Collections.unmodifiableSet(groups);
        }

        /** The connected address, or null. */
        public IAddress connectedAddress() {
            return connected;
        }

        /** Whether {@link #stopListening()} has not been called. */
        public boolean listening() {
            return listening;
        }

        /** The protocol connected to this port. */
        public DatagramProtocol protocol() {
            return protocol;
        }

        /**
         * Records the datagram.
         *
         * @throws IllegalArgumentException if {@code addr} is null and the port is not connected
         */
        @Override
        public void write(byte[] packet, IAddress addr) {
            Objects.requireNonNull(packet, "packet");
            if (addr == null && connected == null) {
                throw new IllegalArgumentException("not connected: write needs an address");
            }
            written.add(new Datagram(packet.clone(), addr != null ? addr : connected));
        }

        @Override
        public void write(byte[] packet, String host, int port) {
            write(packet, host.contains(":") ? new IPv6Address("UDP", host, port) : new IPv4Address("UDP", host, port));
        }

        /**
         * Records the address.
         *
         * @throws InvalidAddressError if {@code host} has no digit, dot or colon pattern of an IP address
         * @throws IllegalStateException if connected already
         */
        @Override
        public void connect(String host, int port) {
            if (connected != null) {
                throw new IllegalStateException("already connected, reconnecting is not currently supported");
            }
            if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw new InvalidAddressError(host, "not an IPv4 or IPv6 address.");
            }
            connected = host.contains(":") ? new IPv6Address("UDP", host, port) : new IPv4Address("UDP", host, port);
        }

        @Override
        public IAddress getHost() {
            return hostAddress;
        }

        /** Calls the protocol's {@code doStop} (the first time); returns a Deferred that has fired. */
        @Override
        public Deferred<Void> stopListening() {
            if (listening) {
                listening = false;
                protocol.doStop();
            }
            return Defer.succeed(null);
        }

        @Override
        public void setBroadcastAllowed(boolean enabled) {
            broadcast = enabled;
        }

        @Override
        public boolean getBroadcastAllowed() {
            return broadcast;
        }

        @Override
        public String getOutgoingInterface() {
            return outgoingInterface;
        }

        @Override
        public Deferred<Void> setOutgoingInterface(String addr) {
            outgoingInterface = Objects.requireNonNull(addr, "addr");
            return Defer.succeed(null);
        }

        @Override
        public boolean getLoopbackMode() {
            return loopback;
        }

        @Override
        public void setLoopbackMode(boolean mode) {
            loopback = mode;
        }

        @Override
        public int getTTL() {
            return ttl;
        }

        @Override
        public void setTTL(int ttl) {
            this.ttl = ttl;
        }

        @Override
        public Deferred<Void> joinGroup(String addr, String interfaceAddress) {
            groups.add(group(addr, interfaceAddress));
            return Defer.succeed(null);
        }

        @Override
        public Deferred<Void> leaveGroup(String addr, String interfaceAddress) {
            groups.remove(group(addr, interfaceAddress));
            return Defer.succeed(null);
        }

        private static String group(String addr, String interfaceAddress) {
            Objects.requireNonNull(addr, "addr");
            return interfaceAddress == null || interfaceAddress.isEmpty() ? addr : addr + "@" + interfaceAddress;
        }

        @Override
        public String toString() {
            return "FakeDatagramPort(" + hostAddress + (listening ? "" : ", stopped") + ")";
        }
    }

    /**
     * The process transport {@link #spawnProcess} returns: it records what the protocol asks of
     * it (stdin bytes, closed pipes, signals) and plays the child's end when the test says so.
     * Closing a pipe tells the protocol {@code childConnectionLost} at once (a real reactor does
     * so on a later turn). Twisted: {@code DummyProcess} in {@code twisted.runner.test.test_procmon}.
     */
    public static final class FakeProcess implements IProcessTransport {
        private final IProcessProtocol protocol;
        private final String executable;
        private final List<String> args;
        private final Map<String, String> env;
        private final String path;
        private Long pid;
        private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        private final TreeSet<Integer> openFDs = new TreeSet<>(List.of(0, 1, 2));
        private final List<Object> signals = new ArrayList<>();
        private boolean disconnecting;
        private boolean ended;
        private IProducer producer;
        private String producerState = "producing";

        FakeProcess(IProcessProtocol protocol, String executable, List<String> args, Map<String, String> env,
                String path, long pid) {
            this.protocol = protocol;
            this.executable = executable;
            this.args = List.copyOf(args);
            this.env = env == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(env));
            this.path = path;
            this.pid = pid;
        }

        // -------------------------------------------------------- what was asked

        /** The protocol given to {@code spawnProcess}. */
        public IProcessProtocol protocol() {
            return protocol;
        }

        /** The executable, as given. */
        public String executable() {
            return executable;
        }

        /** The command line, as given ({@code argv[0]} first). */
        public List<String> args() {
            return args;
        }

        /** The environment, as given; null for "this process's own". */
        public Map<String, String> env() {
            return env;
        }

        /** The working directory, as given; may be null. */
        public String path() {
            return path;
        }

        /** Every byte written to stdin so far. */
        public byte[] value() {
            return stdin.toByteArray();
        }

        /** The signals sent, in order, as given: a {@code String} name or an {@code Integer}. */
        public List<Object> signals() {
            return Collections.unmodifiableList(signals);
        }

        /** Whether the pipe to {@code childFD} (0, 1 or 2) is still open. */
        public boolean isOpen(int childFD) {
            return openFDs.contains(childFD);
        }

        /** "producing", "paused" or "stopped", as {@link StringTransport#producerState()}. */
        public String producerState() {
            return producerState;
        }

        /** The producer registered for stdin, or null. */
        public IProducer producer() {
            return producer;
        }

        // -------------------------------------------------------- playing the child

        /**
         * The child exits with {@code exitCode}: every pipe still open closes
         * ({@code childConnectionLost} for each), then {@code processExited} and
         * {@code processEnded} with {@link ProcessDone} for 0, else {@link ProcessTerminated}
         * (its status the exit code, as the Netty reactor reports it).
         *
         * @throws IllegalStateException if the process has already ended
         */
        public void exit(int exitCode) {
            end(exitCode == 0 ? new ProcessDone(0) : new ProcessTerminated(exitCode, null, exitCode));
        }

        /**
         * The child is killed by signal {@code signal}: as {@link #exit}, with
         * {@link ProcessTerminated} carrying the signal (its status 128 + signal, as the Netty
         * reactor reports it).
         *
         * @throws IllegalStateException if the process has already ended
         */
        public void killedBy(int signal) {
            end(new ProcessTerminated(null, signal, 128 + signal));
        }

        private void end(RuntimeException reason) {
            if (ended) {
                throw new IllegalStateException("process " + executable + " has already ended");
            }
            ended = true;
            pid = null;
            for (Integer fd : new ArrayList<>(openFDs)) {
                closeChildFD(fd);
            }
            protocol.processExited(new Failure(reason));
            protocol.processEnded(new Failure(reason));
        }

        // -------------------------------------------------------- IProcessTransport

        /** 1 for the first process of its reactor, 2 for the next...; null once it has exited. */
        @Override
        public Long pid() {
            return pid;
        }

        @Override
        public void write(byte[] data) {
            if (openFDs.contains(0)) {
                stdin.writeBytes(data);
            }
        }

        @Override
        public void writeSequence(List<byte[]> data) {
            for (byte[] chunk : data) {
                write(chunk);
            }
        }

        @Override
        public void closeChildFD(int descriptor) {
            if (openFDs.remove(descriptor)) {
                protocol.childConnectionLost(descriptor);
            }
        }

        @Override
        public void loseConnection() {
            disconnecting = true;
            closeStdin();
            closeStderr();
            closeStdout();
        }

        @Override
        public void abortConnection() {
            loseConnection();
        }

        /** Whether {@link #loseConnection()} or {@link #abortConnection()} has been called. */
        @Override
        public boolean disconnecting() {
            return disconnecting;
        }

        /**
         * Records the signal.
         *
         * @throws ProcessExitedAlready once the process has exited
         * @throws IllegalArgumentException for a name other than KILL, TERM, INT, HUP, STOP
         */
        @Override
        public void signalProcess(String signalID) {
            if (!List.of("KILL", "TERM", "INT", "HUP", "STOP").contains(signalID)) {
                throw new IllegalArgumentException("unknown signal name: " + signalID);
            }
            recordSignal(signalID);
        }

        /**
         * Records the signal.
         *
         * @throws ProcessExitedAlready once the process has exited
         */
        @Override
        public void signalProcess(int signalID) {
            recordSignal(signalID);
        }

        private void recordSignal(Object signalID) {
            if (pid == null) {
                throw new ProcessExitedAlready("process " + executable + " has exited; not sending " + signalID);
            }
            signals.add(signalID);
        }

        @Override
        public void registerProducer(IProducer producer, boolean streaming) {
            if (this.producer != null) {
                throw new IllegalStateException("a producer is already registered: " + this.producer);
            }
            this.producer = Objects.requireNonNull(producer, "producer");
        }

        @Override
        public void unregisterProducer() {
            producer = null;
        }

        @Override
        public void pauseProducing() {
            producerState = "paused";
        }

        @Override
        public void resumeProducing() {
            producerState = "producing";
        }

        @Override
        public void stopProducing() {
            producerState = "stopped";
        }

        @Override
        public String toString() {
            return "FakeProcess(" + executable + ", pid=" + pid + ")";
        }
    }
}
