package dev.jtwisted.web.client;

import dev.jtwisted.python.failure.Failure;
import java.util.List;

/** The messages of the wrapper exceptions. Not API. */
final class Errors {
    private Errors() {}

    static String describe(String what, List<Failure> reasons) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException(what + ": reasons is empty");
        }
        StringBuilder b = new StringBuilder(what).append(": ");
        for (int i = 0; i < reasons.size(); i++) {
            Throwable t = reasons.get(i).value();
            String m = t.getMessage();
            b.append(i > 0 ? "; " : "").append(t.getClass().getSimpleName());
            if (m != null && !m.isEmpty()) {
                b.append(": ").append(m);
            }
        }
        return b.toString();
    }

    static Throwable firstCause(List<Failure> reasons) {
        return reasons.isEmpty() ? null : reasons.get(0).value();
    }
}
