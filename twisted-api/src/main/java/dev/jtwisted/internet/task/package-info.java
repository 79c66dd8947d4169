/**
 * Scheduling utilities over an {@link dev.jtwisted.internet.IReactorTime}: a deterministic
 * {@link dev.jtwisted.internet.task.Clock} for tests, {@code deferLater} and
 * {@link dev.jtwisted.internet.task.LoopingCall}.
 * Twisted: {@code twisted.internet.task}.
 */
package dev.jtwisted.internet.task;
