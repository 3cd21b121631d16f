package org.parley.msrp.core;

import io.netty.buffer.ByteBuf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Where the body of an {@link OutgoingMessage} comes from. The session reads it one chunk at a time, only when the
 * connection can take more (its Netty channel is writable), so that a body of any size is never held in memory
 * whole.
 *
 * <p>{@link #read(ByteBuf, int)} runs on the session's event loop, like Netty's {@code ChunkedInput}: it may read a
 * file or an in-memory stream, but must not wait for a network or a user. The session closes the source when the
 * message completes, fails or is cancelled.
 */
public interface MessageSource extends Closeable {

    /**
     * Returns the body length.
     *
     * @return the number of bytes, or -1 when unknown until the end is read (the Byte-Range total is then sent as
     *     {@code *} until the last chunk, RFC 4975 §7.1.1)
     */
    long length();

    /**
     * Reads up to {@code maxBytes} bytes into {@code target}.
     *
     * @param target the buffer to append to
     * @param maxBytes the most bytes to read, at least 1
     * @return the number of bytes read, at least 1, or -1 at the end of the body
     * @throws IOException if the body cannot be read; the message then fails with it
     */
    int read(ByteBuf target, int maxBytes) throws IOException;

    /**
     * A body held in memory.
     *
     * @param bytes the body; not copied, so it must not change until the message completes
     * @return a source of those bytes
     */
    static MessageSource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new MessageSource() {
            private int position;

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public int read(ByteBuf target, int maxBytes) {
                if (position == bytes.length) {
                    return -1;
                }
                int n = Math.min(maxBytes, bytes.length - position);
                target.writeBytes(bytes, position, n);
                position += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * A file, opened when the first chunk is sent and read in order.
     *
     * @param file the file; its size when this method runs is the body length
     * @return a source of the file's bytes
     * @throws IOException if the file's size cannot be read
     */
    static MessageSource ofFile(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = java.nio.file.Files.size(file);
        return new MessageSource() {
            private FileChannel channel;
            private long position;

            @Override
            public long length() {
                return size;
            }

            @Override
            public int read(ByteBuf target, int maxBytes) throws IOException {
                if (position == size) {
                    return -1;
                }
                if (channel == null) {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
                int n = target.writeBytes(channel, position, (int) Math.min(maxBytes, size - position));
                if (n < 0) {
                    throw new IOException("file " + file + " ended at " + position + " of " + size + " bytes");
                }
                position += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                if (channel != null) {
                    channel.close();
                }
            }
        };
    }

    /**
     * A stream of unknown length, read until it ends.
     *
     * @param in the stream; it is read on the session's event loop, so it must not block for long
     * @return a source of the stream's bytes
     */
    static MessageSource ofStream(InputStream in) {
        Objects.requireNonNull(in, "in");
        return new MessageSource() {
            @Override
            public long length() {
                return -1;
            }

            @Override
            public int read(ByteBuf target, int maxBytes) throws IOException {
                int n;
                do {
                    n = target.writeBytes(in, maxBytes);
                } while (n == 0);
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
