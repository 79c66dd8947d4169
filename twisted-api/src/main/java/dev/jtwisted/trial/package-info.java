/**
 * Test helpers for code built on Deferreds.
 * Twisted: {@code twisted.trial}.
 */
package dev.jtwisted.trial;
