/**
 * The samples registered as {@code twistd} plugins: one small class per server sample, listed
 * in {@code META-INF/services/dev.jtwisted.application.service.IServiceMaker}, so that
 * {@code twistd echo-line --port 8000} finds it. {@link java.util.ServiceLoader} needs a public
 * class with a public no-argument constructor for each; each hands everything to its sample.
 * Twisted: the {@code twisted.plugins} package, whose modules hold the {@code IServiceMaker}s
 * that {@code twistd} lists.
 */
package dev.jtwisted.samples.plugins;
