package dev.jtwisted.web.client;

import dev.jtwisted.web.error.Error;

/**
 * A response body did not end cleanly: {@link #response()} holds the bytes that did arrive.
 * {@code Client.readBody} fails with it for a body delimited by the connection's close (see
 * {@link PotentialDataLoss}), and for one cut short, whose reason is then the
 * {@linkplain #getCause() cause}.
 *
 * <p>Twisted: {@code twisted.web.client.PartialDownloadError}.
 */
public class PartialDownloadError extends Error {
    private static final long serialVersionUID = 1L;

    /**
     * @param code the response's status code
     * @param message its reason phrase
     * @param response the part of the body that arrived (kept, not copied)
     */
    public PartialDownloadError(int code, String message, byte[] response) {
        super(code, message, response);
    }

    PartialDownloadError(int code, String message, byte[] response, Throwable cause) {
        super(code, message, response);
        initCause(cause);
    }

    @Override
    public String getMessage() {
        return "partial download (" + response().length + " bytes) of a " + super.getMessage() + " response"
                + (getCause() == null ? "" : ": " + getCause().getMessage());
    }
}
