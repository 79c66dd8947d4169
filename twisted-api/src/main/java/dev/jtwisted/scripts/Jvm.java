package dev.jtwisted.scripts;

import java.io.PrintStream;

/**
 * What the runner changes in the JVM around it: system properties (the logging configuration
 * and the reactor's backend) and the standard streams (the log). {@link Twistd#main} uses the
 * real JVM; tests use one that records, so that they can run the runner in-process.
 */
interface Jvm {
    /** The real JVM: {@code System.getProperty}, {@code System.setProperty}, {@code System.setOut}. */
    Jvm REAL = new Jvm() {
        @Override
        public String getProperty(String key) {
            return System.getProperty(key);
        }

        @Override
        public void setProperty(String key, String value) {
            System.setProperty(key, value);
        }

        @Override
        public void redirectOutput(PrintStream log) {
            System.setOut(log);
            System.setErr(log);
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }
    };

    /** A system property, or null. */
    String getProperty(String key);

    void setProperty(String key, String value);

    /** Makes {@code log} the standard output and standard error of the whole program. */
    void redirectOutput(PrintStream log);

    /** This process's id. */
    long pid();
}
