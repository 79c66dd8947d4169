package dev.jtwisted.python.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ported from Twisted's {@code twisted.test.test_lockfile.LockingTests}. */
@Timeout(30)
class FilesystemLockTest {
    @TempDir
    Path dir;

    /** The pid of a process that has exited. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.pid();
    }

    @Test // Twisted: test_lockReleasedBeforeCheck... test_lock
    void aFreeLockIsTakenCleanlyAndNamesThisProcess() throws Exception {
        Path name = dir.resolve("lock");
        FilesystemLock lock = new FilesystemLock(name.toString());
        assertTrue(lock.lock());
        assertTrue(lock.locked());
        assertTrue(lock.clean());
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readSymbolicLink(name).toString());
        lock.unlock();
        assertFalse(lock.locked());
        assertFalse(Files.exists(name, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test // Twisted: test_lockHeld... (held by a live process: this one)
    void aLockHeldByALiveProcessIsNotTaken() throws Exception {
        String name = dir.resolve("lock").toString();
        FilesystemLock first = new FilesystemLock(name);
        assertTrue(first.lock());
        assertFalse(new FilesystemLock(name).lock());
        assertTrue(Lockfile.isLocked(name));
        first.unlock();
        assertFalse(Lockfile.isLocked(name));
    }

    @Test // Twisted: test_cleanlyAcquire / test_cleanlyRelease... test_lockCleanedUp
    void aStaleLockOfADeadProcessIsTakenAndSaysSo() throws Exception {
        Path name = dir.resolve("lock");
        Files.createSymbolicLink(name, Path.of(Long.toString(deadPid())));
        FilesystemLock lock = new FilesystemLock(name.toString());
        assertTrue(lock.lock());
        assertFalse(lock.clean(), "a dead owner's lock was cleaned up");
        lock.unlock();
    }

    @Test // Twisted: test_unlockOther
    void unlockingAnotherProcesssLockIsAnError() throws Exception {
        Path name = dir.resolve("lock");
        Files.createSymbolicLink(name, Path.of("1"));
        assertThrows(IllegalStateException.class, () -> new FilesystemLock(name.toString()).unlock());
    }

    @Test
    void aLockThatNamesNoPidIsNotTaken() throws Exception {
        Path name = dir.resolve("lock");
        Files.createSymbolicLink(name, Path.of("not-a-pid"));
        assertFalse(new FilesystemLock(name.toString()).lock());
    }
}
