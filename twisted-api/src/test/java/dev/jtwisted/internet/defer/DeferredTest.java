package dev.jtwisted.internet.defer;

import static dev.jtwisted.trial.DeferredAssertions.assertNoResult;
import static dev.jtwisted.trial.DeferredAssertions.failureResultOf;
import static dev.jtwisted.trial.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtwisted.python.failure.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ports the behaviours of Twisted's {@code twisted/test/test_defer.py} for Deferred itself. */
class DeferredTest {

    /** An error type of the tests' own, as Twisted's tests use {@code GenericError}. */
    static final class GenericError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GenericError(String message) {
            super(message);
        }
    }

    @Nested
    class Callbacks {
        @Test // Twisted: DeferredTests.testCallbackWithoutArgs
        void callbackReceivesTheFiredResult() {
            List<String> seen = new ArrayList<>();
            Deferred<String> d = new Deferred<>();
            d.addCallback(r -> seen.add(r));
            d.callback("hello");
            assertEquals(List.of("hello"), seen);
        }

        @Test // Twisted: DeferredTests.testCallbackWithArgs
        void callbackReceivesItsExtraArgument() {
            List<String> seen = new ArrayList<>();
            Deferred<String> d = new Deferred<>();
            d.addCallback((r, extra) -> seen.add(r + " " + extra), "world");
            d.callback("hello");
            assertEquals(List.of("hello world"), seen);
        }

        @Test
        void callbackReceivesTwoExtraArguments() {
            Deferred<String> d = new Deferred<>();
            Deferred<String> chained = d.addCallback((r, a, b) -> r + a + b, 1, 'x');
            d.callback("v");
            assertEquals("v1x", successResultOf(chained));
        }

        @Test // Twisted: DeferredTests.testTwoCallbacks
        void eachCallbackGetsThePreviousOnesResult() {
            Deferred<Integer> d = new Deferred<>();
            List<Object> seen = new ArrayList<>();
            d.addCallback(n -> {
                seen.add(n);
                return n + 1;
            }).addCallback(n -> {
                seen.add(n);
                return n * 10;
            });
            d.callback(1);
            assertEquals(List.of(1, 2), seen);
            assertEquals(20, successResultOf(d));
        }

        @Test
        void callbacksAddedAfterFiringRunAtOnce() {
            Deferred<String> d = Defer.succeed("early");
            List<String> seen = new ArrayList<>();
            d.addCallback(seen::add);
            assertEquals(List.of("early"), seen);
        }

        @Test
        void aFiveStepChainMixingTypesReadsNaturally() {
            Deferred<String> request = new Deferred<>();
            Deferred<String> reply = request
                    .addCallback(String::trim)                       // String -> String
                    .addCallback(String::length)                     // String -> Integer
                    .addCallback(n -> n * 2.5)                       // Integer -> Double
                    .addCallbackDeferring(x -> Defer.succeed(List.of(x, x))) // Double -> List<Double>
                    .addCallback(list -> "total " + list.stream().mapToDouble(v -> v).sum());
            request.callback("  four  ");
            assertEquals("total 20.0", successResultOf(reply));
        }

        @Test // Twisted: DeferredTests.test_reentrantRunCallbacks
        void aCallbackAddedByACallbackRunsAtTheEndOfTheChain() {
            Deferred<Void> d = new Deferred<>();
            List<Integer> called = new ArrayList<>();
            // Each callback returns null so the result stays a Void, the type d is declared with.
            d.addCallback(r -> {
                called.add(1);
                d.addCallback(r3 -> {
                    called.add(3);
                    return null;
                });
                return null;
            });
            d.addCallback(r -> {
                called.add(2);
                return null;
            });
            d.callback(null);
            assertEquals(List.of(1, 2, 3), called);
        }

        @Test // Twisted: DeferredTests.test_nonReentrantCallbacks
        void aCallbackAddedByACallbackWaitsForTheRunningOneToReturn() {
            Deferred<Void> d = new Deferred<>();
            List<Integer> called = new ArrayList<>();
            List<List<Integer>> seenInside = new ArrayList<>();
            d.addCallback(r -> {
                called.add(1);
                d.addCallback(r2 -> called.add(2));
                seenInside.add(List.copyOf(called));
                return null;
            });
            d.callback(null);
            assertEquals(List.of(List.of(1)), seenInside);
            assertEquals(List.of(1, 2), called);
        }

        @Test // Twisted: DeferredTests.test_reentrantRunCallbacksWithFailure
        void anExceptionFromACallbackAddedByACallbackReachesTheErrbacks() {
            Deferred<Void> d = new Deferred<>();
            d.addCallback(r -> {
                d.addCallback(r2 -> {
                    throw new GenericError("callback raised exception");
                });
                return null;
            });
            d.callback(null);
            Failure f = failureResultOf(d, GenericError.class);
            assertEquals("callback raised exception", f.getErrorMessage());
        }

        @Test
        void nullCallbacksAreRejectedWithTheirName() {
            Deferred<String> d = new Deferred<>();
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> d.addCallback((Callback<String, String>) null));
            assertEquals("callback", e.getMessage());
            assertThrows(NullPointerException.class,
                    () -> d.addCallbacks(r -> r, null));
        }
    }

    @Nested
    class Errbacks {
        @Test // Twisted: DeferredTests.test_addCallbacksNoneErrback
        void aThrowingCallbackSwitchesTheChainToTheErrbacks() {
            Deferred<String> d = new Deferred<>();
            List<String> calls = new ArrayList<>();
            IOException error = new IOException("disk on fire");
            d.addCallback(r -> {
                throw error;
            }).addCallback(r -> {
                calls.add("skipped callback ran");
                return r;
            }).addErrback(f -> {
                calls.add("errback " + f.getErrorMessage());
                assertSame(error, f.value());
                return "recovered";
            }).addCallback(r -> {
                calls.add("callback " + r);
                return r;
            });
            d.callback("x");
            assertEquals(List.of("errback disk on fire", "callback recovered"), calls);
        }

        @Test
        void errbackWithAnExceptionWrapsItInAFailure() {
            Deferred<String> d = new Deferred<>();
            GenericError error = new GenericError("boom");
            d.errback(error);
            Failure f = failureResultOf(d, GenericError.class);
            assertSame(error, f.value());
        }

        @Test
        void errbackWithAFailurePassesThatVeryFailure() {
            Deferred<String> d = new Deferred<>();
            Failure failure = new Failure(new GenericError("boom"));
            List<Failure> seen = new ArrayList<>();
            d.addErrback(f -> {
                seen.add(f);
                throw f.raiseException();
            });
            d.errback(failure);
            assertSame(failure, seen.get(0));
            assertSame(failure, failureResultOf(d));
        }

        @Test
        void anErrbackThatRethrowsKeepsTheSameFailureObject() {
            Failure failure = new Failure(new GenericError("boom"));
            Deferred<String> d = Defer.fail(failure);
            d.addErrback(f -> {
                f.trap(IOException.class);
                return "not reached";
            });
            assertSame(failure, failureResultOf(d));
        }

        @Test
        void anErrbackThatReturnsAFailureStaysOnTheErrorPath() {
            Deferred<Object> d = Defer.fail(new GenericError("boom"));
            List<String> calls = new ArrayList<>();
            d.addErrback(f -> f).addCallback(r -> {
                calls.add("callback");
                return r;
            }).addErrback(f -> {
                calls.add("second errback");
                return "ok";
            });
            assertEquals(List.of("second errback"), calls);
            assertEquals("ok", successResultOf(d));
        }

        @Test
        void aCallbackThatReturnsAFailureSwitchesToTheErrbacks() {
            Deferred<Object> d = Defer.succeed("x");
            GenericError error = new GenericError("made by a callback");
            d.addCallback(r -> new Failure(error));
            assertSame(error, failureResultOf(d).value());
        }

        @Test
        void trapLetsAMatchingErrorRecover() {
            Deferred<String> d = Defer.fail(new GenericError("boom"));
            d.addErrback(f -> {
                f.trap(IOException.class, GenericError.class);
                return "trapped";
            });
            assertEquals("trapped", successResultOf(d));
        }

        @Test
        void errbackReceivesItsExtraArgument() {
            Deferred<String> d = Defer.fail(new GenericError("boom"));
            d.addErrback((f, prefix) -> prefix + f.getErrorMessage(), "handled: ");
            assertEquals("handled: boom", successResultOf(d));
        }

        @Test
        void addCallbacksRunsExactlyOneOfThePair() {
            List<String> calls = new ArrayList<>();
            Deferred<String> ok = Defer.succeed("v");
            ok.addCallbacks(r -> calls.add("cb " + r), f -> calls.add("eb"));
            Deferred<String> bad = Defer.fail(new GenericError("e"));
            bad.addCallbacks(r -> calls.add("cb"), f -> calls.add("eb " + f.getErrorMessage()));
            assertEquals(List.of("cb v", "eb e"), calls);
        }

        @Test
        void anErrorRaisedByTheErrbackOfAPairIsNotSeenByItsCallback() {
            List<String> calls = new ArrayList<>();
            Deferred<String> d = Defer.fail(new GenericError("first"));
            d.addCallbacks(r -> r, f -> {
                throw new GenericError("second");
            }).addCallbacks(r -> {
                calls.add("callback");
                return r;
            }, f -> {
                calls.add(f.getErrorMessage());
                return "done";
            });
            assertEquals(List.of("second"), calls);
        }

        @Test
        void addBothSeesResultsAndFailures() {
            List<Object> seen = new ArrayList<>();
            Defer.succeed("v").addBoth(r -> seen.add(r));
            Failure failure = new Failure(new GenericError("e"));
            Defer.fail(failure).addBoth(r -> seen.add(r));
            assertEquals(List.of("v", failure), seen);
        }

        @Test
        void addBothReceivesItsExtraArgument() {
            Deferred<String> d = Defer.succeed("v");
            Deferred<String> out = d.addBoth((r, suffix) -> r + suffix, "!");
            assertEquals("v!", successResultOf(out));
        }

        @Test
        void anErrorThrownAsAnErrorSubclassIsStillAFailure() {
            Deferred<String> d = Defer.succeed("x");
            d.addCallback(r -> {
                throw new AssertionError("not an Exception");
            });
            assertInstanceOf(AssertionError.class, failureResultOf(d).value());
        }
    }

    @Nested
    class AlreadyCalled {
        @Test // Twisted: AlreadyCalledTests.testAlreadyCalled_CC
        void callbackTwiceRaisesAlreadyCalledError() {
            Deferred<String> d = new Deferred<>();
            d.callback("one");
            assertThrows(AlreadyCalledError.class, () -> d.callback("two"));
        }

        @Test // Twisted: AlreadyCalledTests.testAlreadyCalled_CE
        void errbackAfterCallbackRaisesAlreadyCalledError() {
            Deferred<String> d = new Deferred<>();
            d.callback("one");
            assertThrows(AlreadyCalledError.class, () -> d.errback(new GenericError("two")));
        }

        @Test // Twisted: AlreadyCalledTests.testAlreadyCalled_EE / _EC
        void anyFireAfterErrbackRaisesAlreadyCalledError() {
            Deferred<String> d = new Deferred<>();
            d.errback(new GenericError("one"));
            assertThrows(AlreadyCalledError.class, () -> d.errback(new GenericError("two")));
            assertThrows(AlreadyCalledError.class, () -> d.callback("three"));
            failureResultOf(d, GenericError.class);
        }

        @Test
        void callbackWithADeferredIsRejectedWithAHint() {
            Deferred<Object> d = new Deferred<>();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.callback(new Deferred<String>()));
            assertTrue(e.getMessage().contains("chainDeferred"), e.getMessage());
            assertFalse(d.called());
        }

        @Test // Twisted: AlreadyCalledTests.testAlreadyCalledDebug_CC
        void withDebuggingTheErrorSaysWhereTheDeferredWasCreatedAndFirstFired() {
            Deferred.setDebugging(true);
            try {
                Deferred<String> d = new Deferred<>();
                d.callback("one");
                AlreadyCalledError e = assertThrows(AlreadyCalledError.class, () -> d.callback("two"));
                String message = e.getMessage();
                assertTrue(message.contains(" C: Deferred was created:"), message);
                assertTrue(message.contains(" I: First Invoker was:"), message);
                assertTrue(message.contains(
                        "withDebuggingTheErrorSaysWhereTheDeferredWasCreatedAndFirstFired"), message);
            } finally {
                Deferred.setDebugging(false);
            }
            assertFalse(Deferred.getDebugging());
        }

        @Test // Twisted: AlreadyCalledTests.testNoDebugging
        void withoutDebuggingTheErrorHasNoTraceback() {
            Deferred<String> d = new Deferred<>();
            d.callback("one");
            AlreadyCalledError e = assertThrows(AlreadyCalledError.class, () -> d.callback("two"));
            assertNull(e.getMessage());
        }

        @Test // Twisted: AlreadyCalledTests.testSwitchDebugging
        void debuggingSwitchedOnAfterCreationRecordsTheInvokerOnly() {
            Deferred<String> d = new Deferred<>();
            Deferred.setDebugging(true);
            try {
                d.callback("one");
            } finally {
                Deferred.setDebugging(false);
            }
            AlreadyCalledError e = assertThrows(AlreadyCalledError.class, () -> d.callback("two"));
            assertFalse(e.getMessage().contains("was created"), e.getMessage());
            assertTrue(e.getMessage().contains("First Invoker"), e.getMessage());
        }
    }

    @Nested
    class ReturningDeferreds {
        @Test // Twisted: DeferredTests.test_synchronousImplicitChain
        void aFiredDeferredReturnedFromACallbackGivesUpItsResult() {
            Object result = new Object();
            Deferred<Object> first = Defer.succeed(result);
            Deferred<Void> second = new Deferred<>();
            Deferred<Object> chained = second.addCallbackDeferring(ign -> first);
            second.callback(null);
            List<Object> results = new ArrayList<>();
            first.addCallback(results::add);
            assertNull(results.get(0));
            assertSame(result, successResultOf(chained));
        }

        @Test // Twisted: DeferredTests.test_asynchronousImplicitChain
        void anUnfiredDeferredReturnedFromACallbackPausesTheChainUntilItFires() {
            Deferred<Object> first = new Deferred<>();
            Deferred<Void> second = new Deferred<>();
            Deferred<Object> chained = second.addCallbackDeferring(ign -> first);
            second.callback(null);
            List<Object> firstResults = new ArrayList<>();
            List<Object> secondResults = new ArrayList<>();
            first.addCallback(firstResults::add);
            chained.addCallback(secondResults::add);
            assertEquals(List.of(), firstResults);
            assertEquals(List.of(), secondResults);
            Object result = new Object();
            first.callback(result);
            assertEquals(java.util.Collections.singletonList(null), firstResults);
            assertEquals(List.of(result), secondResults);
        }

        @Test // Twisted: DeferredTests.test_synchronousImplicitErrorChain
        void aFailedDeferredReturnedFromACallbackHandsOverItsFailure() {
            Deferred<Object> first = Defer.fail(new GenericError("First Deferred's Failure"));
            Deferred<Void> second = new Deferred<>();
            Deferred<Object> chained = second.addCallbackDeferring(ign -> first);
            second.callback(null);
            List<Object> firstResult = new ArrayList<>();
            first.addCallback(firstResult::add);
            assertNull(firstResult.get(0));
            failureResultOf(chained, GenericError.class);
        }

        @Test // Twisted: DeferredTests.test_asynchronousImplicitErrorChain
        void aFailureArrivingLaterInTheInnerDeferredReachesTheOuterErrbacks() {
            Deferred<Object> first = new Deferred<>();
            Deferred<Void> second = new Deferred<>();
            Deferred<Object> chained = second.addCallbackDeferring(ign -> first);
            second.callback(null);
            assertNoResult(chained);
            first.errback(new GenericError("First Deferred's Failure"));
            failureResultOf(chained, GenericError.class);
            assertNull(successResultOf(first));
        }

        @Test // Twisted: DeferredTests.test_doubleAsynchronousImplicitChaining
        void aDeferredWaitingOnADeferredWaitingOnAThirdFiresWhenTheThirdDoes() {
            Deferred<Object> first = new Deferred<>();
            Deferred<Object> second = new Deferred<>();
            second.addCallbackDeferring(ign -> first);
            Deferred<Object> third = new Deferred<>();
            third.addCallbackDeferring(ign -> second);
            List<Object> thirdResult = new ArrayList<>();
            third.addCallback(thirdResult::add);
            Object result = new Object();
            second.callback(null);
            third.callback(null);
            assertEquals(List.of(), thirdResult);
            first.callback(result);
            assertEquals(List.of(result), thirdResult);
        }

        @Test // Twisted: DeferredTests.test_innerCallbacksPreserved
        void theMiddleDeferredsCallbacksRunBeforeTheOuterGetsTheResult() {
            List<Object> results = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            Deferred<String> inner = new Deferred<>();
            Deferred<String> outer = Defer.succeed("outer");
            outer.addCallbackDeferring(result -> {
                results.add("start-of-cb " + result);
                Deferred<String> d = Defer.succeed("inner");
                d.addCallbackDeferring(r -> {
                    results.add("firstCallback inner");
                    return inner;
                }).addCallback(r -> {
                    results.add("secondCallback " + r);
                    return r + r;
                }).addErrback(f -> {
                    failures.add(f);
                    return null;
                });
                return d;
            });
            inner.callback("orange");
            outer.addCallback(results::add);
            assertEquals(List.of(), failures);
            assertEquals(List.of("start-of-cb outer", "firstCallback inner", "secondCallback orange",
                    "orangeorange"), results);
        }

        @Test // Twisted: DeferredTests.test_callbackOrderPreserved
        void aCallbackAddedAfterOneReturningADeferredRunsAfterThatDeferredsCallbacks() {
            List<String> results = new ArrayList<>();
            Deferred<String> a = new Deferred<>();
            Deferred<String> outer = new Deferred<>();
            Deferred<Boolean> afterCb = outer.addCallbackDeferring(result -> {
                results.add("cb " + result);
                Deferred<Void> d = new Deferred<>();
                Deferred<Boolean> last = d.addCallbackDeferring(r -> {
                    results.add("firstCallback");
                    return a.addCallback(List::of);
                }).addCallback(r -> results.add("secondCallback " + r));
                d.callback(null);
                return last;
            });
            afterCb.addCallback(x -> results.add("final"));
            outer.callback("outer");
            assertEquals(List.of("cb outer", "firstCallback"), results);
            a.callback("withers");
            assertEquals(List.of("cb outer", "firstCallback", "secondCallback [withers]", "final"),
                    results);
        }

        @Test // Twisted: DeferredTests.test_chainedPausedDeferredWithResult
        void aPausedDeferredWithAResultMakesTheOuterWaitForItsUnpause() {
            Object expected = new Object();
            Deferred<Object> paused = Defer.succeed(expected);
            paused.pause();
            Deferred<Void> chained = new Deferred<>();
            Deferred<Object> out = chained.addCallbackDeferring(ign -> paused);
            chained.callback(null);
            List<Object> result = new ArrayList<>();
            out.addCallback(result::add);
            assertEquals(List.of(), result);
            paused.unpause();
            assertEquals(List.of(expected), result);
        }

        @Test // Twisted: DeferredTests.test_pausedDeferredChained
        void aPausedOuterDeferredDoesNotStopTheInnerOnesCallbacks() {
            Deferred<Void> first = new Deferred<>();
            Deferred<Void> second = new Deferred<>();
            first.addCallbackDeferring(ign -> second);
            first.callback(null);
            first.pause();
            second.callback(null);
            List<Object> result = new ArrayList<>();
            second.addCallback(result::add);
            assertEquals(java.util.Collections.singletonList(null), result);
        }

        @Test // Twisted: DeferredTests.test_resultOfDeferredResultOfDeferredOfFiredDeferredCalled
        void nestedReturnedDeferredsAllCompleteOnceTheInnermostFires() {
            Deferred<Object> first = new Deferred<>();
            Deferred<Object> second = new Deferred<>();
            Deferred<Object> third = new Deferred<>();
            first.addCallbackDeferring(ign -> second);
            second.addCallbackDeferring(ign -> third);
            second.callback(null);
            first.callback(null);
            third.callback(null);
            List<Object> results = new ArrayList<>();
            first.addCallback(results::add);
            second.addCallback(results::add);
            third.addCallback(results::add);
            assertEquals(java.util.Arrays.asList(null, null, null), results);
        }

        @Test // Twisted: DeferredTests.test_chainDeferredRecordsImplicitChain + test_reprWithChaining
        void aWaitingDeferredSaysWhatItWaitsOn() {
            Deferred<Void> a = new Deferred<>();
            Deferred<Void> b = new Deferred<>();
            a.addCallbackDeferring(ign -> b);
            a.callback(null);
            assertTrue(a.toString().contains("waiting on Deferred@"), a.toString());
            assertFalse(a.hasResult());
            assertSame(b, a.result());
            b.callback(null);
            assertTrue(a.hasResult());
            assertEquals(a.toString().replaceAll("@[0-9a-f]+", "@X"), "<Deferred@X current result: null>");
        }

        @Test // Twisted: DeferredTests.test_circularChainException
        void aCallbackReturningItsOwnDeferredFailsTheChain() {
            Deferred<Object> d = new Deferred<>();
            Object[] self = {d};
            d.addCallback(r -> self[0]);
            d.callback("x");
            Failure f = failureResultOf(d, IllegalStateException.class);
            assertTrue(f.getErrorMessage().contains("returned the Deferred it was added to"));
        }

        @Test
        void anErrbackMayRecoverWithADeferred() {
            Deferred<String> retry = new Deferred<>();
            Deferred<String> d = Defer.<String>fail(new GenericError("first try"))
                    .addErrbackDeferring(f -> retry);
            assertNoResult(d);
            retry.callback("second try");
            assertEquals("second try", successResultOf(d));
        }

        @Test
        void thePlainAddCallbackAlsoWaitsForAReturnedDeferred() {
            Deferred<String> inner = new Deferred<>();
            Deferred<Object> d = Defer.succeed("x").addCallback(r -> inner);
            assertNoResult(d);
            inner.callback("inner result");
            assertEquals("inner result", successResultOf(d));
        }
    }

    @Nested
    class ChainDeferred {
        @Test // Twisted: DeferredTests.testChainDeferred (in spirit)
        void theChainedDeferredFiresWithTheResultAndTheSourceGoesOnWithNull() {
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            Deferred<Void> rest = d1.chainDeferred(d2);
            d1.callback("value");
            assertEquals("value", successResultOf(d2));
            assertNull(successResultOf(rest));
        }

        @Test
        void aFailurePassesToTheChainedDeferredAndLeavesTheSourceHandled() {
            Deferred<String> d1 = new Deferred<>();
            Deferred<String> d2 = new Deferred<>();
            d1.chainDeferred(d2);
            d1.errback(new GenericError("e"));
            failureResultOf(d2, GenericError.class);
            assertNull(successResultOf(d1));
        }

        @Test // Twisted: DeferredTests.test_chainDeferredRecordsExplicitChain / test_explicitChainClearedWhenResolved
        void theChainedDeferredSaysItWaitsUntilTheSourceFires() {
            Deferred<String> a = new Deferred<>();
            Deferred<String> b = new Deferred<>();
            a.chainDeferred(b);
            assertTrue(b.toString().contains("waiting on"), b.toString());
            a.callback("x");
            assertFalse(b.toString().contains("waiting on"), b.toString());
        }

        @Test
        void chainingToAnAlreadyFiredDeferredFailsTheSourceWithAlreadyCalledError() {
            Deferred<String> a = new Deferred<>();
            Deferred<String> b = Defer.succeed("already");
            a.chainDeferred(b);
            a.callback("x");
            failureResultOf(a, AlreadyCalledError.class);
            assertEquals("already", successResultOf(b));
        }

        @Test
        void chainsOfOneHundredThousandChainedDeferredsRunWithoutRecursion() {
            Deferred<Integer> first = new Deferred<>();
            Deferred<Integer> last = first;
            for (int i = 0; i < 100_000; i++) {
                Deferred<Integer> next = new Deferred<>();
                last.chainDeferred(next);
                last = next;
            }
            first.callback(42);
            assertEquals(42, successResultOf(last));
        }
    }

    @Nested
    class Pausing {
        @Test // Twisted: DeferredTests.testPausedDeferred (in spirit)
        void aPausedDeferredRunsNoCallbacksUntilUnpaused() {
            Deferred<String> d = new Deferred<>();
            List<String> seen = new ArrayList<>();
            d.pause();
            d.addCallback(seen::add);
            d.callback("v");
            assertEquals(List.of(), seen);
            assertEquals(1, d.paused());
            assertFalse(d.hasResult());
            d.unpause();
            assertEquals(List.of("v"), seen);
        }

        @Test
        void pausesNestAndOnlyTheLastUnpauseRunsTheChain() {
            Deferred<String> d = Defer.succeed("v");
            d.pause();
            d.pause();
            List<String> seen = new ArrayList<>();
            d.addCallback(seen::add);
            d.unpause();
            assertEquals(List.of(), seen);
            d.unpause();
            assertEquals(List.of("v"), seen);
        }

        @Test
        void unpausingAnUnfiredDeferredRunsNothing() {
            Deferred<String> d = new Deferred<>();
            d.pause();
            d.unpause();
            assertFalse(d.called());
            assertNoResult(d);
        }
    }

    @Nested
    class Cancellation {
        @Test // Twisted: DeferredCancellerTests.test_noCanceller
        void cancelWithoutACancellerErrbacksWithCancelledError() {
            Deferred<String> d = new Deferred<>();
            d.cancel();
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: DeferredCancellerTests.test_raisesAfterCancelAndCallback
        void withoutACancellerTheFirstLateFireIsIgnoredAndTheSecondRaises() {
            Deferred<String> d = new Deferred<>();
            d.cancel();
            d.callback("late");
            assertThrows(AlreadyCalledError.class, () -> d.callback("later"));
            assertThrows(AlreadyCalledError.class, () -> d.errback(new GenericError("x")));
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: DeferredCancellerTests.test_raisesAfterCancelAndErrback
        void withoutACancellerALateErrbackIsIgnoredToo() {
            Deferred<String> d = new Deferred<>();
            d.cancel();
            d.errback(new GenericError("late"));
            assertThrows(AlreadyCalledError.class, () -> d.errback(new GenericError("later")));
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: DeferredCancellerTests.test_noCancellerMultipleCancel
        void cancellingTwiceIsHarmless() {
            Deferred<String> d = new Deferred<>();
            d.cancel();
            d.cancel();
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: DeferredCancellerTests.test_cancellerMultipleCancel
        void theCancellerRunsOnlyOnce() {
            int[] calls = {0};
            Deferred<String> d = new Deferred<>(self -> calls[0]++);
            d.cancel();
            d.cancel();
            assertEquals(1, calls[0]);
            failureResultOf(d, CancelledError.class);
        }

        @Test // Twisted: DeferredCancellerTests.test_simpleCanceller + test_cancellerArg
        void theCancellerReceivesTheDeferred() {
            List<Deferred<?>> seen = new ArrayList<>();
            Deferred<String> d = new Deferred<>(seen::add);
            d.cancel();
            assertEquals(List.of(d), seen);
            failureResultOf(d, CancelledError.class);
            // A canceller that did not fire the Deferred leaves late fires raising.
            assertThrows(AlreadyCalledError.class, () -> d.callback("late"));
        }

        @Test // Twisted: DeferredCancellerTests.test_cancelAfterCallback / test_cancelAfterErrback
        void cancellingAFiredDeferredDoesNothing() {
            int[] calls = {0};
            Deferred<String> d = new Deferred<>(self -> calls[0]++);
            d.callback("done");
            d.cancel();
            assertEquals(0, calls[0]);
            assertEquals("done", successResultOf(d));
        }

        @Test // Twisted: DeferredCancellerTests.test_cancellerThatErrbacks
        void aCancellerThatErrbacksDecidesTheFailure() {
            Deferred<String> d = new Deferred<>(self -> self.errback(new GenericError("canceller")));
            d.cancel();
            Failure f = failureResultOf(d, GenericError.class);
            assertEquals("canceller", f.getErrorMessage());
        }

        @Test // Twisted: DeferredCancellerTests.test_cancellerThatCallbacks
        void aCancellerThatCallbacksDecidesTheResult() {
            Deferred<String> d = new Deferred<>(self -> self.callback("from canceller"));
            d.cancel();
            assertEquals("from canceller", successResultOf(d));
        }

        @Test // Twisted: DeferredCancellerTests.test_cancelNestedDeferred
        void cancellingADeferredWaitingOnAnotherCancelsTheInnerOne() {
            List<Deferred<?>> cancelled = new ArrayList<>();
            Deferred<String> inner = new Deferred<>(cancelled::add);
            Deferred<Void> outer = new Deferred<>();
            Deferred<String> waiting = outer.addCallbackDeferring(ign -> inner);
            outer.callback(null);
            waiting.cancel();
            assertEquals(List.of(inner), cancelled);
            failureResultOf(waiting, CancelledError.class);
            assertNull(successResultOf(inner));
        }

        @Test
        void anExceptionFromTheCancellerPropagatesToTheCaller() {
            Deferred<String> d = new Deferred<>(self -> {
                throw new GenericError("canceller broke");
            });
            GenericError e = assertThrows(GenericError.class, d::cancel);
            assertEquals("canceller broke", e.getMessage());
        }
    }

    @Nested
    class Depth {
        @Test // Twisted: DeferredTests.test_boundedStackDepth (and the issue's 1,000,000 callbacks)
        void aMillionCallbacksRunWithoutStackOverflow() {
            Deferred<Integer> d = new Deferred<>();
            for (int i = 0; i < 1_000_000; i++) {
                d.addCallback(n -> n + 1);
            }
            d.callback(0);
            assertEquals(1_000_000, successResultOf(d));
        }

        @Test
        void aMillionCallbacksAddedAfterFiringRunWithoutStackOverflow() {
            Deferred<Integer> d = Defer.succeed(0);
            for (int i = 0; i < 1_000_000; i++) {
                d.addCallback(n -> n + 1);
            }
            assertEquals(1_000_000, successResultOf(d));
        }

        @Test
        void oneHundredThousandDeferredsEachReturnedFromThePreviousCallbackRunWithoutRecursion() {
            int depth = 100_000;
            List<Deferred<Integer>> ds = new ArrayList<>();
            for (int i = 0; i <= depth; i++) {
                ds.add(new Deferred<>());
            }
            for (int i = 0; i < depth; i++) {
                Deferred<Integer> next = ds.get(i + 1);
                ds.get(i).addCallbackDeferring(ign -> next);
            }
            // Outermost first: each one's callback returns the next, still unfired, so they
            // all end up waiting, 100,000 deep, on the last.
            for (int i = 0; i < depth; i++) {
                ds.get(i).callback(i);
                assertNoResult(ds.get(i));
            }
            ds.get(depth).callback(42);
            assertEquals(42, successResultOf(ds.get(0)));
        }

        @Test
        void oneHundredThousandNestedFiredDeferredsUnwindWithoutRecursion() {
            Deferred<Integer> innermost = new Deferred<>();
            Deferred<Integer> outer = innermost;
            for (int i = 0; i < 100_000; i++) {
                Deferred<Integer> wrapped = outer;
                outer = Defer.succeed(0).addCallbackDeferring(ign -> wrapped.addCallback(n -> n + 1));
            }
            assertNoResult(outer);
            innermost.callback(0);
            assertEquals(100_000, successResultOf(outer));
        }
    }

    @Nested
    class Inspection {
        @Test
        void aNewDeferredIsNotCalledAndHasNoResult() {
            Deferred<String> d = new Deferred<>();
            assertFalse(d.called());
            assertFalse(d.hasResult());
            assertEquals(0, d.paused());
            IllegalStateException e = assertThrows(IllegalStateException.class, d::result);
            assertTrue(e.getMessage().contains("has not been fired"));
        }

        @Test
        void aFiredDeferredExposesItsCurrentResult() {
            Deferred<String> d = Defer.succeed("v");
            assertTrue(d.called());
            assertTrue(d.hasResult());
            assertEquals("v", d.result());
        }

        @Test // Twisted: DeferredTests.test_repr / test_reprWithResult
        void toStringShowsTheCurrentResult() {
            Deferred<String> d = new Deferred<>();
            assertEquals("<Deferred@X>", d.toString().replaceAll("@[0-9a-f]+", "@X"));
            d.callback("orange");
            assertEquals("<Deferred@X current result: orange>", d.toString().replaceAll("@[0-9a-f]+", "@X"));
        }
    }
}
