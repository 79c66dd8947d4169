package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.IReactorProcess;
import dev.jtwisted.internet.defer.Deferred;

/**
 * Step 11: step 10 with its output whitewashed: "Microsoft" becomes "It which cannot be
 * named". One more callback on the program's Deferred changes the result before the protocol
 * sees it.
 *
 * <p>Twisted: the tutorial's second listing of "Using Twisted to Do The Standard Thing":
 * {@code d.addCallback(lambda s: s.replace('Microsoft', 'It which cannot be named'))}.
 */
final class Whitewashed {
    private Whitewashed() {}

    static final class FingerFactory extends StandardThing.FingerFactory {
        FingerFactory(IReactorProcess reactor, String program) {
            super(reactor, program);
        }

        @Override
        public Deferred<String> getUser(String user) {
            return super.getUser(user).addCallback(s -> s.replace("Microsoft", "It which cannot be named"));
        }
    }
}
