/**
 * Deferred results: {@link dev.jtwisted.internet.defer.Deferred}, its helpers in {@link
 * dev.jtwisted.internet.defer.Defer}, {@code DeferredList}, the lock, semaphore and queue, and
 * {@code inlineCallbacks}.
 * Twisted: {@code twisted.internet.defer}.
 *
 * <p>Threads: a Deferred uses no locks. Like everything a protocol touches, it belongs to one
 * thread at a time, normally the reactor thread; other threads hand work over with the reactor's
 * {@code callFromThread}, or through {@link dev.jtwisted.internet.defer.Deferred#fromFuture(
 * java.util.concurrent.CompletionStage, java.util.concurrent.Executor)} with that executor.
 */
package dev.jtwisted.internet.defer;
