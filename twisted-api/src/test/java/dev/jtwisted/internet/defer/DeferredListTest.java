package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.internet.defer.DeferredList.Options;
import dev.jtwisted.internet.defer.DeferredList.Outcome;
import dev.jtwisted.python.failure.Failure;
import dev.jtwisted.testing.LogCapture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeferredListTest {

    /** Twisted's {@code GenericError} of test_defer. */
    static final class GenericError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GenericError(String message) {
            super(message);
        }
    }

    /** A Deferred whose canceller calls back: Twisted's {@code fakeCallbackCanceller}. */
    static Deferred<String> callingBackOnCancel() {
        return new Deferred<>(d -> d.callback("Callback Result"));
    }

    /** Collects whatever reaches the end of {@code d}'s chain, leaving null behind. */
    static List<Object> collect(Deferred<?> d) {
        List<Object> seen = new ArrayList<>();
        d.addBoth(r -> {
            seen.add(r);
            return null;
        });
        return seen;
    }

    @Nested
    class FiringWhenAllHaveFired {

        @Test
        void firesWithOutcomesInInputOrderWhenAllHaveFired() {
            // Twisted: test_defer.DeferredTests.testDeferredList
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            Deferred<String> d3 = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(List.of(d1, d2, d3));
            List<Object> seen = collect(dl);

            d3.callback("3");
            d1.callback("1");
            d2.addErrback(f -> null); // eat the failure the list passes on
            assertEquals(List.of(), seen, "fired before the last Deferred did");
            GenericError error = new GenericError("2");
            d2.errback(error);

            assertEquals(1, seen.size());
            @SuppressWarnings("unchecked")
            List<Outcome<String>> outcomes = (List<Outcome<String>>) seen.get(0);
            assertEquals(3, outcomes.size());
            assertEquals(new Outcome<String>(true, "1", 0), outcomes.get(0));
            assertFalse(outcomes.get(1).success());
            assertSame(error, outcomes.get(1).failure().value());
            assertEquals(1, outcomes.get(1).index());
            assertEquals(new Outcome<String>(true, "3", 2), outcomes.get(2));
        }

        @Test
        void firesAtOnceWithAnEmptyListWhenGivenNoDeferreds() {
            // Twisted: test_defer.DeferredTests.testEmptyDeferredList
            // Twisted: test_defer.DeferredListEmptyTests.testDeferredListEmpty
            DeferredList<String> dl = new DeferredList<>(List.of());
            assertEquals(List.of(), successResultOf(dl));
        }

        @Test
        void neverFiresWhenEmptyAndFireOnOneCallbackIsSet() {
            // Twisted: test_defer.DeferredTests.testEmptyDeferredList (second half)
            DeferredList<String> dl =
                    new DeferredList<>(List.of(), new Options().fireOnOneCallback(true));
            assertNoResult(dl);
        }

        @Test
        void firesAtOnceWhenEveryDeferredHadAlreadyFired() {
            // Twisted: test_defer.DeferredTests.testDeferredListWithAlreadyFiredDeferreds
            Deferred<Integer> d1 = new Deferred<>();
            Deferred<Integer> d2 = new Deferred<>();
            d1.errback(new GenericError("Bang"));
            d2.callback(2);

            DeferredList<Integer> dl = new DeferredList<>(List.of(d1, d2));

            List<Outcome<Integer>> outcomes = successResultOf(dl);
            assertEquals("Bang", outcomes.get(0).failure().getErrorMessage());
            assertEquals(2, outcomes.get(1).result());
            failureResultOf(d1, GenericError.class); // swallow the error
        }

        @Test
        void holdsNullResultsAsSuccesses() {
            Deferred<String> d = Defer.succeed(null);
            List<Outcome<String>> outcomes = successResultOf(new DeferredList<>(List.of(d)));
            assertTrue(outcomes.get(0).success());
            assertNull(outcomes.get(0).result());
        }

        @Test
        void firesWithAListThatCannotBeModified() {
            List<Outcome<String>> outcomes =
                    successResultOf(new DeferredList<>(List.of(Defer.succeed("a"))));
            assertThrows(UnsupportedOperationException.class, () -> outcomes.remove(0));
        }

        @Test
        void passesEachResultOnToCallbacksAddedToTheDeferredsLater() {
            // Twisted: DeferredList's docstring: it is not special, callbacks added after it see
            // what its own callbacks return.
            Deferred<String> d = new Deferred<>();
            new DeferredList<>(List.of(d));
            d.callback("x");
            assertEquals("x", successResultOf(d));
        }

        @Test
        void seesResultsAsChangedByCallbacksAddedToTheDeferredsBefore() {
            // Twisted: DeferredList's docstring: callbacks added before change what it sees.
            Deferred<Integer> d = new Deferred<>();
            Deferred<Integer> doubled = d.addCallback(n -> n * 2);
            DeferredList<Integer> dl = new DeferredList<>(List.of(doubled));
            d.callback(21);
            assertEquals(42, successResultOf(dl).get(0).result());
        }

        @Test
        void ignoresChangesToTheGivenListAfterConstruction() {
            // Twisted: DeferredList copies its argument (list(deferredList)).
            Deferred<String> d1 = new Deferred<>();
            List<Deferred<String>> given = new ArrayList<>(List.of(d1));
            DeferredList<String> dl = new DeferredList<>(given);
            Deferred<String> late = new Deferred<>();
            given.add(late);

            d1.callback("only");

            assertEquals(List.of(new Outcome<String>(true, "only", 0)), successResultOf(dl));
        }

        @Test
        void rejectsANullDeferredNamingItsIndex() {
            List<Deferred<String>> withNull = Arrays.asList(Defer.succeed("a"), null);
            NullPointerException e =
                    assertThrows(NullPointerException.class, () -> new DeferredList<>(withNull));
            assertEquals("deferreds[1] is null", e.getMessage());
        }

        @Test
        void letsAJavaCallerReadEachOutcomeWithItsType() {
            // How a Java user reads the outcomes: check success(), then result() or failure().
            Deferred<String> name = new Deferred<>();
            Deferred<String> address = new Deferred<>();
            DeferredList<String> both = new DeferredList<>(
                    List.of(name, address), new Options().consumeErrors(true));
            List<String> report = new ArrayList<>();
            both.addCallback(outcomes -> {
                for (DeferredList.Outcome<String> outcome : outcomes) {
                    if (outcome.success()) {
                        String value = outcome.result(); // typed: no cast
                        report.add(outcome.index() + ": " + value.toUpperCase());
                    } else {
                        Failure failure = outcome.failure();
                        report.add(outcome.index() + " failed: " + failure.getErrorMessage());
                    }
                }
                return null;
            });

            name.callback("ada");
            address.errback(new GenericError("no such street"));

            assertEquals(List.of("0: ADA", "1 failed: no such street"), report);
        }
    }

    @Nested
    class FireOnOneCallback {

        @Test
        void firesWithTheFirstSuccessAsASingleOutcomeHoldingItsIndex() {
            // Twisted: DeferredList(fireOnOneCallback=True) fires with (result, index); here a
            // one-element list holding that Outcome.
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(d1, d2), new Options().fireOnOneCallback(true));
            assertNoResult(dl);

            d2.callback("second");

            assertEquals(List.of(new Outcome<String>(true, "second", 1)), successResultOf(dl));
        }

        @Test
        void ignoresResultsArrivingAfterItFired() {
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(d1, d2), new Options().fireOnOneCallback(true));
            d1.callback("first");

            d2.callback("second"); // must not fire the list again (no AlreadyCalledError)

            assertEquals("second", successResultOf(d2));
            assertEquals(List.of(new Outcome<String>(true, "first", 0)), successResultOf(dl));
        }

        @Test
        void firesWithEveryOutcomeWhenNoneSucceeds() {
            // Twisted: _cbDeferred falls through to the full result list.
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(
                    List.of(d1, d2), new Options().fireOnOneCallback(true).consumeErrors(true));
            d1.errback(new GenericError("one"));
            assertNoResult(dl);
            d2.errback(new GenericError("two"));

            List<Outcome<String>> outcomes = successResultOf(dl);
            assertEquals(2, outcomes.size());
            assertEquals("one", outcomes.get(0).failure().getErrorMessage());
            assertEquals("two", outcomes.get(1).failure().getErrorMessage());
        }
    }

    @Nested
    class FireOnOneErrback {

        @Test
        void errbacksWithAFirstErrorHoldingTheFailureAndItsIndex() {
            // Twisted: test_defer.DeferredTests.testDeferredListFireOnOneError
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            Deferred<String> d3 = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(
                    List.of(d1, d2, d3), new Options().fireOnOneErrback(true));
            d2.addErrback(f -> null);

            d1.callback("1");
            assertNoResult(dl);
            GenericError error = new GenericError("from def2");
            d2.errback(error);

            Failure failure = failureResultOf(dl, FirstError.class);
            FirstError firstError = (FirstError) failure.value();
            assertSame(GenericError.class, firstError.subFailure().type());
            assertSame(error, firstError.subFailure().value());
            assertEquals(1, firstError.index());
        }

        @Test
        void errbacksAtOnceWhenADeferredHadAlreadyFailed() {
            // Twisted: test_defer.DeferredTests.testDeferredListFireOnOneErrorWithAlreadyFiredDeferreds
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            d1.errback(new GenericError("Bang"));

            DeferredList<String> dl =
                    new DeferredList<>(List.of(d1, d2), new Options().fireOnOneErrback(true));

            FirstError firstError = (FirstError) failureResultOf(dl, FirstError.class).value();
            assertEquals(0, firstError.index());
            failureResultOf(d1, GenericError.class);
        }

        @Test
        void firesWithEveryOutcomeWhenAllSucceed() {
            DeferredList<String> dl = new DeferredList<>(
                    List.of(Defer.succeed("a"), Defer.succeed("b")),
                    new Options().fireOnOneErrback(true));
            assertEquals(
                    List.of(new Outcome<String>(true, "a", 0), new Outcome<String>(true, "b", 1)),
                    successResultOf(dl));
        }
    }

    @Nested
    class ConsumeErrors {

        @Test
        void leavesEachFailureOnItsDeferredByDefault() {
            // Twisted: test_defer.DeferredTests.testDeferredListDontConsumeErrors
            Deferred<String> d1 = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(List.of(d1));
            List<Failure> errorTrap = new ArrayList<>();
            d1.addErrback(f -> {
                errorTrap.add(f);
                return null;
            });
            List<Object> seen = collect(dl);

            d1.errback(new GenericError("Bang"));

            assertEquals(1, errorTrap.size());
            assertEquals("Bang", errorTrap.get(0).getErrorMessage());
            @SuppressWarnings("unchecked")
            List<Outcome<String>> outcomes = (List<Outcome<String>>) seen.get(0);
            assertEquals("Bang", outcomes.get(0).failure().getErrorMessage());
        }

        @Test
        void keepsTheFailureOnTheDeferredSoItIsStillUnhandled() {
            // Unconsumed, the failure stays the Deferred's current result: that is what gets
            // logged as "Unhandled error in Deferred" when the Deferred is garbage-collected.
            Deferred<String> d = new Deferred<>();
            new DeferredList<>(List.of(d));
            GenericError error = new GenericError("kept");
            d.errback(error);
            assertTrue(d.result() instanceof Failure);
            assertSame(error, ((Failure) d.result()).value());
            failureResultOf(d, GenericError.class);
        }

        @Test
        void turnsEachFailureIntoNullOnItsDeferred() {
            // Twisted: test_defer.DeferredTests.testDeferredListConsumeErrors
            Deferred<String> d1 = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(d1), new Options().consumeErrors(true));
            List<Failure> errorTrap = new ArrayList<>();
            d1.addErrback(f -> {
                errorTrap.add(f);
                return null;
            });
            List<Object> seen = collect(dl);

            d1.errback(new GenericError("Bang"));

            assertEquals(List.of(), errorTrap);
            assertNull(d1.result());
            @SuppressWarnings("unchecked")
            List<Outcome<String>> outcomes = (List<Outcome<String>>) seen.get(0);
            assertEquals("Bang", outcomes.get(0).failure().getErrorMessage());
        }

        @Test
        void stillErrbacksWithFirstErrorUnderFireOnOneErrback() {
            // Twisted: DeferredList docstring: consumeErrors does not prevent fireOnOneErrback.
            Deferred<String> d = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(
                    List.of(d), new Options().consumeErrors(true).fireOnOneErrback(true));
            d.errback(new GenericError("Bang"));
            FirstError firstError = (FirstError) failureResultOf(dl, FirstError.class).value();
            assertEquals("Bang", firstError.subFailure().getErrorMessage());
            assertNull(successResultOf(d));
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancelsEveryDeferredInTheList() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredList
            Deferred<String> one = new Deferred<>();
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(List.of(one, two));

            dl.cancel();

            failureResultOf(one, CancelledError.class);
            failureResultOf(two, CancelledError.class);
            List<Outcome<String>> outcomes = successResultOf(dl);
            assertTrue(outcomes.get(0).failure().check(CancelledError.class) != null);
            assertTrue(outcomes.get(1).failure().check(CancelledError.class) != null);
        }

        @Test
        void firesWithTheOutcomesTheCancellationsProduced() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredListCallback
            Deferred<String> one = callingBackOnCancel();
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(List.of(one, two));

            dl.cancel();

            failureResultOf(two, CancelledError.class);
            List<Outcome<String>> outcomes = successResultOf(dl);
            assertTrue(outcomes.get(0).success());
            assertEquals("Callback Result", outcomes.get(0).result());
            assertFalse(outcomes.get(1).success());
            assertNotNull(outcomes.get(1).failure().check(CancelledError.class));
        }

        @Test
        void cancelsEveryDeferredUnderFireOnOneCallback() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneCallback
            Deferred<String> one = new Deferred<>();
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(one, two), new Options().fireOnOneCallback(true));

            dl.cancel();

            failureResultOf(one, CancelledError.class);
            failureResultOf(two, CancelledError.class);
        }

        @Test
        void firesWithTheResultACancellerGaveUnderFireOnOneCallback() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneCallbackAndDeferredCallback
            Deferred<String> one = callingBackOnCancel();
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(one, two), new Options().fireOnOneCallback(true));

            dl.cancel();

            failureResultOf(two, CancelledError.class);
            assertEquals(List.of(new Outcome<String>(true, "Callback Result", 0)), successResultOf(dl));
        }

        @Test
        void errbacksWithTheFirstCancellationUnderFireOnOneErrback() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneErrback
            Deferred<String> one = new Deferred<>();
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(one, two), new Options().fireOnOneErrback(true));

            dl.cancel();

            failureResultOf(one, CancelledError.class);
            failureResultOf(two, CancelledError.class);
            FirstError firstError = (FirstError) failureResultOf(dl, FirstError.class).value();
            assertNotNull(firstError.subFailure().check(CancelledError.class));
            assertEquals(0, firstError.index());
        }

        @Test
        void firesWithEveryOutcomeWhenAllCancellersCallBackUnderFireOnOneErrback() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredListWithFireOnOneErrbackAllDeferredsCallback
            DeferredList<String> dl = new DeferredList<>(
                    List.of(callingBackOnCancel(), callingBackOnCancel()),
                    new Options().fireOnOneErrback(true));

            dl.cancel();

            assertEquals(
                    List.of(new Outcome<String>(true, "Callback Result", 0),
                            new Outcome<String>(true, "Callback Result", 1)),
                    successResultOf(dl));
        }

        @Test
        void cancelsOnlyTheDeferredsGivenAtConstruction() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredListWithOriginalDeferreds
            Deferred<String> one = new Deferred<>();
            Deferred<String> two = new Deferred<>();
            List<Deferred<String>> given = new ArrayList<>(List.of(one, two));
            DeferredList<String> dl = new DeferredList<>(given);
            Deferred<String> three = new Deferred<>();
            given.add(three);

            dl.cancel();

            failureResultOf(one, CancelledError.class);
            failureResultOf(two, CancelledError.class);
            assertNoResult(three);
        }

        @Test
        void logsACancellerExceptionAndStillCancelsTheOthers() {
            // Twisted: test_defer.DeferredTests.test_cancelDeferredListWithException
            LogCapture.clear();
            Deferred<String> one = new Deferred<>(d -> {
                throw new IllegalStateException("test");
            });
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(List.of(one, two));

            dl.cancel();

            failureResultOf(two, CancelledError.class);
            List<LogCapture.LogEvent> logged =
                    LogCapture.containing("Exception raised from user supplied canceller");
            assertEquals(1, logged.size(), () -> "logged: " + LogCapture.events());
            assertTrue(logged.get(0).throwable() instanceof IllegalStateException);
            assertEquals("test", logged.get(0).throwable().getMessage());
            assertNoResult(dl); // the raising canceller left its Deferred unfired
        }

        @Test
        void doesNothingOnceFiredByFireOnOneCallback() {
            // Twisted: test_defer.DeferredTests.test_cancelFiredOnOneCallbackDeferredList
            Deferred<String> one = new Deferred<>();
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(one, two), new Options().fireOnOneCallback(true));
            one.callback(null);

            dl.cancel();

            assertNoResult(two);
        }

        @Test
        void doesNothingOnceFiredByFireOnOneErrback() {
            // Twisted: test_defer.DeferredTests.test_cancelFiredOnOneErrbackDeferredList
            Deferred<String> one = new Deferred<>();
            Deferred<String> two = new Deferred<>();
            DeferredList<String> dl =
                    new DeferredList<>(List.of(one, two), new Options().fireOnOneErrback(true));
            one.errback(new GenericError("test"));

            dl.cancel();

            assertNoResult(two);
            failureResultOf(one, GenericError.class);
            failureResultOf(dl, FirstError.class);
        }
    }

    @Nested
    class Outcomes {

        @Test
        void resultOfAFailedOutcomeThrowsNamingTheIndexAndTheFailure() {
            GenericError error = new GenericError("boom");
            Outcome<String> failed = new Outcome<>(false, new Failure(error), 4);
            IllegalStateException e = assertThrows(IllegalStateException.class, failed::result);
            assertTrue(e.getMessage().contains("index 4"), e.getMessage());
            assertTrue(e.getMessage().contains("boom"), e.getMessage());
            assertSame(error, e.getCause());
        }

        @Test
        void failureOfASuccessfulOutcomeThrowsNamingTheIndexAndTheResult() {
            Outcome<String> succeeded = new Outcome<>(true, "fine", 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, succeeded::failure);
            assertTrue(e.getMessage().contains("index 2"), e.getMessage());
            assertTrue(e.getMessage().contains("fine"), e.getMessage());
        }

        @Test
        void aFailedOutcomeMustHoldAFailure() {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new Outcome<String>(false, "oops", 0));
            assertTrue(e.getMessage().contains("oops"), e.getMessage());
        }

        @Test
        void anOutcomeIndexCannotBeNegative() {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new Outcome<String>(true, "x", -1));
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
        }
    }

    @Nested
    class OptionsObject {

        @Test
        void settersChainAndGettersReportTheSettings() {
            Options options = new Options().fireOnOneCallback(true).consumeErrors(true);
            assertTrue(options.fireOnOneCallback());
            assertFalse(options.fireOnOneErrback());
            assertTrue(options.consumeErrors());
            assertEquals(
                    "DeferredList.Options[fireOnOneCallback=true, fireOnOneErrback=false,"
                            + " consumeErrors=true]",
                    options.toString());
        }

        @Test
        void areReadWhenTheListIsMadeSoLaterChangesDoNothing() {
            Options options = new Options();
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            DeferredList<String> dl = new DeferredList<>(List.of(d1, d2), options);
            options.fireOnOneCallback(true);

            d1.callback("a");

            assertNoResult(dl);
        }
    }

    @Nested
    class FirstErrorBehaviour {

        @Test
        void messageNamesTheIndexAndTheSubFailuresError() {
            // Twisted: test_defer.FirstErrorTests.test_repr and test_str
            IllegalArgumentException exc = new IllegalArgumentException("some text");
            FirstError error = new FirstError(new Failure(exc), 3);
            assertEquals(
                    "the Deferred at index 3 failed first: java.lang.IllegalArgumentException:"
                            + " some text",
                    error.getMessage());
        }

        @Test
        void causeIsTheWrappedException() {
            IllegalArgumentException exc = new IllegalArgumentException("some text");
            Failure failure = new Failure(exc);
            FirstError error = new FirstError(failure, 5);
            assertSame(exc, error.getCause());
            assertSame(failure, error.subFailure());
            assertEquals(5, error.index());
        }

        @Test
        void equalsAnotherWithTheSameIndexAndWrappedException() {
            // Twisted: test_defer.FirstErrorTests.test_comparison
            Failure firstFailure = new Failure(new ArithmeticException("/ by zero"));
            FirstError one = new FirstError(firstFailure, 13);
            FirstError anotherOne = new FirstError(firstFailure, 13);
            FirstError sameExceptionNewFailure =
                    new FirstError(new Failure(firstFailure.value()), 13);
            FirstError another = new FirstError(new Failure(new IllegalArgumentException("bar")), 9);

            assertEquals(one, anotherOne);
            assertEquals(one.hashCode(), anotherOne.hashCode());
            assertEquals(one, sameExceptionNewFailure);
            assertNotEquals(one, another);
            assertNotEquals(one, (Object) 10);
        }

        @Test
        void differsWhenOnlyTheIndexDiffers() {
            Failure failure = new Failure(new ArithmeticException("/ by zero"));
            assertNotEquals(new FirstError(failure, 1), new FirstError(failure, 2));
        }

        @Test
        void differsWhenOnlyTheWrappedExceptionDiffers() {
            assertNotEquals(
                    new FirstError(new Failure(new GenericError("a")), 1),
                    new FirstError(new Failure(new GenericError("a")), 1));
        }

        @Test
        void requiresASubFailure() {
            NullPointerException e =
                    assertThrows(NullPointerException.class, () -> new FirstError(null, 0));
            assertEquals("subFailure", e.getMessage());
        }
    }
}
