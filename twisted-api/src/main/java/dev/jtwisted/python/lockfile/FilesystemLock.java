package dev.jtwisted.python.lockfile;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A lock held by this process: a symbolic link at {@code name} whose target is the owner's pid.
 * Creating a symbolic link is atomic, so two processes cannot both take it; a lock whose owner
 * has died is stale, and the next {@link #lock()} removes it and takes it (then {@link #clean()}
 * is false, telling the caller to tidy up after the dead owner).
 *
 * <p>Threads: one object per user; the file system arbitrates between processes.
 *
 * <p>Twisted: {@code twisted.python.lockfile.FilesystemLock}, the same format, so the two
 * interoperate.
 */
public final class FilesystemLock {
    private final Path name;
    private boolean locked;
    private boolean clean;

    /** A lock at {@code name}, not yet taken. */
    public FilesystemLock(String name) {
        this.name = Path.of(Objects.requireNonNull(name, "name"));
    }

    /**
     * Takes the lock if it is free or its owner has died.
     *
     * @return whether this process now holds it; false if a live process (this one included,
     *     through another lock object) holds it, or the link does not name a pid
     * @throws IOException if the link cannot be made or read for another reason (no such
     *     directory, no permission...)
     */
    public boolean lock() throws IOException {
        boolean wasClean = true;
        while (true) {
            try {
                Files.createSymbolicLink(name, Path.of(Long.toString(ProcessHandle.current().pid())));
            } catch (FileAlreadyExistsException e) {
                String owner;
                try {
                    owner = Files.readSymbolicLink(name).toString();
                } catch (NoSuchFileException gone) {
                    continue; // released meanwhile: try again
                }
                Long pid = parsePid(owner);
                if (pid == null || ProcessHandle.of(pid).isPresent()) {
                    return false;
                }
                try {
                    Files.delete(name);
                } catch (NoSuchFileException gone) {
                    continue; // another process cleaned it up first: race it for the lock
                }
                wasClean = false;
                continue;
            }
            locked = true;
            clean = wasClean;
            return true;
        }
    }

    private static Long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalStateException if the lock is held by another process
     * @throws IOException if the link cannot be read or removed (it is gone, for instance)
     */
    public void unlock() throws IOException {
        String owner = Files.readSymbolicLink(name).toString();
        if (!owner.equals(Long.toString(ProcessHandle.current().pid()))) {
            throw new IllegalStateException("Lock " + name + " not owned by this process (owner: " + owner + ")");
        }
        Files.delete(name);
        locked = false;
    }

    /** Whether this object holds the lock. */
    public boolean locked() {
        return locked;
    }

    /** Whether the last successful {@link #lock()} found no stale lock left by a dead owner. */
    public boolean clean() {
        return clean;
    }

    /** The lock's path. */
    public String name() {
        return name.toString();
    }

    @Override
    public String toString() {
        return "FilesystemLock(" + name + (locked ? ", locked" : "") + ")";
    }
}
