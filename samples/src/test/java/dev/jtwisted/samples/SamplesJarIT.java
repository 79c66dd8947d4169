package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real shaded jar in a child JVM, as a user would. Failsafe runs it after
 * {@code package} ({@code mvn verify}); elsewhere it is skipped when the jar is missing.
 */
@Timeout(120)
class SamplesJarIT {
    /** Set by Failsafe; the default is the module's target directory. */
    private static final Path JAR = Path.of(System.getProperty("samples.jar", "target/jtwisted-samples.jar"));

    @TempDir
    Path tmp;

    @BeforeEach
    void needsThePackagedJar() {
        assumeTrue(Files.isRegularFile(JAR), "skipped: " + JAR.toAbsolutePath()
                + " does not exist; it is built by 'mvn package' (and 'mvn verify' runs this test after it)");
    }

    /** The exit status, standard output and standard error of {@code java -jar JAR args}. */
    private record Run(int status, String out, String err) { }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path errFile = tmp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectError(errFile.toFile())
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java -jar " + String.join(" ", args) + " did not exit");
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        return new Run(process.exitValue(), out.replace(System.lineSeparator(), "\n"),
                err.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void listsTheSamples() throws Exception {
        Run run = java("--list");
        assertEquals(0, run.status(), run.err());
        assertEquals("""
                errback-demo  How a Deferred's chain switches between callbacks and errbacks (default)
                inline-demo   The errback demo as sequential code: inlineCallbacks, await and try/catch
                """, run.out());
    }

    @Test
    void runsTheDefaultSampleWithoutArgumentsAndExitsByItselfWithZero() throws Exception {
        Run run = java();
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("== 1. callback runs the callbacks, errback runs the errbacks\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void runsTheInlineDemoWithItsThreadsAndExitsWithZero() throws Exception {
        Run run = java("inline-demo");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().endsWith("[5s] onError: ERROR disk on fire\n"), run.out());
    }

    @Test
    void exitsWithTwoOnAnUnknownSample() throws Exception {
        Run run = java("no-such-sample");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("jtwisted-samples: unknown sample 'no-such-sample'\n"), run.err());
    }
}
