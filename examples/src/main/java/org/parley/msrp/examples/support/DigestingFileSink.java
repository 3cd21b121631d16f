package org.parley.msrp.examples.support;

import io.netty.buffer.ByteBuf;
import org.parley.msrp.core.FileMessageSink;
import org.parley.msrp.core.MessageSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Stores a message in a file and computes its SHA-256 on the way. Chunks usually arrive in order, and then every byte
 * is digested as it is written; when a chunk arrives out of order (RFC 4975 §7.3.1 allows it), {@link #sha256()}
 * reads the finished file instead, on the thread that asks, never on the session's event loop.
 */
public final class DigestingFileSink implements MessageSink {

    private final FileMessageSink file;
    private final MessageDigest digest = Sha256.newDigest();
    private long digested;
    private boolean outOfOrder;
    private volatile String sha256;
    private volatile boolean complete;

    /**
     * Creates a sink.
     *
     * @param path the file to write; created or replaced
     */
    public DigestingFileSink(Path path) {
        this.file = MessageSink.toFile(path);
    }

    @Override
    public void write(long offset, ByteBuf data) throws IOException {
        file.write(offset, data);
        if (outOfOrder) {
            return;
        }
        int readable = data.readableBytes();
        if (offset == digested) {
            digest.update(data.nioBuffer(data.readerIndex(), readable));
            digested += readable;
        } else if (offset + readable > digested) {
            // A gap or a partial overlap: the in-order digest cannot continue.
            outOfOrder = true;
        }
    }

    @Override
    public void complete(long size) throws IOException {
        file.complete(size);
        if (!outOfOrder && digested == size) {
            sha256 = Sha256.hex(digest.digest());
        }
        complete = true;
    }

    @Override
    public void abort(Throwable cause) {
        file.abort(cause);
    }

    /**
     * Returns the file.
     *
     * @return where the message is stored
     */
    public Path path() {
        return file.file();
    }

    /**
     * Returns the SHA-256 of the stored message. When its chunks came out of order, this reads the file: call it from
     * an application thread, not from a listener on the event loop.
     *
     * @return the digest in hex, or null before the message is complete
     * @throws UncheckedIOException if the file must be read and cannot be
     */
    public String sha256() {
        if (!complete) {
            return null;
        }
        if (sha256 == null) {
            try {
                sha256 = Sha256.ofFile(file.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sha256;
    }
}
