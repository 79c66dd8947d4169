package dev.jtwisted.internet.ssl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM text with the JDK alone (no BouncyCastle), as
 * OpenSSL and Twisted write them. One text may hold several blocks (a key and its certificate,
 * as in Twisted's {@code server.pem}); blocks of other kinds are skipped.
 *
 * <p>Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519/Ed448, DSA), PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}) are read; encrypted
 * keys ({@code BEGIN ENCRYPTED PRIVATE KEY}, or a {@code Proc-Type: 4,ENCRYPTED} header) are
 * refused, saying how to decrypt them ({@code openssl pkey -in key.pem -out plain.pem}).
 *
 * <p>Twisted: {@code Certificate.loadPEM}, {@code KeyPair.load(data, FILETYPE_PEM)}.
 */
public final class PEM {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    /** rsaEncryption, 1.2.840.113549.1.1.1, with its NULL parameters: PKCS#1 keys wrapped into PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** id-ecPublicKey, 1.2.840.10045.2.1, without its curve. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "EdDSA", "DSA",
            "RSASSA-PSS", "X25519", "X448");

    private PEM() {}

    /**
     * Every certificate in {@code pem}, in order.
     *
     * @throws IllegalArgumentException if there is none, or one is malformed
     */
    public static List<X509Certificate> loadCertificates(String pem) {
        return certificates(Objects.requireNonNull(pem, "pem"), "the PEM text");
    }

    /**
     * The private key in {@code pem}: the first key block.
     *
     * @throws IllegalArgumentException if there is none, it is encrypted, or it is malformed
     */
    public static PrivateKey loadPrivateKey(String pem) {
        return privateKey(Objects.requireNonNull(pem, "pem"), "the PEM text");
    }

    /**
     * Every certificate in the PEM file {@code path}, in order.
     *
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws IllegalArgumentException naming the file if it holds no certificate, or a bad one
     */
    public static List<X509Certificate> readCertificates(Path path) {
        return certificates(read(path, "certificate"), path.toString());
    }

    /**
     * The private key in the PEM file {@code path}.
     *
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws IllegalArgumentException naming the file if it holds no usable key
     */
    public static PrivateKey readPrivateKey(Path path) {
        return privateKey(read(path, "private key"), path.toString());
    }

    private static String read(Path path, String what) {
        Objects.requireNonNull(path, "path");
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " file " + path + ": " + e, e);
        }
    }

    private static List<X509Certificate> certificates(String pem, String source) {
        List<X509Certificate> found = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE") && !m.group(1).equals("TRUSTED CERTIFICATE")) {
                continue;
            }
            byte[] der = decode(m.group(2), source);
            try {
                found.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("certificate " + (found.size() + 1) + " in " + source
                        + " is malformed: " + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate (BEGIN CERTIFICATE) in " + source);
        }
        return List.copyOf(found);
    }

    private static PrivateKey privateKey(String pem, String source) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("ENCRYPTED PRIVATE KEY") || (type.endsWith("PRIVATE KEY")
                    && m.group(2).contains("Proc-Type:"))) {
                throw new IllegalArgumentException("the private key in " + source + " is encrypted, which is not"
                        + " supported: decrypt it with 'openssl pkey -in KEY -out PLAIN'");
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(decode(m.group(2), source), source);
                case "RSA PRIVATE KEY":
                    return pkcs8(sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM,
                            tlv(0x04, decode(m.group(2), source)))), source);
                case "EC PRIVATE KEY":
                    return pkcs8(sec1ToPkcs8(decode(m.group(2), source), source), source);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("no PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or"
                + " BEGIN EC PRIVATE KEY) in " + source);
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Not this algorithm: the next one may read it.
            }
        }
        throw new IllegalArgumentException("the private key in " + source + " is malformed, or of a kind this JDK"
                + " cannot read (tried " + String.join(", ", KEY_ALGORITHMS) + ")");
    }

    /**
     * SEC1 {@code ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
     * [0] parameters (the curve's OID), [1] publicKey }} wrapped as a PKCS#8 {@code PrivateKeyInfo}
     * whose algorithm names that curve.
     */
    private static byte[] sec1ToPkcs8(byte[] sec1, String source) {
        try {
            Der outer = new Der(sec1, 0);
            if (outer.tag != 0x30) {
                throw new IllegalArgumentException("not a SEQUENCE");
            }
            int at = outer.start;
            byte[] curve = null;
            while (at < outer.end) {
                Der field = new Der(sec1, at);
                if (field.tag == 0xa0) {
                    Der oid = new Der(sec1, field.start);
                    curve = Arrays.copyOfRange(sec1, oid.offset, oid.end);
                }
                at = field.end;
            }
            if (curve == null) {
                throw new IllegalArgumentException("it does not name its curve");
            }
            byte[] algorithm = sequence(concat(EC_PUBLIC_KEY, curve));
            return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1)));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the EC private key in " + source + " is malformed: " + e.getMessage(), e);
        }
    }

    /** One DER element at {@code offset}: its tag, where its contents start, where it ends. */
    private static final class Der {
        final int offset;
        final int tag;
        final int start;
        final int end;

        Der(byte[] der, int offset) {
            this.offset = offset;
            this.tag = der[offset] & 0xff;
            int lengthByte = der[offset + 1] & 0xff;
            int length;
            int contents;
            if (lengthByte < 0x80) {
                length = lengthByte;
                contents = offset + 2;
            } else {
                int n = lengthByte & 0x7f;
                if (n == 0 || n > 3) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (der[offset + 2 + i] & 0xff);
                }
                contents = offset + 2 + n;
            }
            if (contents + length > der.length) {
                throw new IllegalArgumentException("DER element runs past the end");
            }
            this.start = contents;
            this.end = contents + length;
        }
    }

    private static byte[] sequence(byte[] contents) {
        return tlv(0x30, contents);
    }

    private static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int n = contents.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a PEM block in " + source + " is not valid base64: " + e.getMessage(), e);
        }
    }
}
