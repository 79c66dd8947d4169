package dev.jtwisted.samples.upper;

import dev.jtwisted.internet.Protocol;

/**
 * Sends back what arrives in upper case, then closes the connection: one request, one answer.
 * Only ASCII letters change; any other byte (UTF-8 included) goes back as it came.
 *
 * <p>The training notes that the {@code loseConnection} is optional: without it the server
 * would keep answering. The simple clients rely on it to know the answer is complete.
 *
 * <p>Twisted: {@code UpperProtocol} in the training's {@code upperserver.py}.
 */
class UpperProtocol extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
        transport.write(upper(data));
        transport.loseConnection();
    }

    /** {@code data} with a to z made A to Z; Python 2's {@code str.upper()} in the C locale. */
    static byte[] upper(byte[] data) {
        byte[] upper = data.clone();
        for (int i = 0; i < upper.length; i++) {
            if (upper[i] >= 'a' && upper[i] <= 'z') {
                upper[i] -= 'a' - 'A';
            }
        }
        return upper;
    }
}
