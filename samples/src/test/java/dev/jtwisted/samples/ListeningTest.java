package dev.jtwisted.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtwisted.internet.IAddress;
import dev.jtwisted.internet.IPv4Address;
import dev.jtwisted.internet.IPv6Address;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The listening line's address; ContextTest and the server samples' tests cover the service. */
class ListeningTest {
    @Nested
    class HostAndPort {
        @Test
        void isHostColonPortForIpv4() {
            assertEquals("10.0.0.1:80", Listening.hostAndPort(new IPv4Address("TCP", "10.0.0.1", 80)));
        }

        @Test
        void putsAnIpv6HostInBrackets() {
            assertEquals("[fe80::1]:80", Listening.hostAndPort(new IPv6Address("TCP", "fe80::1", 80)));
        }

        @Test
        void isTheAddressItselfForOtherKinds() {
            IAddress unix = new IAddress() {
                @Override
                public String toString() {
                    return "UNIXAddress(/tmp/echo.sock)";
                }
            };
            assertEquals("UNIXAddress(/tmp/echo.sock)", Listening.hostAndPort(unix));
        }
    }
}
