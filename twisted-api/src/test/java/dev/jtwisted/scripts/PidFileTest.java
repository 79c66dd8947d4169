package dev.jtwisted.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pid file's rules, on a temporary directory, with real processes: a live one is a child
 * that waits on its standard input, a stale one a child that has exited and been reaped.
 * Twisted: {@code test_twistd.UnixApplicationRunnerSetupEnvironmentTests} and the
 * {@code checkPID} cases of {@code test_twistd}.
 */
@Timeout(60)
class PidFileTest {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    private final List<String> notes = new ArrayList<>();

    private Path file() {
        return tmp.resolve("twistd.pid");
    }

    private static long exitedPid() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        return exited.pid();
    }

    @Nested
    class Checking {
        @Test
        void passesWhenThereIsNoFile() {
            new PidFile(file()).check(SELF, notes::add);
            assertEquals(List.of(), notes);
        }

        @Test // Twisted: test_twistd.CheckPIDTests.test_anotherRunning
        void refusesWhenALiveProcessOwnsIt() throws Exception {
            Process live = new ProcessBuilder("cat").start();
            try {
                Files.writeString(file(), live.pid() + "\n");
                StartError e = assertThrows(StartError.class, () -> new PidFile(file()).check(SELF, notes::add));
                assertEquals("pid file " + file() + " names process " + live.pid()
                        + ", which is running; stop it first, or use another --pidfile", e.getMessage());
                assertEquals(live.pid() + "\n", Files.readString(file()));
            } finally {
                live.destroyForcibly().waitFor();
            }
        }

        @Test // Twisted: test_twistd.CheckPIDTests.test_stale
        void removesAStaleFileWhoseProcessHasExited() throws Exception {
            long pid = exitedPid();
            Files.writeString(file(), Long.toString(pid));

            new PidFile(file()).check(SELF, notes::add);

            assertFalse(Files.exists(file()));
            assertEquals(List.of("Removed stale pid file " + file() + " (process " + pid + " has exited)"), notes);
        }

        @Test
        void takesAFileNamingThisVeryProcessAsStaleAsAfterAContainerRestart() throws Exception {
            Files.writeString(file(), SELF + "\n");

            new PidFile(file()).check(SELF, notes::add);

            assertFalse(Files.exists(file()));
            assertEquals(1, notes.size());
        }

        @Test // Twisted: test_twistd.CheckPIDTests.test_nonNumeric
        void refusesAFileThatDoesNotHoldANumber() throws Exception {
            Files.writeString(file(), "hello\n");
            StartError e = assertThrows(StartError.class, () -> new PidFile(file()).check(SELF, notes::add));
            assertEquals("pid file " + file() + " does not hold a process id (it holds 'hello'); remove it if it "
                    + "is not in use", e.getMessage());
            assertEquals("hello\n", Files.readString(file()));
        }

        @Test
        void refusesAFileItCannotRead() throws Exception {
            Files.createDirectory(file());
            StartError e = assertThrows(StartError.class, () -> new PidFile(file()).check(SELF, notes::add));
            assertEquals("cannot read pid file " + file() + ": java.io.IOException: Is a directory", e.getMessage());
        }
    }

    @Nested
    class Writing {
        @Test
        void putsThePidOnOneLine() throws Exception {
            new PidFile(file()).write(1234);
            assertEquals("1234\n", Files.readString(file()));
        }

        @Test
        void refusesWhenTheFileAppearedSinceTheCheck() throws Exception {
            Files.writeString(file(), "99\n");
            StartError e = assertThrows(StartError.class, () -> new PidFile(file()).write(1234));
            assertEquals("pid file " + file() + " appeared while starting: another runner is starting", e.getMessage());
            assertEquals("99\n", Files.readString(file()));
        }

        @Test
        void refusesWhenTheDirectoryIsMissing() {
            Path missing = tmp.resolve("nowhere").resolve("x.pid");
            StartError e = assertThrows(StartError.class, () -> new PidFile(missing).write(1234));
            assertEquals("cannot write pid file " + missing + ": java.nio.file.NoSuchFileException: " + missing,
                    e.getMessage());
        }
    }

    @Nested
    class Removing {
        @Test
        void deletesAFileNamingThisProcess() throws Exception {
            PidFile pidFile = new PidFile(file());
            pidFile.write(1234);
            assertNull(pidFile.remove(1234));
            assertFalse(Files.exists(file()));
        }

        @Test
        void leavesAFileSomeoneElseHasTakenOver() throws Exception {
            Files.writeString(file(), "99\n");
            assertEquals("pid file " + file() + " now holds '99', not 1234; leaving it",
                    new PidFile(file()).remove(1234));
            assertEquals("99\n", Files.readString(file()));
        }

        @Test
        void doesNotMindAFileThatIsGone() {
            assertNull(new PidFile(file()).remove(1234));
        }
    }
}
