/**
 * Command-line parsing: declared {@link dev.jtwisted.python.usage.Option}s and
 * {@link dev.jtwisted.python.usage.Positional} arguments, parsed by
 * {@link dev.jtwisted.python.usage.ArgParser} into {@link dev.jtwisted.python.usage.Args}, with
 * one-line {@link dev.jtwisted.python.usage.UsageError}s. The {@code twistd} runner and its
 * plugins parse their options with it, and so does the samples launcher.
 * Twisted: {@code twisted.python.usage}.
 */
package dev.jtwisted.python.usage;
