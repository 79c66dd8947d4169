/**
 * The samples launcher: {@code java -jar jtwisted-samples.jar NAME [options]} picks a ported
 * Twisted program by name, parses its options and runs it.
 * Twisted: {@code twistd}, which names the program to run and parses its options with
 * {@code twisted.python.usage}, as this does with {@link dev.jtwisted.python.usage.ArgParser}
 * ({@code --key value}, {@code --flag}, positional arguments).
 *
 * <p>A sample is one class implementing {@link dev.jtwisted.samples.Sample}, in a package of its
 * own, plus one line in the registry ({@code Samples.builtIn()}).
 */
package dev.jtwisted.samples;
