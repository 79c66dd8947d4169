/**
 * The samples launcher: {@code java -jar jtwisted-samples.jar NAME [options]} picks a ported
 * Twisted program by name, parses its options and runs it.
 * Twisted: {@code twistd} and {@code twisted.python.usage}, which name the program to run and
 * parse its options the same way ({@code --key value}, {@code --flag}, positional arguments).
 *
 * <p>A sample is one class implementing {@link dev.jtwisted.samples.Sample}, in a package of its
 * own, plus one line in the registry ({@code Samples.builtIn()}).
 */
package dev.jtwisted.samples;
