package dev.jtwisted.samples.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtwisted.samples.Captured;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10) // the body runs on a thread of its own: never hang the build if it stops handing back
class InlineDemoTest {

    @Nested
    class Output {
        @Test
        void readsLikeSequentialCodeOnFakeTime() throws Exception {
            Captured run = Captured.run(new InlineDemo());
            assertEquals("""
                    [0s] inlineCallbacks: start
                    [1s] SUCCESS NEAT
                    [2s] ERROR connection lost; asking again
                    [3s] SUCCESS <h1>NEAT</h1>
                    [4s] no user ghost; the answer is nobody
                    [4s] SUCCESS nobody
                    [4s] lookup("disk") is not in a try: its error ends the body
                    [5s] onError: ERROR disk on fire
                    """, run.out());
            assertEquals("", run.err());
        }

        @Test
        void isTheSameOnEveryRun() throws Exception {
            for (int i = 0; i < 20; i++) {
                assertEquals(Captured.run(new InlineDemo()).out(), Captured.run(new InlineDemo()).out());
            }
        }
    }

    @Nested
    class Declaration {
        @Test
        void isCalledInlineDemo() {
            assertEquals("inline-demo", new InlineDemo().name());
        }
    }
}
