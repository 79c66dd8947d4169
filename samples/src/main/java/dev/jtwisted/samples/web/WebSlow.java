package dev.jtwisted.samples.web;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.python.usage.Option;
import dev.jtwisted.python.usage.UsageError;
import dev.jtwisted.web.resource.IResource;
import java.util.List;

/**
 * A response written over time: every GET (any path) gets {@code a}, then {@code b} a delay
 * later, then {@code c}, and the end of the response after one more delay ({@link LongRunning}).
 * {@code --delay SECONDS} (default 1, as in the training) sets the pace;
 * {@code curl -N http://127.0.0.1:8000/} shows the pieces arrive.
 *
 * <p>Twisted: {@code web3.py} of the EuroPython 2012 Twisted training, part 2: "if you run web3
 * and then do that curl you'll see a, a second later b, a second later c, a second later we'll
 * disconnect".
 */
public final class WebSlow extends WebServer {
    /** The longest {@code --delay}: an hour. */
    static final double MAX_DELAY = 3600;

    @Override
    public String name() {
        return "web-slow";
    }

    @Override
    public String description() {
        return "A response written over time with NOT_DONE_YET and callLater: a, b, c, one delay apart (training)";
    }

    @Override
    List<Option> moreOptions() {
        return List.of(Option.value("delay", "SECONDS",
                "seconds between one piece and the next, e.g. 0.5; from 0 to 3600", "1"));
    }

    @Override
    IResource root(Args args, IReactor reactor) {
        return new LongRunning(reactor, delay(args.value("delay")));
    }

    /** @throws UsageError naming the value, unless it is a number of seconds from 0 to {@link #MAX_DELAY} */
    static double delay(String value) {
        double delay;
        try {
            delay = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            delay = Double.NaN;
        }
        if (!(delay >= 0 && delay <= MAX_DELAY)) {
            throw new UsageError("--delay must be a number of seconds from 0 to 3600, e.g. 0.5, not '" + value + "'");
        }
        return delay;
    }
}
