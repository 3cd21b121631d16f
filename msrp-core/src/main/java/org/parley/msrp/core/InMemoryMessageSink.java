package org.parley.msrp.core;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link MessageSink} that keeps a message in a byte array of at most a given size. Made by
 * {@link MessageSink#inMemory(int)}.
 */
public final class InMemoryMessageSink implements MessageSink {

    private final int maxBytes;
    private byte[] bytes = new byte[0];
    private long size = -1;

    InMemoryMessageSink(int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 0: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Returns the largest message this sink accepts.
     *
     * @return the size limit in bytes
     */
    public int maxBytes() {
        return maxBytes;
    }

    @Override
    public void write(long offset, ByteBuf data) throws IOException {
        long end = offset + data.readableBytes();
        if (end > maxBytes) {
            throw new IOException("message larger than the " + maxBytes + " bytes this in-memory sink accepts");
        }
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(end, 2L * bytes.length)));
        }
        data.getBytes(data.readerIndex(), bytes, (int) offset, data.readableBytes());
    }

    @Override
    public void complete(long size) throws IOException {
        if (size > maxBytes) {
            throw new IOException("message of " + size + " bytes is larger than " + maxBytes);
        }
        this.size = size;
    }

    @Override
    public void abort(Throwable cause) {
        bytes = new byte[0];
    }

    /**
     * Returns the message.
     *
     * @return a copy of its bytes
     * @throws IllegalStateException if the message has not been received completely
     */
    public byte[] bytes() {
        if (size < 0) {
            throw new IllegalStateException("the message has not been received completely");
        }
        return Arrays.copyOf(bytes, (int) size);
    }

    /**
     * Returns the message as text.
     *
     * @param charset the body's character set
     * @return the decoded text
     * @throws IllegalStateException if the message has not been received completely
     */
    public String text(Charset charset) {
        return new String(bytes(), charset);
    }

    /**
     * Returns the message as UTF-8 text.
     *
     * @return the decoded text
     * @throws IllegalStateException if the message has not been received completely
     */
    public String text() {
        return text(StandardCharsets.UTF_8);
    }
}
