/**
 * The finger server of the Twisted tutorial in its final form ({@code finger}): a
 * {@code FingerService} owning the users and making the factories of two ports,
 * {@code finger} (answers one user's status) and {@code finger-setter} (sets one, on loopback
 * only), with a {@code TimerService} re-reading a users file; and the finger proxy built on a
 * finger client ({@code finger-proxy}). The tutorial's earlier steps, from the server that
 * hangs every connection up to the one answering with a local program's output, are
 * {@code finger-steps} in {@code dev.jtwisted.samples.finger.steps}.
 *
 * <p>Twisted: Moshe Zadka's finger tutorial ("Twisted: A Tutorial"), the talk behind
 * Twisted's own {@code howto/tutorial}.
 */
package dev.jtwisted.samples.finger;
