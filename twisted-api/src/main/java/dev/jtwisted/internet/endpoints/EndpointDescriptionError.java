package dev.jtwisted.internet.endpoints;

/**
 * An endpoint description string could not be parsed: its message names the bad part (an
 * unknown type or keyword, a missing argument, a value that is not a number or out of range)
 * and quotes the description.
 *
 * <p>Twisted raises {@code ValueError} or {@code TypeError} for these; this is an
 * {@link IllegalArgumentException}, so code catching that catches it too.
 */
public class EndpointDescriptionError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private String description;

    /**
     * @param problem what is wrong, naming the bad part, e.g. {@code port must be an integer: 'abc'};
     *     {@code serverFromString} and {@code clientFromString} add the whole description
     */
    public EndpointDescriptionError(String problem) {
        super(problem);
        this.problem = problem;
    }

    /** What is wrong, without the description. */
    public String problem() {
        return problem;
    }

    /** The whole description, or null if the error was raised outside of a description's parse. */
    public String description() {
        return description;
    }

    /** Attaches {@code fullDescription} if none is attached yet; returns this, to rethrow. */
    EndpointDescriptionError in(String fullDescription) {
        if (description == null) {
            description = fullDescription;
        }
        return this;
    }

    @Override
    public String getMessage() {
        if (description == null) {
            return problem;
        }
        return "invalid endpoint description \"" + description + "\": " + problem;
    }
}
