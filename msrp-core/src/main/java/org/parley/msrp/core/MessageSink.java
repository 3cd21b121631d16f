package org.parley.msrp.core;

import io.netty.buffer.ByteBuf;
import org.parley.msrp.core.codec.MsrpStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the body of an incoming message goes. An application returns one from
 * {@link MsrpSessionListener#onMessageStart(IncomingMessage)}: {@link #inMemory(int)}, {@link #toFile(Path)}, its
 * own implementation that streams the bytes elsewhere, or {@link #refuse(MsrpStatus)}.
 *
 * <p>Chunks of a message may arrive in any order (RFC 4975 §7.3.1), so bytes come with their offset in the message;
 * a range may even be written twice when chunks overlap. All methods run on the session's event loop.
 */
public interface MessageSink {

    /**
     * Stores bytes of the message.
     *
     * @param offset where {@code data} starts in the message, from 0
     * @param data the bytes; owned by the caller, which releases them after this returns
     * @throws IOException if they cannot be stored; the message then fails, and the sender is told with 413 (stop
     *     sending this message, RFC 4975 §10.5) when it asked for error responses
     */
    void write(long offset, ByteBuf data) throws IOException;

    /**
     * Called once every byte has been written.
     *
     * @param size the message's size in bytes
     * @throws IOException if the message cannot be completed (e.g. a file cannot be closed); it then counts as
     *     aborted
     */
    void complete(long size) throws IOException;

    /**
     * Called when the message will not complete: the sender aborted it, the connection was lost, or a write failed.
     * Release what the sink holds.
     *
     * @param cause why
     */
    void abort(Throwable cause);

    /**
     * Tells whether this sink refuses the message.
     *
     * @return the status to refuse with, or null to accept (the default)
     */
    default MsrpStatus refusal() {
        return null;
    }

    /**
     * A sink that keeps the message in memory, up to a size.
     *
     * @param maxBytes the largest message accepted; a larger one is refused with 413
     * @return a new sink; read it with {@link InMemoryMessageSink#bytes()} once the message is received
     */
    static InMemoryMessageSink inMemory(int maxBytes) {
        return new InMemoryMessageSink(maxBytes);
    }

    /**
     * A sink that writes the message to a file, created or truncated when the first bytes arrive.
     *
     * @param file the file
     * @return a new sink
     */
    static FileMessageSink toFile(Path file) {
        return new FileMessageSink(file);
    }

    /**
     * Refuses the message: the chunk that started it, and every later chunk of it, is answered with {@code status}
     * (when the sender asked for error responses, RFC 4975 §7.2).
     *
     * @param status an error status, e.g. {@link MsrpStatus#UNSUPPORTED_MEDIA_TYPE} or
     *     {@link MsrpStatus#STOP_SENDING_MESSAGE}
     * @return a sink that accepts nothing
     */
    static MessageSink refuse(MsrpStatus status) {
        Objects.requireNonNull(status, "status");
        if (status.isSuccess()) {
            throw new IllegalArgumentException("a refusal needs an error status, not " + status);
        }
        return new MessageSink() {
            @Override
            public void write(long offset, ByteBuf data) throws IOException {
                throw new IOException("message refused with " + status);
            }

            @Override
            public void complete(long size) throws IOException {
                throw new IOException("message refused with " + status);
            }

            @Override
            public void abort(Throwable cause) {
            }

            @Override
            public MsrpStatus refusal() {
                return status;
            }
        };
    }
}
