/**
 * A mutex between processes made of a symbolic link naming the owner's pid, compatible with
 * Twisted's: a Twisted process and a jtwisted one honour each other's locks.
 * Twisted: {@code twisted.python.lockfile}.
 */
package dev.jtwisted.python.lockfile;
