package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;
import dev.jtwisted.python.failure.Failure;

/**
 * Step 2: step 1 again, with every event handler written out, doing nothing: the events a
 * protocol gets, in the order it gets them.
 *
 * <p>Twisted: the tutorial's "How To Use Twisted to Do Nothing (But Work Hard)", whose
 * {@code FingerProtocol} defines {@code connectionMade}, {@code connectionLost} and
 * {@code dataReceived} as {@code pass}.
 */
final class WorkHard {
    private WorkHard() {}

    static final class FingerProtocol extends Protocol {
        @Override
        public void connectionMade() {}

        @Override
        public void dataReceived(byte[] data) {}

        @Override
        public void connectionLost(Failure reason) {}
    }

    static final class FingerFactory extends ServerFactory {
        FingerFactory() {
            protocol = FingerProtocol::new;
        }
    }
}
