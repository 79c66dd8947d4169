/**
 * Command-line programs: the {@code twistd}-style runner ({@link dev.jtwisted.scripts.Twistd}),
 * which runs an application's services in the foreground until SIGTERM or SIGINT, and
 * {@link dev.jtwisted.scripts.StopOnSignal}, which turns those signals into a clean
 * {@code reactor.stop()} and exit status for any program's {@code main}.
 * Twisted: {@code twisted.scripts.twistd}, with the parts of {@code twisted.application.app}
 * ({@code ServerOptions}, {@code ApplicationRunner}) and {@code twisted.scripts._twistd_unix}
 * (the pid file) that only the runner uses.
 */
package dev.jtwisted.scripts;
