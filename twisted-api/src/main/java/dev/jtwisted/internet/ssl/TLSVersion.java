package dev.jtwisted.internet.ssl;

/**
 * A TLS protocol version, for {@link CertificateOptions}'s version bounds. SSLv3 is left out: no
 * current JDK will speak it. The JDK also disables TLS 1.0 and 1.1 by default
 * ({@code jdk.tls.disabledAlgorithms} in {@code java.security}); allowing them here does not
 * re-enable them.
 *
 * <p>Twisted: {@code twisted.internet.ssl.TLSVersion}.
 */
public enum TLSVersion {
    TLSv1_0("TLSv1"),
    TLSv1_1("TLSv1.1"),
    TLSv1_2("TLSv1.2"),
    TLSv1_3("TLSv1.3");

    private final String jdkName;

    TLSVersion(String jdkName) {
        this.jdkName = jdkName;
    }

    /** The JDK's name for it, as {@code SSLEngine.setEnabledProtocols} takes: {@code "TLSv1.2"}. */
    public String jdkName() {
        return jdkName;
    }
}
