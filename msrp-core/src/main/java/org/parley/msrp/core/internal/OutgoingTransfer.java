package org.parley.msrp.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpProgressListener;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** An outgoing message being sent: how far it has been read, written and confirmed. Session event loop only. */
final class OutgoingTransfer {

    private static final Logger log = LoggerFactory.getLogger(OutgoingTransfer.class);

    final OutgoingMessage message;
    final String messageId;
    final CompletableFuture<MsrpSendResult> result;
    final RangeSet acknowledged = new RangeSet();
    final RangeSet reported = new RangeSet();
    /** Transactions of this message still waiting for a response. */
    final java.util.Set<String> pendingTransactions = new java.util.HashSet<>(4);
    /** Bytes read from the source and put into chunks. */
    long offset;
    /** Bytes whose chunks have been written to the connection. */
    long bytesSent;
    int chunks;
    int awaitingResponses;
    boolean allWritten;
    boolean writeComplete;
    /** For a body of unknown length, the chunk after the current one, read early to know which chunk is last. */
    private ByteBuf lookahead;
    private boolean sourceDone;
    private boolean sourceClosed;

    OutgoingTransfer(OutgoingMessage message, String messageId, CompletableFuture<MsrpSendResult> result) {
        this.message = message;
        this.messageId = messageId;
        this.result = result;
    }

    /** Reads the next chunk of at most {@code chunkSize} bytes; an empty body gives one empty chunk. */
    ByteBuf nextChunk(ByteBufAllocator alloc, int chunkSize) throws IOException {
        long length = message.source().length();
        ByteBuf chunk = lookahead != null ? lookahead : read(alloc, length < 0 ? chunkSize
                : (int) Math.min(chunkSize, length - offset));
        lookahead = null;
        if (length >= 0) {
            long expected = Math.min(chunkSize, length - offset);
            if (chunk.readableBytes() < expected) {
                chunk.release();
                throw new IOException("the body ended after " + (offset + chunk.readableBytes()) + " of " + length
                        + " bytes");
            }
            sourceDone = offset + chunk.readableBytes() >= length;
        } else {
            ByteBuf next;
            try {
                next = read(alloc, chunkSize);
            } catch (IOException | RuntimeException e) {
                chunk.release();
                throw e;
            }
            if (next.isReadable()) {
                lookahead = next;
            } else {
                next.release();
                sourceDone = true;
            }
        }
        return chunk;
    }

    private ByteBuf read(ByteBufAllocator alloc, int size) throws IOException {
        ByteBuf buf = alloc.buffer(Math.max(size, 0));
        try {
            int n = 0;
            while (buf.writerIndex() < size && n >= 0) {
                n = message.source().read(buf, size - buf.writerIndex());
            }
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e;
        }
        return buf;
    }

    boolean finishedReading() {
        return sourceDone;
    }

    void progress() {
        MsrpProgressListener progress = message.progressListener();
        if (progress == null) {
            return;
        }
        long confirmed = Math.max(acknowledged.coveredBytes(), reported.coveredBytes());
        try {
            progress.onProgress(messageId, bytesSent, confirmed, sourceDone ? offset : message.source().length());
        } catch (RuntimeException e) {
            log.warn("Progress listener of message {} threw", messageId, e);
        }
    }

    void fail(MsrpException cause) {
        closeSource();
        result.completeExceptionally(cause);
    }

    void closeSource() {
        if (lookahead != null) {
            lookahead.release();
            lookahead = null;
        }
        if (sourceClosed) {
            return;
        }
        sourceClosed = true;
        try {
            message.source().close();
        } catch (IOException e) {
            log.warn("Closing the body of message {} failed", messageId, e);
        }
    }
}
