package dev.jtwisted.internet;

/**
 * Everything a reactor offers, as one type for code that needs "the reactor".
 *
 * <p>Twisted: the reactor object, which provides all of these interfaces.
 */
public interface IReactor extends IReactorCore, IReactorTime, IReactorTCP, IReactorThreads,
        IReactorProcess, IReactorUDP, IReactorMulticast, IReactorUNIX, IReactorSSL {}
