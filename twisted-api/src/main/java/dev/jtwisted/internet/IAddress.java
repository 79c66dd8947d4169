package dev.jtwisted.internet;

/**
 * The address of one end of a connection or of a listening port.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IAddress}.
 */
public interface IAddress {}
