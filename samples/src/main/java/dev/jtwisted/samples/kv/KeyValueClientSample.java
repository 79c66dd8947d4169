package dev.jtwisted.samples.kv;

import dev.jtwisted.internet.ClientCreator;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import dev.jtwisted.internet.task.Task;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.Positional;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.samples.Context;
import dev.jtwisted.samples.HostPort;
import dev.jtwisted.samples.Sample;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code kv-client}: sends the commands of its command line to a kv server over one connection,
 * all at once, and prints each reply as it arrives:
 * <pre>
 * $ java -jar jtwisted-samples.jar kv-client --server 127.0.0.1:11211 set a 1 get a get b delete a
 * set a 1 -> stored
 * get a -> 1
 * get b -> Error: not found: b
 * delete a -> deleted
 * </pre>
 * Every request is written before the first reply is read (pipelining); the
 * {@link KeyValueClient} matches the replies to them in order. A {@code not found} or an
 * {@code error:} reply is printed as an error and the run goes on; a lost connection fails
 * the run (exit status 1) after printing what it failed, and so does a server that cannot be
 * reached.
 *
 * <p>Twisted: the training's {@code keyvalue_client2.py}: {@code ClientCreator(reactor,
 * KeyValueClientProtocol).connectTCP(...)}, then {@code p.set('a', 'value')},
 * {@code p.get('b').addErrback(e)}, printing results and {@code 'Error:',
 * x.getErrorMessage()}; here the requests come from the command line and the reactor stops once
 * every reply is in.
 */
public final class KeyValueClientSample implements Sample {
    /** Seconds to wait for the connection. */
    static final double CONNECT_TIMEOUT = 10;

    @Override
    public String name() {
        return "kv-client";
    }

    @Override
    public String description() {
        return "Key-value client: pipelines get/set/delete commands to a kv server and prints the replies";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.value("server", "HOST:PORT", "the kv server to connect to",
                "127.0.0.1:" + KeyValueServer.DEFAULT_PORT));
    }

    @Override
    public List<Positional> positionals() {
        return List.of(Positional.oneOrMore("COMMAND",
                "commands, one after the other: get KEY, set KEY VALUE, delete KEY (quote a VALUE with spaces)"));
    }

    @Override
    public void run(Args args, Context context) throws Exception {
        HostPort server = HostPort.parse("--server", args.value("server"));
        List<Command> commands = Command.parseAll(args.positional());
        PrintStream out = context.out();
        // Twisted's task.react: run the reactor until the Deferred fires, then stop it.
        Task.react(context.reactor(), reactor -> new ClientCreator<>(reactor, KeyValueClient::new)
                .connectTCP(server.host(), server.port(), CONNECT_TIMEOUT)
                .addCallbackDeferring(client -> sendAll(client, commands, out)));
    }

    /**
     * Sends every command before any reply can arrive, prints each reply in order, and closes
     * the connection once all are in; fails with the first failure other than a refusal by the
     * server (a lost connection).
     */
    private static Deferred<Void> sendAll(KeyValueClient client, List<Command> commands, PrintStream out) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Deferred<Object>> replies = new ArrayList<>();
        for (Command command : commands) {
            replies.add(command.send(client).addCallbacks(
                    reply -> {
                        out.println(command + " -> " + reply);
                        return null;
                    },
                    (Failure f) -> {
                        out.println(command + " -> Error: " + f.getErrorMessage());
                        if (f.check(KeyNotFound.class, KeyValueError.class) == null) {
                            failed.compareAndSet(null, f.value());
                        }
                        return null;
                    }));
        }
        return Defer.gatherResults(replies).addCallback(all -> {
            client.transport().loseConnection();
            if (failed.get() != null) {
                throw new Failure(failed.get()).raiseException();
            }
            return (Void) null;
        });
    }

    /** One command of the command line. */
    record Command(String name, String key, String value) {

        /**
         * The commands {@code words} spell, in order.
         *
         * @throws UsageError naming the word at fault
         */
        static List<Command> parseAll(List<String> words) {
            List<Command> commands = new ArrayList<>();
            for (int i = 0; i < words.size(); ) {
                String name = words.get(i);
                int arity;
                switch (name) {
                    case "get", "delete" -> arity = 1;
                    case "set" -> arity = 2;
                    default -> throw new UsageError("unknown command '" + name
                            + "' (commands: get KEY, set KEY VALUE, delete KEY)");
                }
                if (i + arity >= words.size()) {
                    throw new UsageError(name + (arity == 1 ? " needs a KEY" : " needs a KEY and a VALUE")
                            + " (command " + (commands.size() + 1) + ")");
                }
                String key = words.get(i + 1);
                if (key.isEmpty() || key.contains(" ") || key.contains("\n") || key.contains("\r")) {
                    throw new UsageError("key '" + key + "' of " + name
                            + " must be non-empty, without spaces or line breaks");
                }
                String value = arity == 2 ? words.get(i + 2) : null;
                if (value != null && (value.contains("\n") || value.contains("\r"))) {
                    throw new UsageError("the value of set " + key + " may not contain a line break");
                }
                commands.add(new Command(name, key, value));
                i += 1 + arity;
            }
            return commands;
        }

        /** Sends it; the reply to print: the value, {@code stored} or {@code deleted}. */
        Deferred<String> send(KeyValueClient client) {
            return switch (name) {
                case "get" -> client.get(key);
                case "set" -> client.set(key, value).addCallback(stored -> KeyValueProtocol.STORED);
                default -> client.delete(key).addCallback(deleted -> KeyValueProtocol.DELETED);
            };
        }

        @Override
        public String toString() {
            return value == null ? name + " " + key : name + " " + key + " " + value;
        }
    }
}
