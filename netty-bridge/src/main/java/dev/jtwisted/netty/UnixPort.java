package dev.jtwisted.netty;

import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IProtocolFactory;
import dev.jtwisted.internet.UNIXAddress;
import dev.jtwisted.python.lockfile.FilesystemLock;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening UNIX-domain stream socket: a Netty server domain channel (epoll, io_uring, or the
 * JDK's for NIO) whose accepted channels get a {@link ProtocolHandler} each, as
 * {@link TcpPort}'s do. Its file gets the port's mode, and goes when the port closes; with
 * {@code wantPID} a lock file beside it keeps two live servers off one path and lets a new one
 * clear the file a dead one left.
 *
 * <p>Threads: lives on one loop (the one that listened, else the main loop).
 *
 * <p>Twisted: {@code twisted.internet.unix.Port}.
 */
final class UnixPort extends StreamPort {
    private static final Logger log = LoggerFactory.getLogger(UnixPort.class);

    /** The longest path that fits Linux's {@code sun_path} with its terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final String path;
    private final int mode;
    private final boolean wantPID;
    private FilesystemLock lock;

    UnixPort(NettyReactor reactor, IProtocolFactory factory, String path, int backlog, int mode, boolean wantPID,
            EventLoop loop) {
        super(reactor, factory, backlog, loop);
        this.path = path;
        this.mode = mode;
        this.wantPID = wantPID;
    }

    /**
     * Checks the path, takes the lock (clearing a dead owner's socket file), binds, sets the
     * file's mode, tells the factory, and starts accepting once the reactor runs.
     *
     * <p>Twisted: {@code unix.Port.startListening}.
     */
    void startListening() {
        if (reactor.isShuttingDown()) {
            throw cannotListen("the reactor is stopping", null);
        }
        checkPath(path);
        if (wantPID) {
            takeLock();
        }
        if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
            // Netty's native bind unlinks what is there first, which would steal a live
            // server's path; the system's own bind, as Twisted's, refuses.
            releaseLock();
            throw cannotListen("Address already in use (a file exists at that path)", null);
        }
        ServerChannel ch;
        try {
            ch = bind();
        } catch (RuntimeException | Error e) {
            releaseLock();
            throw e;
        }
        listening(ch);
    }

    /** Refuses what can't be a socket file, naming the problem (the system's errors don't). */
    private void checkPath(String p) {
        if (p.isEmpty()) {
            throw cannotListen("the path is empty", null);
        }
        if (p.charAt(0) == '\0') {
            throw cannotListen("abstract-namespace sockets (a path starting with NUL) are not supported", null);
        }
        if (p.indexOf('\0') >= 0) {
            throw cannotListen("the path contains a NUL character", null);
        }
        int bytes = p.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw cannotListen("the path is " + bytes + " bytes long; a UNIX socket's path holds at most "
                    + MAX_PATH_BYTES, null);
        }
    }

    /** Twisted: the {@code wantPID} part of {@code unix.Port.startListening}. */
    private void takeLock() {
        FilesystemLock l = new FilesystemLock(path + ".lock");
        boolean taken;
        try {
            taken = l.lock();
        } catch (IOException e) {
            throw cannotListen("Cannot acquire lock " + l.name() + ": " + e, e);
        }
        if (!taken) {
            throw cannotListen("Cannot acquire lock " + l.name() + ": a live process holds it", null);
        }
        lock = l;
        if (!l.clean()) {
            // Its owner died: the socket file it left would make bind fail. Best effort, as
            // Twisted: if this fails, bind says why.
            Path socket = Path.of(path);
            try {
                BasicFileAttributes a = Files.readAttributes(socket, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (a.isOther()) {
                    Files.delete(socket);
                    log.info("Removed the socket file {} left by a dead process", path);
                }
            } catch (IOException e) {
                log.debug("No stale socket file to remove at {}: {}", path, e.toString());
            }
        }
    }

    private void releaseLock() {
        FilesystemLock l = lock;
        lock = null;
        if (l != null) {
            try {
                l.unlock();
            } catch (IOException | RuntimeException e) {
                log.warn("{} could not release its lock {}", this, l.name(), e);
            }
        }
    }

    private ServerChannel bind() {
        ServerChannel ch = bind(reactor.backend.newServerDomainChannel(), reactor.backend.domainAddress(path));
        try {
            Files.setPosixFilePermissions(Path.of(path), permissions(mode));
        } catch (IOException | UnsupportedOperationException e) {
            ch.close();
            throw cannotListen("cannot set the mode of the socket file to 0o" + Integer.toOctalString(mode)
                    + ": " + e, e);
        }
        return ch;
    }

    /** The read, write and execute bits of {@code mode} (the JDK cannot set the others). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    @Override
    CannotListenError cannotListen(String why, Throwable cause) {
        return new CannotListenError("Couldn't listen on " + path + ": " + why + ".", cause);
    }

    @Override
    void initChild(Channel child) {
        child.pipeline().addLast(new EndOfInputOnClose());
    }

    @Override
    String startedOn() {
        return "'" + path + "'";
    }

    @Override
    String closedName() {
        return "UNIX Port " + path;
    }

    /** Twisted: {@code unix.Port.connectionLost} unlinks the file (Netty does) and unlocks. */
    @Override
    void released() {
        releaseLock();
    }

    @Override
    public IAddress getHost() {
        return new UNIXAddress(path);
    }

    @Override
    public String toString() {
        return "<UnixPort of " + factory + " on '" + path + "'>";
    }
}
