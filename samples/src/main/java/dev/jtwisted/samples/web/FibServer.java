package dev.jtwisted.samples.web;

import dev.jtwisted.internet.IReactor;
import dev.jtwisted.python.usage.Args;
import dev.jtwisted.web.resource.IResource;

/**
 * Fibonacci numbers over HTTP, computed in a thread pool ({@link Fibonacci}):
 * {@code curl 'http://127.0.0.1:8000/?n=30'} answers {@code 832040}; {@code /30} too.
 *
 * <p>Twisted: {@code web5.py} of the EuroPython 2012 Twisted training, part 2, the example of
 * {@code threads.deferToThread}: "that will run in a thread, won't block your reactor, and when
 * it's finished it will, in a thread-safe manner, call your callback within the main thread".
 */
public final class FibServer extends WebServer {

    @Override
    public String name() {
        return "fib";
    }

    @Override
    public String description() {
        return "Fibonacci numbers over HTTP, computed in a thread pool with deferToThread (training)";
    }

    @Override
    IResource root(Args args, IReactor reactor) {
        return new Fibonacci(reactor, Fibonacci::fib);
    }
}
