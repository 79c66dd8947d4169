package dev.jtwisted.internet;

/**
 * Everything a reactor offers, as one type for code that needs "the reactor". A later issue adds
 * the SSL interface here.
 *
 * <p>Twisted: the reactor object, which provides all of these interfaces.
 */
public interface IReactor extends IReactorCore, IReactorTime, IReactorTCP, IReactorThreads,
        IReactorProcess, IReactorUDP, IReactorMulticast, IReactorUNIX {}
