package dev.jtwisted.python.lockfile;

import java.io.IOException;

/**
 * The functions of Twisted's lockfile module.
 *
 * <p>Twisted: {@code twisted.python.lockfile}.
 */
public final class Lockfile {
    private Lockfile() {}

    /**
     * Whether a live process holds the lock at {@code name}. Finds out by taking it and letting
     * it go at once, so a stale lock is removed on the way.
     *
     * <p>Twisted: {@code lockfile.isLocked}.
     *
     * @throws IOException as {@link FilesystemLock#lock()}
     */
    public static boolean isLocked(String name) throws IOException {
        FilesystemLock lock = new FilesystemLock(name);
        boolean taken = lock.lock();
        if (taken) {
            lock.unlock();
        }
        return !taken;
    }
}
