package dev.jtwisted.samples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtwisted.internet.task.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store and its expiries, on a fake clock. */
class KeyValueStoreTest {
    private final Clock clock = new Clock();
    private final KeyValueStore store = new KeyValueStore(clock, 15);

    @Nested
    class GetSetDelete {
        @Test
        void getsWhatWasSetAndTheLatestValue() {
            store.set("a", "1");
            store.set("a", "2");
            assertEquals("2", store.get("a"));
            assertEquals(1, store.size());
        }

        @Test
        void getOfAKeyNeverSetThrowsKeyNotFoundNamingIt() {
            KeyNotFound e = assertThrows(KeyNotFound.class, () -> store.get("nope"));
            assertEquals("nope", e.key());
            assertEquals("not found: nope", e.getMessage());
        }

        @Test
        void deleteRemovesTheValueAndItsTimeout() {
            store.set("a", "1");
            store.delete("a");
            assertThrows(KeyNotFound.class, () -> store.get("a"));
            assertEquals(0, clock.getDelayedCalls().size());
        }

        @Test
        void deleteOfAKeyNeverSetThrowsKeyNotFound() {
            assertThrows(KeyNotFound.class, () -> store.delete("nope"));
        }
    }

    @Nested
    class Expiry {
        @Test
        void aValueLivesForTheTtlThenIsGone() {
            store.set("a", "1");
            clock.advance(14.5);
            assertEquals("1", store.get("a"));
            clock.advance(0.5);
            assertThrows(KeyNotFound.class, () -> store.get("a"));
            assertEquals(0, store.size());
            assertEquals(0, clock.getDelayedCalls().size());
        }

        @Test
        void aNewSetRestartsTheTtlWithTheSameDelayedCall() {
            store.set("a", "1");
            clock.advance(10);
            store.set("a", "2");
            assertEquals(1, clock.getDelayedCalls().size(), "reset, not a second timer");
            clock.advance(10);
            assertEquals("2", store.get("a"), "the first set's timeout must not delete the refreshed value");
            clock.advance(5);
            assertThrows(KeyNotFound.class, () -> store.get("a"));
        }

        @Test
        void aKeySetAgainAfterADeleteGetsAFullTtl() {
            store.set("a", "1");
            clock.advance(10);
            store.delete("a");
            store.set("a", "2");
            clock.advance(14);
            assertEquals("2", store.get("a"));
            clock.advance(1);
            assertThrows(KeyNotFound.class, () -> store.get("a"));
        }

        @Test
        void eachKeyHasItsOwnTimeout() {
            store.set("a", "1");
            clock.advance(5);
            store.set("b", "2");
            clock.advance(10);
            assertThrows(KeyNotFound.class, () -> store.get("a"));
            assertEquals("2", store.get("b"));
        }

        @Test
        void aFractionalTtlWorks() {
            KeyValueStore quick = new KeyValueStore(clock, 0.05);
            quick.set("a", "1");
            clock.advance(0.04);
            assertEquals("1", quick.get("a"));
            clock.advance(0.02);
            assertThrows(KeyNotFound.class, () -> quick.get("a"));
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
        void aTtlThatIsNotAPositiveFiniteNumberIsRefused(double ttl) {
            assertThrows(IllegalArgumentException.class, () -> new KeyValueStore(clock, ttl));
        }
    }
}
