package dev.jtwisted.internet.threads;

/**
 * A reactor that can tell whether the calling thread is one of its own. {@link
 * Threads#blockingCallFromThread} asks it, so that a call that could only deadlock fails at once.
 * A candidate for {@code IReactorThreads}, where Twisted keeps the same question.
 *
 * <p>Threads: callable from any thread.
 *
 * <p>Twisted: {@code twisted.python.threadable.isInIOThread}.
 */
public interface IReactorIOThread {
    /** Whether the calling thread runs this reactor's callbacks. */
    boolean isInIOThread();
}
