package dev.jtwisted.samples.errback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtwisted.samples.Captured;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ErrbackDemoTest {

    @Nested
    class Output {
        @Test
        void walksEveryStepOfTheChainExactlyAsDocumented() throws Exception {
            Captured run = Captured.run(new ErrbackDemo());
            assertEquals("""
                    == 1. callback runs the callbacks, errback runs the errbacks
                    [1s] d1.callback("NEAT")
                      onSuccess: SUCCESS NEAT
                    [2s] d2.errback(new Exception("BUMMER"))
                      onError: ERROR BUMMER

                    == 2. A Deferred fires once: callback then errback on it is a bug
                    [1s] d.callback("NEAT")
                      onSuccess: SUCCESS NEAT
                    [2s] d.errback(new Exception("BUMMER"))
                      AlreadyCalledError: d has already fired

                    == 3. A callback that throws switches the chain to the errbacks
                    d.callback("NEAT")
                      check: NEAT is fine
                      onSuccess: SUCCESS NEAT
                    d.callback(null)
                      check: no result, throwing
                      onError: ERROR no result
                      (onSuccess was skipped: the chain had switched to the errbacks)

                    == 4. addCallbacks(f, g) puts f and g at one level; addCallback(f).addErrback(g) does not
                    d.addCallbacks(check, onError).addErrback(lastResort); d.callback(null)
                      check: no result, throwing
                      lastResort: ERROR no result
                    d.addCallback(check).addErrback(onError); d.callback(null)
                      check: no result, throwing
                      onError: ERROR no result

                    == 5. An errback that returns a value recovers; returning a Deferred makes the chain wait
                    getPage("/flaky").addErrback(retry).addCallback(onSuccess)
                    [1s] getPage("/flaky") fails: connection lost
                      retry: ERROR connection lost; calling getPage again
                    [2s] getPage("/flaky") answers
                      onSuccess: SUCCESS <h1>NEAT</h1>

                    == 6. Failure.trap handles the errors it names and passes the others on
                    lookup("ghost").addErrback(notFound).addCallback(onSuccess).addErrback(onError)
                      notFound: the failure is NoSuchElementException; f.trap(NoSuchElementException)
                      notFound: trapped; the answer is nobody
                      onSuccess: SUCCESS nobody
                    lookup("disk").addErrback(notFound).addCallback(onSuccess).addErrback(onError)
                      notFound: the failure is IOException; f.trap(NoSuchElementException)
                      onError: ERROR disk on fire
                      (trap rethrew the IOException, so onSuccess was skipped)
                    """, run.out());
        }

        @Test
        void writesNothingToStandardError() throws Exception {
            assertEquals("", Captured.run(new ErrbackDemo()).err());
        }

        @Test
        void isTheSameOnEveryRun() throws Exception {
            assertEquals(Captured.run(new ErrbackDemo()).out(), Captured.run(new ErrbackDemo()).out());
        }
    }

    @Nested
    class Declaration {
        @Test
        void isCalledErrbackDemo() {
            assertEquals("errback-demo", new ErrbackDemo().name());
        }

        @Test
        void takesNoOptionsOrArguments() {
            assertEquals(0, new ErrbackDemo().options().size() + new ErrbackDemo().positionals().size());
        }
    }
}
