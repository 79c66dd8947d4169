package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.IReactorProcess;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.utils.UnexpectedErrorOutput;
import dev.jtwisted.internet.utils.Utils;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Step 10: the standard finger daemon: answers with the output of the local {@code finger}
 * program run for the user. {@code getProcessOutput} returns a Deferred fired with the
 * program's output once it ends, which is exactly what {@code getUser} returns, so step 9's
 * protocol serves it unchanged, however long the program takes.
 *
 * <p>As the tutorial warns, a program that writes to stderr fails the Deferred, and the client
 * gets "Internal error in server". One case gets a clear answer instead: no program to run
 * (this machine has no {@code finger}), answered "No finger program on this server: ...". The
 * user name goes to the program as one argument, never through a shell, but it is not
 * checked: a name starting with {@code -} is an option to {@code finger}.
 *
 * <p>Twisted: the tutorial's "Using Twisted to Do The Standard Thing":
 * {@code return utils.getProcessOutput("finger", [user])}. As Twisted's, the program runs in
 * an empty environment, so {@code finger} is looked up in {@code /bin:/usr/bin}.
 */
final class StandardThing {
    private StandardThing() {}

    static class FingerFactory extends ServerFactory implements DeferredUsers {
        private final IReactorProcess reactor;
        private final String program;

        /** @param program the finger program: {@code finger}, or a path for a stand-in */
        FingerFactory(IReactorProcess reactor, String program) {
            this.reactor = Objects.requireNonNull(reactor, "reactor");
            this.program = Objects.requireNonNull(program, "program");
            protocol = Succeed.FingerProtocol::new;
        }

        @Override
        public Deferred<String> getUser(String user) {
            return Utils.getProcessOutput(reactor, program, List.of(user))
                    .addCallback(output -> new String(output, StandardCharsets.UTF_8))
                    .addErrback(failure -> {
                        // spawnProcess reports a program it cannot run on stderr, as Twisted's child does.
                        if (failure.check(UnexpectedErrorOutput.class) == null
                                || !failure.getErrorMessage().contains("Upon execvpe")) {
                            throw failure.raiseException();
                        }
                        return "No finger program on this server: cannot run '" + program + "'";
                    });
        }
    }
}
