package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GatherResultsTest {

    @Nested
    class Success {

        @Test
        void firesWithTheResultsInInputOrderWhenAllSucceed() {
            // Twisted: test_defer.DeferredTests.test_gatherResults (first half)
            Deferred<List<Integer>> d = Defer.gatherResults(List.of(Defer.succeed(1), Defer.succeed(2)));
            assertEquals(List.of(1, 2), successResultOf(d));
        }

        @Test
        void waitsForTheLastDeferredAndKeepsInputOrder() {
            Deferred<String> first = new Deferred<>();
            Deferred<String> second = new Deferred<>();
            Deferred<List<String>> gathered = Defer.gatherResults(List.of(first, second));

            second.callback("b");
            assertNoResult(gathered);
            first.callback("a");

            assertEquals(List.of("a", "b"), successResultOf(gathered));
        }

        @Test
        void firesAtOnceWithAnEmptyListWhenGivenNoDeferreds() {
            assertEquals(List.of(), successResultOf(Defer.<String>gatherResults(List.of())));
        }

        @Test
        void keepsNullResults() {
            Deferred<List<String>> d =
                    Defer.gatherResults(List.of(Defer.succeed("a"), Defer.<String>succeed(null)));
            assertEquals(Arrays.asList("a", null), successResultOf(d));
        }

        @Test
        void firesWithAListThatCannotBeModified() {
            List<String> results = successResultOf(Defer.gatherResults(List.of(Defer.succeed("a"))));
            assertThrows(UnsupportedOperationException.class, () -> results.add("b"));
        }
    }

    @Nested
    class Failing {

        @Test
        void failsWithAFirstErrorAsSoonAsOneFails() {
            // Twisted: test_defer.DeferredTests.test_gatherResults (second half)
            IllegalArgumentException error = new IllegalArgumentException("bad");
            Deferred<Integer> bad = Defer.fail(error);
            Deferred<Integer> pending = new Deferred<>();
            Deferred<List<Integer>> gathered =
                    Defer.gatherResults(List.of(Defer.succeed(1), bad, pending));

            FirstError firstError = (FirstError) failureResultOf(gathered, FirstError.class).value();
            assertEquals(1, firstError.index());
            assertSame(error, firstError.subFailure().value());
            bad.addErrback(f -> 1); // get rid of the error
        }

        @Test
        void leavesTheFailureOnItsDeferredByDefault() {
            Deferred<Integer> bad = Defer.fail(new IllegalArgumentException("bad"));
            Deferred<List<Integer>> gathered = Defer.gatherResults(List.of(bad));
            failureResultOf(gathered, FirstError.class);
            failureResultOf(bad, IllegalArgumentException.class);
        }

        @Test
        void turnsTheFailureIntoNullOnItsDeferredWithConsumeErrors() {
            // Twisted: test_defer.DeferredTests.test_gatherResultsWithConsumeErrors
            Deferred<Integer> good = Defer.succeed(1);
            Deferred<Integer> bad = Defer.fail(new IllegalStateException("oh noes"));
            Deferred<List<Integer>> gathered = Defer.gatherResults(List.of(good, bad), true);

            List<Failure> unconsumed = new ArrayList<>();
            bad.addErrback(f -> {
                unconsumed.add(f);
                return null;
            });
            Failure gatheredFailure = failureResultOf(gathered, FirstError.class);

            assertEquals(List.of(), unconsumed);
            assertNull(successResultOf(bad));
            FirstError firstError = (FirstError) gatheredFailure.value();
            assertTrue(firstError.subFailure().value() instanceof IllegalStateException);
            assertEquals("oh noes", firstError.subFailure().getErrorMessage());
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancelsEveryDeferredAndFailsWithTheFirstCancellation() {
            // Twisted: test_defer.DeferredTests.test_cancelGatherResults
            Deferred<String> one = new Deferred<>();
            Deferred<String> two = new Deferred<>();
            Deferred<List<String>> gathered = Defer.gatherResults(List.of(one, two));

            gathered.cancel();

            failureResultOf(one, CancelledError.class);
            failureResultOf(two, CancelledError.class);
            FirstError firstError = (FirstError) failureResultOf(gathered, FirstError.class).value();
            assertNotNull(firstError.subFailure().check(CancelledError.class));
        }

        @Test
        void firesWithTheResultsWhenEveryCancellerCallsBack() {
            // Twisted: test_defer.DeferredTests.test_cancelGatherResultsWithAllDeferredsCallback
            Deferred<String> one = new Deferred<>(d -> d.callback("Callback Result"));
            Deferred<String> two = new Deferred<>(d -> d.callback("Callback Result"));
            Deferred<List<String>> gathered = Defer.gatherResults(List.of(one, two));

            gathered.cancel();

            assertEquals(List.of("Callback Result", "Callback Result"), successResultOf(gathered));
        }
    }
}
