/**
 * The finger tutorial step by step ({@code finger-steps N}): one class per listing, each with
 * the listing's {@code FingerProtocol} and {@code FingerFactory}, from a server that accepts
 * connections and ignores them to one answering with the output of the local {@code finger}
 * program. The later steps (the setter, the {@code FingerService}, the users file, the proxy)
 * are the {@code finger} and {@code finger-proxy} samples.
 *
 * <p>Twisted: Moshe Zadka's finger tutorial, "How To Use Twisted to Do Nothing" to "Using
 * Twisted to Do The Standard Thing".
 */
package dev.jtwisted.samples.finger.steps;
