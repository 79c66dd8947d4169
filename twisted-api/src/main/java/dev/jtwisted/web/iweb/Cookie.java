package dev.jtwisted.web.iweb;

/**
 * The attributes of an outgoing cookie: Twisted's keyword arguments of {@code addCookie}, set by
 * name ({@code new Cookie().path("/").httpOnly(true)}). Unset attributes are not sent.
 *
 * <p>Twisted: the keywords of {@code twisted.web.http.Request.addCookie}.
 */
public final class Cookie {
    String expires;
    String domain;
    String path;
    String maxAge;
    String comment;
    boolean secure;
    boolean httpOnly;
    String sameSite;

    /** An HTTP date, e.g. {@code Http.datetimeToString(t)}. */
    public Cookie expires(String expires) {
        this.expires = expires;
        return this;
    }

    public Cookie domain(String domain) {
        this.domain = domain;
        return this;
    }

    public Cookie path(String path) {
        this.path = path;
        return this;
    }

    /** Twisted: {@code max_age}. */
    public Cookie max_age(long seconds) {
        this.maxAge = Long.toString(seconds);
        return this;
    }

    public Cookie comment(String comment) {
        this.comment = comment;
        return this;
    }

    public Cookie secure(boolean secure) {
        this.secure = secure;
        return this;
    }

    public Cookie httpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
        return this;
    }

    /**
     * {@code "lax"} or {@code "strict"} (any case).
     *
     * @throws IllegalArgumentException for anything else, as Twisted's ValueError
     */
    public Cookie sameSite(String sameSite) {
        String s = sameSite.toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("lax") && !s.equals("strict")) {
            throw new IllegalArgumentException("Invalid value for sameSite: " + sameSite);
        }
        this.sameSite = s;
        return this;
    }

    /**
     * The {@code Set-Cookie} value for {@code key=value} with these attributes, each part
     * sanitised as Twisted does (line breaks and semicolons become spaces).
     */
    public String format(String key, String value) {
        StringBuilder b = new StringBuilder().append(sanitize(key)).append('=').append(sanitize(value));
        append(b, "Expires", expires);
        append(b, "Domain", domain);
        append(b, "Path", path);
        append(b, "Max-Age", maxAge);
        append(b, "Comment", comment);
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (sameSite != null) {
            b.append("; SameSite=").append(sameSite);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String name, String v) {
        if (v != null) {
            b.append("; ").append(name).append('=').append(sanitize(v));
        }
    }

    private static String sanitize(String v) {
        return v.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace(';', ' ');
    }
}
