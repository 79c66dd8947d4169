/**
 * Services that run servers, clients and timers on the reactor: they listen, connect or start
 * calling when started, and stop listening, disconnect or stop calling when stopped.
 * Twisted: {@code twisted.application.internet}.
 *
 * <p>Prefer {@link dev.jtwisted.application.internet.StreamServerEndpointService} (or
 * {@code Strports.service("tcp:8080", factory)}) for servers, as Twisted advises;
 * {@link dev.jtwisted.application.internet.TCPServer} and
 * {@link dev.jtwisted.application.internet.TCPClient} pass their arguments straight to
 * {@code listenTCP} and {@code connectTCP}. Of Twisted's other transports (UNIX, SSL, UDP,
 * multicast), none is here yet, nor {@code ClientService} or {@code CooperatorService}.
 *
 * <p>Threads: started and stopped on the reactor thread, as every service is.
 */
package dev.jtwisted.application.internet;
