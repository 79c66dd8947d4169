package dev.jtwisted.internet;

import java.util.List;
import java.util.Map;

/**
 * Child processes: start one and talk to it through its stdin, stdout and stderr pipes.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IReactorProcess}.
 */
public interface IReactorProcess {
    /**
     * Starts {@code executable} as a child process with pipes to its stdin, stdout and stderr, and
     * calls {@code processProtocol.makeConnection} with its transport before returning. The
     * arguments go to the program as they are, never through a shell.
     *
     * <p>As Twisted on POSIX, which runs {@code os.execvpe}: an {@code executable} without a
     * {@code /} is looked up in the {@code PATH} of the child's environment ({@code /bin:/usr/bin}
     * if it has none), one with a {@code /} is taken as is (relative to {@code path}). A program
     * that cannot be run (not found, not executable, {@code path} missing) does not throw:
     * as from Twisted's child whose {@code exec} failed, the protocol gets a message starting
     * "Upon execvpe" on stderr and then {@link ProcessTerminated} with exit code 1.
     *
     * <p>Twisted's {@code uid}, {@code gid}, {@code usePTY} and {@code childFDs} are not offered.
     *
     * @param args the command line, the program's name first ({@code argv[0]}), as in Twisted.
     *     The JDK cannot set {@code argv[0]} apart from the program, so the child sees
     *     {@code executable} (as resolved) there and {@code args[0]} is not passed
     * @param env the child's complete environment; an empty map for an empty one; null for this
     *     process's own environment (Twisted: {@code env=None}, whereas its default {@code {}}
     *     is an empty environment, as {@link #spawnProcess(IProcessProtocol, String, List)})
     * @param path the child's working directory; null for this process's
     * @return the process's transport, as also given to {@code makeConnection}
     * @throws java.io.UncheckedIOException if the system has no resources for another process
     *     (Twisted: {@code OSError} with {@code EAGAIN} or {@code ENOMEM})
     */
    IProcessTransport spawnProcess(IProcessProtocol processProtocol, String executable, List<String> args,
            Map<String, String> env, String path);

    /**
     * {@link #spawnProcess(IProcessProtocol, String, List, Map, String)} with Twisted's defaults:
     * an empty environment (so {@code executable} is looked up in {@code /bin:/usr/bin}) and
     * this process's working directory.
     */
    default IProcessTransport spawnProcess(IProcessProtocol processProtocol, String executable, List<String> args) {
        return spawnProcess(processProtocol, executable, args, Map.of(), null);
    }
}
