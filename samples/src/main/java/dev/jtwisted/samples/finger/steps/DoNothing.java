package dev.jtwisted.samples.finger.steps;

import dev.jtwisted.internet.Protocol;
import dev.jtwisted.internet.ServerFactory;

/**
 * Step 1: accepts connections and hangs them. The protocol is empty: the default event
 * handlers throw the events away, so a client may talk for as long as it likes and hears
 * nothing back.
 *
 * <p>Twisted: the tutorial's "How To Use Twisted to Do Nothing":
 * <pre>
 * class FingerProtocol(protocol.Protocol):
 *     pass
 * class FingerFactory(protocol.ServerFactory):
 *     protocol = FingerProtocol
 * </pre>
 */
final class DoNothing {
    private DoNothing() {}

    static final class FingerProtocol extends Protocol {}

    static final class FingerFactory extends ServerFactory {
        FingerFactory() {
            protocol = FingerProtocol::new;
        }
    }
}
