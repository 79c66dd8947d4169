package dev.jtwisted.internet.utils;

/**
 * What a process that exited wrote and how it exited: the result of
 * {@link Utils#getProcessOutputAndValue}. A record of arrays: compare the arrays, not the records.
 *
 * <p>Twisted: the {@code (out, err, code)} tuple of {@code getProcessOutputAndValue}.
 *
 * @param out everything it wrote to stdout
 * @param err everything it wrote to stderr
 * @param code its exit code
 */
public record OutputAndValue(byte[] out, byte[] err, int code) {}
