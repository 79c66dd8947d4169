/**
 * Scheduling utilities over an {@link dev.jtwisted.internet.IReactorTime}: a deterministic
 * {@link dev.jtwisted.internet.task.Clock} for tests and {@code deferLater}.
 * Twisted: {@code twisted.internet.task}.
 */
package dev.jtwisted.internet.task;
