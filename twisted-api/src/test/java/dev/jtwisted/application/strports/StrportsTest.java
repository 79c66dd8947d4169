package dev.jtwisted.application.strports;

import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.application.internet.StreamServerEndpointService;
import dev.jtwisted.application.service.Application;
import dev.jtwisted.internet.CannotListenError;
import dev.jtwisted.internet.Factory;
import dev.jtwisted.internet.endpoints.EndpointDescriptionError;
import dev.jtwisted.internet.endpoints.TCP4ServerEndpoint;
import dev.jtwisted.internet.testing.MemoryReactor;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ports Twisted's {@code twisted.test.test_strports.ServiceTests}. */
class StrportsTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = new Factory();

    @Test // Twisted: test_strports.ServiceTests.test_service
    void serviceBuildsAnEndpointServiceThatRaisesSynchronously() {
        StreamServerEndpointService svc = Strports.service("tcp:1337", factory, reactor);
        assertTrue(svc.raiseSynchronously());
        assertInstanceOf(TCP4ServerEndpoint.class, svc.endpoint());
        assertEquals("TCP4ServerEndpoint(port=1337, backlog=50, interface='')", svc.endpoint().toString());
        assertSame(factory, svc.factory());
    }

    @Test
    void theServiceListensOnTheGivenReactorWhenStarted() {
        StreamServerEndpointService svc = Strports.service("tcp:1337:interface=127.0.0.1", factory, reactor);
        assertEquals(List.of(), reactor.tcpServers());
        svc.startService();
        assertEquals(List.of(new MemoryReactor.TCPServer(1337, factory, 50, "127.0.0.1")), reactor.tcpServers());
        assertNull(successResultOf(svc.stopService()));
        assertTrue(reactor.ports().get(0).stopped());
        assertFalse(svc.running());
    }

    @Test
    void aPortThatCannotBeBoundIsThrownFromTheStart() {
        CannotListenError inUse = new CannotListenError("Couldn't listen on any:79: in use");
        reactor.setListenException(inUse);
        Application app = new Application("finger");
        Strports.service("tcp:79", factory, reactor).setServiceParent(app);
        assertSame(inUse, assertThrows(CannotListenError.class, app::privilegedStartService));
    }

    @Test
    void aMalformedDescriptionIsRejectedAtOnce() {
        assertThrows(EndpointDescriptionError.class, () -> Strports.service("tcp:notaport", factory, reactor));
    }

    @Test
    void isAModuleOfStaticFunctions() throws Exception {
        assertTrue(Modifier.isFinal(Strports.class.getModifiers()));
        assertTrue(Modifier.isPrivate(Strports.class.getDeclaredConstructor().getModifiers()));
    }
}
