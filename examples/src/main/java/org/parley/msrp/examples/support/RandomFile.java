package org.parley.msrp.examples.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Random;

/** Files of pseudo-random bytes for the examples to send: the same seed gives the same bytes. */
public final class RandomFile {

    private static final int BLOCK = 1024 * 1024;

    private RandomFile() {
    }

    /**
     * Writes a file of pseudo-random bytes, a block at a time, so that its size is not bounded by memory.
     *
     * @param file the file; created or replaced
     * @param size its size in bytes
     * @param seed the seed of the bytes
     * @return the SHA-256 of what was written, in hex
     * @throws IOException if the file cannot be written
     */
    public static String write(Path file, long size, long seed) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        Random random = new Random(seed);
        byte[] block = new byte[BLOCK];
        try (OutputStream to = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                to.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return Sha256.hex(digest.digest());
    }
}
