/**
 * Running an application's service tree on a reactor: started when the reactor runs, stopped
 * (and waited for) before it shuts down. The {@code twistd} runner
 * ({@link dev.jtwisted.scripts.Twistd}) does this for its plugins; a program with a
 * {@code main} of its own can call {@link dev.jtwisted.application.app.App#startApplication}
 * and run the reactor.
 * Twisted: {@code twisted.application.app}.
 */
package dev.jtwisted.application.app;
