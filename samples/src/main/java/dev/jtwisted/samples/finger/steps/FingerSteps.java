package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.samples.ServerSample;
import dev.jtwisted.samples.Serving;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The finger tutorial's steps as one server: {@code finger-steps N} serves step N's factory on
 * {@code --port} (1079) of {@code --interface}, so each listing of the tutorial can be tried
 * with {@code nc -C}. {@code --help} lists the steps; {@link #STEPS} is the list.
 *
 * <pre>
 * $ java -jar jtwisted-samples.jar finger-steps 7
 * finger-steps listening on 127.0.0.1:1079
 * $ echo moshez | nc -C 127.0.0.1 1079
 * Happy and well
 * </pre>
 *
 * <p>Twisted: the finger tutorial's listings from "How To Use Twisted to Do Nothing" to
 * "Using Twisted to Do The Standard Thing", each run as {@code reactor.listenTCP(1079,
 * FingerFactory(...)); reactor.run()}.
 */
public final class FingerSteps extends ServerSample {

    /** One step: its name, what it does, and how to make its factory. */
    record Step(String name, String what, BiFunction<IReactor, String, ServerFactory> factory) {}

    /** The steps, step N at index N - 1. */
    static final List<Step> STEPS = List.of(
            new Step("hang", "accepts connections and never answers (an empty Protocol)",
                    (reactor, program) -> new DoNothing.FingerFactory()),
            new Step("hang-explicitly", "the same, every event handler written out, doing nothing",
                    (reactor, program) -> new WorkHard.FingerFactory()),
            new Step("rude", "closes each connection at once (loseConnection in connectionMade)",
                    (reactor, program) -> new BeRude.FingerFactory()),
            new Step("line-then-close", "reads the user line, then closes without an answer (a LineReceiver)",
                    (reactor, program) -> new BeRudeSmartly.FingerFactory()),
            new Step("no-such-user", "answers \"No such user\" to every user",
                    (reactor, program) -> new OutputErrors.FingerFactory()),
            new Step("factory-get-user", "the same, asking the factory's getUser",
                    (reactor, program) -> new UsefulThings.FingerFactory()),
            new Step("factory-users", "users on the factory: moshez is \"Happy and well\"",
                    (reactor, program) -> new UsefulThingsForReal.FingerFactory(UsefulThingsForReal.USERS)),
            new Step("maybe-deferred", "the same through Defer.maybeDeferred(getUser)",
                    (reactor, program) -> new MaybeDeferred.FingerFactory(UsefulThingsForReal.USERS)),
            new Step("succeed", "the same, getUser returning Defer.succeed(status)",
                    (reactor, program) -> new Succeed.FingerFactory(UsefulThingsForReal.USERS)),
            new Step("process", "answers with the output of the finger program (Utils.getProcessOutput)",
                    StandardThing.FingerFactory::new),
            new Step("process-whitewashed", "the same, with \"Microsoft\" replaced",
                    Whitewashed.FingerFactory::new));

    @Override
    public String name() {
        return "finger-steps";
    }

    @Override
    public String description() {
        return "The finger tutorial's servers step by step, from hanging up to the finger program; --help lists them";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.port(1079), Option.interfaceAddress("127.0.0.1"),
                Option.value("finger-program", "PATH", "the program steps 10 and 11 run", "finger"));
    }

    @Override
    public List<Positional> positionals() {
        return List.of(Positional.required("N", stepsHelp()));
    }

    /** The help of N: a line per step, aligned under the help column of {@code --help}. */
    private String stepsHelp() {
        int width = "--help".length();
        for (Option option : options()) {
            width = Math.max(width, option.toString().length());
        }
        String indent = " ".repeat(2 + width + 2 + 2);
        int nameWidth = 0;
        for (Step step : STEPS) {
            nameWidth = Math.max(nameWidth, step.name().length());
        }
        StringBuilder help = new StringBuilder("the tutorial's step to serve, 1 to " + STEPS.size() + ":");
        for (int i = 0; i < STEPS.size(); i++) {
            Step step = STEPS.get(i);
            help.append(System.lineSeparator()).append(indent)
                    .append(String.format("%2d  %-" + nameWidth + "s  %s", i + 1, step.name(), step.what()));
        }
        return help.toString();
    }

    /**
     * Step {@code n} as typed on the command line, 1 to {@link #STEPS}'s size.
     *
     * @throws UsageError naming N and the value otherwise
     */
    static Step step(String n) {
        int i = -1;
        if (n.matches("[0-9]{1,3}")) {
            i = Integer.parseInt(n) - 1;
        }
        if (i < 0 || i >= STEPS.size()) {
            throw new UsageError("N must be a step from 1 to " + STEPS.size() + ", not '" + n
                    + "'; finger-steps --help lists them");
        }
        return STEPS.get(i);
    }

    @Override
    protected Serving serving(Args args, IReactor reactor) {
        Step step = step(args.positional().get(0));
        return Serving.listen(name(), tcpEndpoint(reactor, args),
                step.factory().apply(reactor, args.value("finger-program")));
    }

    @Override
    public String toString() {
        return "FingerSteps";
    }
}
