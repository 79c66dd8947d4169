package dev.jtwisted.samples.calllater;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtwisted.samples.Captured;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallLaterDemoTest {

    @Nested
    class Output {
        @Test
        void schedulesCancelsAndMovesCallsExactlyAsDocumented() throws Exception {
            Captured run = Captured.run(new CallLaterDemo());
            assertEquals("""
                    == 1. callLater runs a function later
                    reactor.callLater(5, printIt, "HI"); reactor.callLater(6, reactor.stop)
                    [5s] HI
                    [6s] reactor.stop()

                    == 2. cancel stops a call that has not run yet
                    delayedCall = reactor.callLater(5, printIt, "HI"); reactor.callLater(4, abort); \
                    reactor.callLater(6, reactor.stop)
                    [4s] abort: delayedCall.active() is true
                    [4s] CANCELLING
                    [6s] reactor.stop()
                      (HI was never printed: delayedCall.active() is false)

                    == 3. delay pushes a pending call back; reset reschedules it from now
                    call = reactor.callLater(5, printIt, "HI"): due at 5s
                    [1s] call.delay(3): due at 8s
                    [2s] call.reset(1): due at 3s
                    [3s] HI
                      call.active() is false: it has run

                    == 4. A call runs or is cancelled once; then cancel, delay and reset fail
                    [1s] HI
                    call.cancel() after it ran: AlreadyCalled
                    other = reactor.callLater(1, printIt, "never"); other.cancel(): other.active() is false
                    other.cancel() again: AlreadyCancelled
                    other.reset(1) after cancel: AlreadyCancelled
                      (never was never printed)
                    """, run.out());
        }

        @Test
        void writesNothingToStandardErrorAndIsTheSameOnEveryRun() throws Exception {
            Captured first = Captured.run(new CallLaterDemo());
            assertEquals("", first.err());
            assertEquals(first.out(), Captured.run(new CallLaterDemo()).out());
        }
    }

    @Nested
    class Declaration {
        @Test
        void isCalledCallLaterAndTakesNoOptionsOrArguments() {
            CallLaterDemo demo = new CallLaterDemo();
            assertEquals("call-later", demo.name());
            assertEquals(0, demo.options().size() + demo.positionals().size());
        }
    }
}
