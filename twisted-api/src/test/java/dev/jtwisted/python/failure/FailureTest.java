package dev.jtwisted.python.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Ports the behaviours of Twisted's {@code twisted/test/test_failure.py} that apply to Java. */
class FailureTest {

    @Nested
    class Wrapping {
        @Test
        void keepsTheExceptionAndItsType() {
            IOException e = new IOException("disk");
            Failure f = new Failure(e);
            assertSame(e, f.value());
            assertEquals(IOException.class, f.type());
        }

        @Test
        void refusesNull() {
            NullPointerException e = assertThrows(NullPointerException.class, () -> new Failure(null));
            assertEquals("value", e.getMessage());
        }

        @Test
        void toStringNamesTheException() {
            assertEquals("[Failure instance: java.io.IOException: disk]",
                    new Failure(new IOException("disk")).toString());
        }
    }

    @Nested
    class CheckAndTrap {
        @Test // Twisted: FailureTests.test_failAndTrap
        void trapReturnsTheMatchingType() {
            Failure f = new Failure(new FileNotFoundException("x"));
            assertEquals(IOException.class, f.trap(IllegalStateException.class, IOException.class));
        }

        @Test // Twisted: FailureTests.test_trapRaisesWrappedException
        void trapRethrowsTheOriginalExceptionWhenNothingMatches() {
            IOException e = new IOException("not handled here");
            Failure f = new Failure(e);
            IOException thrown = assertThrows(IOException.class, () -> f.trap(IllegalStateException.class));
            assertSame(e, thrown);
        }

        @Test // Twisted: FailureTests.test_check
        void checkReturnsTheFirstMatchOrNull() {
            Failure f = new Failure(new FileNotFoundException("x"));
            assertEquals(FileNotFoundException.class, f.check(FileNotFoundException.class, IOException.class));
            assertEquals(IOException.class, f.check(IllegalStateException.class, IOException.class));
            assertNull(f.check(IllegalStateException.class));
            assertNull(f.check());
        }

        @Test // Twisted: FailureTests.test_raiseExceptionWithTB (without the traceback)
        void raiseExceptionThrowsTheWrappedExceptionEvenWhenChecked() {
            Exception e = new Exception("checked");
            Failure f = new Failure(e);
            Exception thrown = assertThrows(Exception.class, () -> {
                throw f.raiseException();
            });
            assertSame(e, thrown);
        }
    }

    @Nested
    class Reporting {
        @Test // Twisted: FailureTests.test_getErrorMessage
        void getErrorMessageIsTheMessage() {
            assertEquals("disk on fire", new Failure(new IOException("disk on fire")).getErrorMessage());
        }

        @Test
        void getErrorMessageNamesTheClassWhenThereIsNoMessage() {
            assertEquals("java.lang.IllegalStateException",
                    new Failure(new IllegalStateException()).getErrorMessage());
        }

        @Test
        void getTracebackHasTheStackAndTheCauses() {
            IOException cause = new IOException("root cause");
            Failure f = new Failure(new IllegalStateException("outer", cause));
            String tb = f.getTraceback();
            assertTrue(tb.startsWith("java.lang.IllegalStateException: outer"), tb);
            assertTrue(tb.contains("getTracebackHasTheStackAndTheCauses"), tb);
            assertTrue(tb.contains("Caused by: java.io.IOException: root cause"), tb);
        }

        @Test
        void getBriefTracebackIsOneLineWithTheRaisingFrame() {
            Failure f = new Failure(new IOException("disk"));
            String brief = f.getBriefTraceback();
            assertTrue(brief.startsWith("java.io.IOException: disk at "), brief);
            assertTrue(brief.contains("FailureTest"), brief);
            assertTrue(!brief.contains("\n"), brief);
        }
    }
}
