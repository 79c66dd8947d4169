package dev.jtwisted.samples.kv;

import dev.jtwisted.protocols.basic.LineReceiver;
import java.util.Objects;

/**
 * The kv server's side of a connection: one command per line, one reply line per command, in
 * order. Fields are separated by single spaces; lines end with {@code \r\n} and are UTF-8.
 * <pre>
 * get KEY          -> VALUE | not found
 * set KEY VALUE    -> stored            (VALUE is the rest of the line: spaces kept, may be empty)
 * delete KEY       -> deleted | not found
 * </pre>
 * Anything else is answered with one {@code error: ...} line and the connection stays open:
 * {@code error: unknown command}, {@code error: wrong number of arguments},
 * {@code error: empty key}, and {@code error: reserved value} for a value that {@code get}
 * could not return unambiguously ({@code not found}, or starting with {@code error:}), since
 * {@code get} answers with the bare value. A line longer than {@code MAX_LENGTH} (16384 bytes)
 * closes this connection only ({@code LineReceiver}'s rule).
 *
 * <p>Every connection shares the one store of its {@link KeyValueFactory}.
 *
 * <p>Twisted: the training's {@code keyvalue_server.py}, {@code KeyValueStoreProtocol}, whose
 * {@code lineReceived} splits the line and calls the factory's store.
 */
final class KeyValueProtocol extends LineReceiver {
    static final String STORED = "stored";
    static final String DELETED = "deleted";
    static final String NOT_FOUND = "not found";
    static final String UNKNOWN_COMMAND = "error: unknown command";
    static final String WRONG_NUMBER_OF_ARGUMENTS = "error: wrong number of arguments";
    static final String EMPTY_KEY = "error: empty key";
    static final String RESERVED_VALUE = "error: reserved value";

    private final KeyValueStore store;

    KeyValueProtocol(KeyValueStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void lineReceived(byte[] line) {
        sendLine(answer(decode(line)));
    }

    /** The reply to one command line. */
    private String answer(String line) {
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        switch (command) {
            case "get": {
                String[] words = line.split(" ", -1);
                if (words.length != 2) {
                    return WRONG_NUMBER_OF_ARGUMENTS;
                }
                if (words[1].isEmpty()) {
                    return EMPTY_KEY;
                }
                try {
                    return store.get(words[1]);
                } catch (KeyNotFound e) {
                    return NOT_FOUND;
                }
            }
            case "set": {
                String[] words = line.split(" ", 3);
                if (words.length != 3) {
                    return WRONG_NUMBER_OF_ARGUMENTS;
                }
                if (words[1].isEmpty()) {
                    return EMPTY_KEY;
                }
                if (isReserved(words[2])) {
                    return RESERVED_VALUE;
                }
                store.set(words[1], words[2]);
                return STORED;
            }
            case "delete": {
                String[] words = line.split(" ", -1);
                if (words.length != 2) {
                    return WRONG_NUMBER_OF_ARGUMENTS;
                }
                if (words[1].isEmpty()) {
                    return EMPTY_KEY;
                }
                try {
                    store.delete(words[1]);
                    return DELETED;
                } catch (KeyNotFound e) {
                    return NOT_FOUND;
                }
            }
            default:
                return UNKNOWN_COMMAND;
        }
    }

    /** Whether {@code get} could not send {@code value} back without it reading as another reply. */
    static boolean isReserved(String value) {
        return value.equals(NOT_FOUND) || value.startsWith("error:");
    }
}
