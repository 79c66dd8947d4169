package dev.jtwisted.scripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code --pidfile}: holds the runner's process id, in decimal, while it runs, so that a
 * second copy started by mistake refuses to start, and scripts can find the process.
 *
 * <p>Rules: a file naming a live process refuses the start; one naming a process that has
 * exited is stale and is removed; one naming this very process is stale too (a container that
 * restarts its program keeps its files and gives it the same pid, often 1); one that does not
 * hold a number refuses the start, as it may belong to something else. The file is created
 * exclusively, so two runners started at once cannot both own it, and is removed at exit only
 * if it still names this process.
 *
 * <p>Twisted: {@code twisted.scripts._twistd_unix.checkPID}, {@code UnixApplicationRunner}'s
 * {@code setupEnvironment} (which writes it) and {@code removePID}.
 */
final class PidFile {
    private final Path path;

    PidFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    Path path() {
        return path;
    }

    /**
     * Checks that no other live process owns the file, removing it if it is stale.
     *
     * @param self this process's id
     * @param note told, in one line, when a stale file is removed
     * @throws StartError if a live process owns it, or it cannot be read or removed
     */
    void check(long self, Consumer<String> note) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new StartError("cannot read pid file " + path + ": " + e);
        }
        long pid;
        try {
            pid = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new StartError("pid file " + path + " does not hold a process id (it holds '"
                    + abbreviate(text.strip()) + "'); remove it if it is not in use");
        }
        if (pid != self && isAlive(pid)) {
            throw new StartError("pid file " + path + " names process " + pid + ", which is running;"
                    + " stop it first, or use another --pidfile");
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new StartError("cannot remove the stale pid file " + path + ": " + e);
        }
        note.accept("Removed stale pid file " + path + " (process " + pid
                + (pid == self ? " is this one: a restart that kept the pid" : " has exited") + ")");
    }

    /**
     * Creates the file holding {@code pid}.
     *
     * @throws StartError if it exists (another runner created it since {@link #check}) or
     *     cannot be written
     */
    void write(long pid) {
        try {
            Files.writeString(path, pid + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new StartError("pid file " + path + " appeared while starting: another runner is starting");
        } catch (IOException e) {
            throw new StartError("cannot write pid file " + path + ": " + e);
        }
    }

    /**
     * Removes the file if it still names {@code pid}.
     *
     * @return why it was not removed, or null if it was (or was already gone)
     */
    String remove(long pid) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (!text.equals(Long.toString(pid))) {
                return "pid file " + path + " now holds '" + abbreviate(text) + "', not " + pid + "; leaving it";
            }
            Files.deleteIfExists(path);
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "cannot remove pid file " + path + ": " + e;
        }
    }

    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    @Override
    public String toString() {
        return "PidFile(" + path + ")";
    }
}
