/**
 * Run a program and get its output or exit code as a Deferred.
 * Twisted: {@code twisted.internet.utils}.
 */
package dev.jtwisted.internet.utils;
