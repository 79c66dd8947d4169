package dev.jtwisted.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.task.Clock;
import dev.jtwisted.testing.LogCapture;
import dev.jtwisted.python.failure.Failure;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReconnectingClientFactoryTest {
    private static final double E = Math.E;
    private static final Failure REFUSED = new Failure(new ConnectionRefusedError("refused"));

    private final Clock clock = new Clock();
    private final FakeConnector connector = new FakeConnector();

    /** A factory on the test clock, without jitter so delays are exact. */
    private ReconnectingClientFactory exactFactory() {
        ReconnectingClientFactory f = new ReconnectingClientFactory(clock);
        f.jitter = 0;
        return f;
    }

    /** A Random whose every Gaussian draw is {@code value}. */
    private static Random gaussianAlways(double value) {
        return new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized double nextGaussian() {
                return value;
            }
        };
    }

    @Nested
    class Defaults {
        @Test
        void areTwisteds() {
            ReconnectingClientFactory f = new ReconnectingClientFactory();
            assertEquals(3600, f.maxDelay);
            assertEquals(1.0, f.initialDelay);
            assertEquals(2.7182818284590451, f.factor);
            assertEquals(0.119626565582, f.jitter);
            assertNull(f.maxRetries);
            assertNull(f.clock());
            assertEquals(1.0, f.delay());
            assertEquals(0, f.retries());
            assertTrue(f.continueTrying());
        }
    }

    @Nested
    class Retrying {
        @Test // Twisted: test_factories.ReconnectingFactoryTests.test_parametrizedClock
        void aLostConnectionSchedulesOneCallOnTheGivenClock() {
            ReconnectingClientFactory f = new ReconnectingClientFactory();
            f.setClock(clock);
            f.clientConnectionLost(connector, REFUSED);
            assertEquals(1, clock.getDelayedCalls().size());
        }

        @Test
        void aFailedAttemptConnectsAgainAfterInitialDelayTimesFactor() {
            ReconnectingClientFactory f = exactFactory();
            f.clientConnectionFailed(connector, REFUSED);
            assertEquals(E, clock.getDelayedCalls().get(0).getTime(), 1e-12);
            assertSame(connector, f.connector());

            clock.advance(E - 0.001);
            assertEquals(0, connector.connects);
            clock.advance(0.001);
            assertEquals(1, connector.connects);
            assertTrue(clock.getDelayedCalls().isEmpty());
        }

        @Test
        void eachConsecutiveFailureWaitsFactorTimesLonger() {
            ReconnectingClientFactory f = exactFactory();
            double expected = 1.0;
            for (int i = 1; i <= 4; i++) {
                f.clientConnectionFailed(connector, REFUSED);
                expected *= E;
                assertEquals(expected, f.delay(), 1e-9, "retry " + i);
                assertEquals(i, f.retries());
                clock.advance(f.delay());
                assertEquals(i, connector.connects);
            }
        }

        @Test
        void theDelayStopsGrowingAtMaxDelay() {
            ReconnectingClientFactory f = exactFactory();
            f.maxDelay = 10;
            for (int i = 0; i < 5; i++) {
                f.clientConnectionFailed(connector, REFUSED);
                clock.advance(f.delay());
            }
            assertEquals(10, f.delay());
        }

        @Test
        void jitterSpreadsTheDelayByAGaussianFractionOfIt() {
            ReconnectingClientFactory f = new ReconnectingClientFactory(clock);
            f.random = gaussianAlways(1.0);
            f.clientConnectionFailed(connector, REFUSED);
            assertEquals(E * (1 + 0.119626565582), f.delay(), 1e-12);
        }

        @Test
        void aSeededRandomGivesRepeatableDelays() {
            ReconnectingClientFactory a = new ReconnectingClientFactory(new Clock());
            ReconnectingClientFactory b = new ReconnectingClientFactory(new Clock());
            a.random = new Random(42);
            b.random = new Random(42);
            a.clientConnectionFailed(connector, REFUSED);
            b.clientConnectionFailed(connector, REFUSED);
            assertEquals(a.delay(), b.delay());
        }

        @Test
        void jitterNeverMakesTheDelayNegative() {
            ReconnectingClientFactory f = new ReconnectingClientFactory(clock);
            f.random = gaussianAlways(-100);
            f.clientConnectionFailed(connector, REFUSED);
            assertEquals(0, f.delay());
            clock.advance(0);
            assertEquals(1, connector.connects);
        }

        @Test
        void givesUpAfterMaxRetriesAndSaysSo() {
            LogCapture.clear();
            ReconnectingClientFactory f = exactFactory();
            f.maxRetries = 2;
            f.clientConnectionFailed(connector, REFUSED);
            clock.advance(f.delay());
            f.clientConnectionFailed(connector, REFUSED);
            clock.advance(f.delay());
            f.clientConnectionFailed(connector, REFUSED);

            assertEquals(2, connector.connects);
            assertTrue(clock.getDelayedCalls().isEmpty());
            assertEquals(1, LogCapture.containing("Abandoning " + connector + " after 3 retries.").size());
        }

        @Test
        void logsWhenItWillRetryInWholeSecondsWhenNoisy() {
            LogCapture.clear();
            ReconnectingClientFactory f = exactFactory();
            f.clientConnectionFailed(connector, REFUSED);
            assertEquals(1, LogCapture.containing(connector + " will retry in 2 seconds").size());
        }

        @Test
        void isSilentWhenNotNoisy() {
            LogCapture.clear();
            ReconnectingClientFactory f = exactFactory();
            f.noisy = false;
            f.clientConnectionFailed(connector, REFUSED);
            assertTrue(LogCapture.containing("will retry").isEmpty());
        }

        @Test
        void retryWithoutAnyConnectorIsAnError() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> exactFactory().retry());
            assertEquals("no connector to retry", e.getMessage());
        }

        @Test
        void retryCanBeGivenTheConnectorExplicitly() {
            ReconnectingClientFactory f = exactFactory();
            f.retry(connector);
            clock.advance(E);
            assertEquals(1, connector.connects);
            assertNull(f.connector(), "an explicit connector is not remembered, as in Twisted");
        }
    }

    @Nested
    class StoppingAndResetting {
        @BeforeEach
        void clearLogs() {
            LogCapture.clear();
        }

        @Test // Twisted: test_factories.ReconnectingFactoryTests.test_stopTryingWhenConnected
        void stopTryingWhileConnectedPreventsReconnectingWhenTheConnectionIsLost() {
            FakeConnector noConnect = new FakeConnector();
            noConnect.onStopConnecting = () -> {
                throw new AssertionError("Shouldn't be called, we're connected.");
            };
            noConnect.onConnect = () -> {
                throw new AssertionError("Shouldn't be reconnecting.");
            };
            ReconnectingClientFactory c = exactFactory();
            c.protocol = Protocol::new;
            c.buildProtocol(null);
            c.stopTrying();
            c.clientConnectionLost(noConnect, REFUSED);
            assertFalse(c.continueTrying());
            clock.advance(10_000);
        }

        @Test // Twisted: test_factories.ReconnectingFactoryTests.test_stopTryingDoesNotReconnect
        void stopTryingDoesNotRetryOnTheConnectorItStops() {
            ReconnectingClientFactory f = exactFactory();
            FakeConnector active = new FakeConnector();
            active.onStopConnecting = () -> f.clientConnectionFailed(active, REFUSED);
            f.connector = active;
            f.stopTrying();
            assertEquals(1, active.stopConnectings);
            assertEquals(0, active.connects);
            assertTrue(clock.getDelayedCalls().isEmpty());
        }

        @Test
        void stopTryingCancelsAScheduledRetry() {
            ReconnectingClientFactory f = exactFactory();
            f.clientConnectionLost(connector, REFUSED);
            f.stopTrying();
            assertTrue(clock.getDelayedCalls().isEmpty());
            clock.advance(10_000);
            assertEquals(0, connector.connects);
        }

        @Test
        void stopTryingIgnoresAConnectorThatIsNotConnecting() {
            ReconnectingClientFactory f = exactFactory();
            FakeConnector connected = new FakeConnector();
            connected.onStopConnecting = () -> {
                throw new NotConnectingError("we're not trying to connect");
            };
            f.connector = connected;
            f.stopTrying();
            assertFalse(f.continueTrying());
        }

        @Test
        void retryAfterStopTryingAbandonsAndSaysSo() {
            ReconnectingClientFactory f = exactFactory();
            f.stopTrying();
            f.retry(connector);
            assertTrue(clock.getDelayedCalls().isEmpty());
            assertEquals(1, LogCapture.containing("Abandoning " + connector + " on explicit request").size());
        }

        @Test // Twisted: test_factories.ReconnectingFactoryTests.test_deserializationResetsParameters (the state it expects)
        void resetDelayGoesBackToTheInitialDelayAndTriesAgain() {
            ReconnectingClientFactory f = exactFactory();
            f.clientConnectionFailed(connector, REFUSED);
            f.clientConnectionFailed(connector, REFUSED);
            f.stopTrying();

            f.resetDelay();
            assertEquals(1.0, f.delay());
            assertEquals(0, f.retries());
            assertTrue(f.continueTrying());

            f.clientConnectionFailed(connector, REFUSED);
            assertEquals(E, f.delay(), 1e-12);
        }
    }
}
