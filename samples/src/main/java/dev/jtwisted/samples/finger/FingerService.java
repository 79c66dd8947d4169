package dev.jtwisted.samples.finger;

import dev.jtwisted.application.service.Service;
import dev.jtwisted.internet.defer.Defer;
import dev.jtwisted.internet.defer.Deferred;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the users and their statuses, and makes the factories that serve them: one for finger
 * queries and one for the setter. The protocols only ever talk to their factories, and the
 * factories to this service, so a new way of keeping users changes this class alone.
 *
 * <p>The users come from the constructor, or from a file of {@code user:status} lines (the
 * status may contain colons; blank lines are skipped) which {@link #update()} reads and
 * {@link #reload()}, run by a {@code TimerService}, re-reads. A file that cannot be read or
 * has a bad line changes nothing: the last good users stay, and the error names the file and
 * the line. A reload replaces every user, those set through the setter included, as in the
 * tutorial.
 *
 * <p>Threads: everything runs on the reactor thread.
 *
 * <p>Twisted: the tutorial's {@code FingerService(service.Service)}, in its two versions:
 * with the users as keyword arguments ("Integrating Several Services: The Smart Way"), and
 * with a file name and {@code update()} ("Periodic Tasks").
 */
final class FingerService extends Service {
    private static final Logger log = LoggerFactory.getLogger(FingerService.class);

    /** The users of a server started without a file. */
    static final Map<String, String> DEFAULT_USERS = Map.of("moshez", "Happy and well");

    private final Path filename;
    private Map<String, String> users;
    private String lastError;

    /** Serves {@code users}, and no file. Twisted: {@code FingerService(moshez='Happy and well')}. */
    FingerService(Map<String, String> users) {
        this.filename = null;
        this.users = new HashMap<>(users);
    }

    /**
     * Serves the users of {@code filename}, read now.
     *
     * @throws IOException if the file cannot be read or has a bad line; the message names the
     *     file, and the line
     */
    FingerService(Path filename) throws IOException {
        this.filename = Objects.requireNonNull(filename, "filename");
        this.users = new HashMap<>();
        update();
    }

    /**
     * Reads the users file and, if all of it is good, makes its users the only ones.
     * Twisted: {@code update}, which reads {@code user, status = line[:-1].split(':', 1)}.
     *
     * @throws IOException if it cannot be read or has a bad line; the users are left as they were
     * @throws IllegalStateException if this service has no file
     */
    void update() throws IOException {
        if (filename == null) {
            throw new IllegalStateException("this FingerService has no users file");
        }
        users = read(filename);
        lastError = null;
    }

    /**
     * {@link #update()}, logging a failure instead of throwing it, so that one bad edit of the
     * file does not stop the timer that calls this: the next good version is picked up. The
     * same error is logged once, however many reloads meet it. Twisted: the tutorial's
     * {@code TimerService(30, f.update)}, whose first bad line would stop the timer.
     */
    void reload() {
        String before = lastError;
        try {
            update();
            if (before != null) {
                log.info("users file {} is good again: {} users", filename, users.size());
            }
        } catch (IOException e) {
            lastError = e.getMessage();
            // Said once per new error, not on every tick while the file stays bad.
            if (!lastError.equals(before)) {
                log.error("{}; keeping the {} users read before", lastError, users.size());
            }
        }
    }

    /** Why the last {@link #reload()} failed, or null if it worked. */
    String lastError() {
        return lastError;
    }

    /** The users file, or null. */
    Path filename() {
        return filename;
    }

    /** Twisted: {@code getUser}, {@code defer.succeed(self.users.get(user, "No such user"))}. */
    Deferred<String> getUser(String user) {
        return Defer.succeed(users.getOrDefault(user, "No such user"));
    }

    /** Twisted: {@code self.users.__setitem__}. */
    void setUser(String user, String status) {
        log.info("{}: {} is now '{}'", this, user, status);
        users.put(user, status);
    }

    /** A factory for the finger port. Twisted: {@code getFingerFactory}. */
    FingerFactory getFingerFactory() {
        return new FingerFactory(this::getUser);
    }

    /** A factory for the setter port. Twisted: {@code getFingerSetterFactory}. */
    FingerSetterFactory getFingerSetterFactory() {
        return new FingerSetterFactory(this::setUser);
    }

    /** Reads a users file, all or nothing. */
    static Map<String, String> read(Path filename) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(filename, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("users file " + filename + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new IOException("users file " + filename + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IOException("users file " + filename + ": cannot read it: " + e, e);
        }
        Map<String, String> read = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String problem = colon < 0 ? "no ':' between user and status"
                    : colon == 0 ? "empty user name before ':'" : null;
            if (problem != null) {
                throw new IOException("users file " + filename + " line " + (i + 1) + ": " + problem + " in '"
                        + line + "' (each line is user:status)");
            }
            read.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return read;
    }

    @Override
    public String toString() {
        return "FingerService(" + (filename != null ? filename : users.size() + " users") + ")";
    }
}
