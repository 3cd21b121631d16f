package org.parley.msrp.examples.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the form {@code sha256sum} prints. */
public final class Sha256 {

    private Sha256() {
    }

    /**
     * Returns a new SHA-256 digest.
     *
     * @return the digest
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Digests bytes.
     *
     * @param bytes the bytes
     * @return the digest in hex
     */
    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /**
     * Digests a file. Blocks while it reads: not for an event loop.
     *
     * @param file the file
     * @return the digest in hex
     * @throws IOException if the file cannot be read
     */
    public static String ofFile(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest.digest());
    }

    /**
     * Formats a finished digest.
     *
     * @param digest the digest's bytes
     * @return lower-case hex
     */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
