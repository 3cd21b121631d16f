package org.parley.msrp.core.internal;

import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.codec.FailureReport;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;

/** An incoming message being reassembled from its chunks (RFC 4975 §7.3.1). Session event loop only. */
final class IncomingTransfer implements IncomingMessage {

    private final MsrpSession session;
    private final String messageId;
    private final MsrpContentType contentType;
    private final String contentDisposition;
    private final long totalSize;
    private final SuccessReport successReport;
    private final FailureReport failureReport;
    /** The From-Path of the first chunk: where REPORTs go (RFC 4975 §7.1.2). */
    final String fromPath;
    final RangeSet received = new RangeSet();
    MessageSink sink;
    long size = -1;
    /** The total from any chunk's Byte-Range, or -1. */
    long total;
    /** The end of the chunk flagged {@code $}, or -1. */
    long lastChunkEnd = -1;
    boolean aborted;
    /**
     * The first bytes of a {@code message/cpim} body, kept until its wrapped content type is known and checked
     * against the accepted types (RFC 4975 §8.6); null when no check is needed or it is done.
     */
    java.io.ByteArrayOutputStream wrappedHead;

    IncomingTransfer(MsrpSession session, String messageId, MsrpContentType contentType, String contentDisposition,
                     long totalSize, SuccessReport successReport, FailureReport failureReport, String fromPath) {
        this.session = session;
        this.messageId = messageId;
        this.contentType = contentType;
        this.contentDisposition = contentDisposition;
        this.totalSize = totalSize;
        this.total = totalSize;
        this.successReport = successReport;
        this.failureReport = failureReport;
        this.fromPath = fromPath;
    }

    @Override
    public MsrpSession session() {
        return session;
    }

    @Override
    public String messageId() {
        return messageId;
    }

    @Override
    public MsrpContentType contentType() {
        return contentType;
    }

    @Override
    public String contentDisposition() {
        return contentDisposition;
    }

    @Override
    public long totalSize() {
        return totalSize;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SuccessReport successReport() {
        return successReport;
    }

    @Override
    public FailureReport failureReport() {
        return failureReport;
    }

    @Override
    public MessageSink sink() {
        return sink;
    }

    @Override
    public String toString() {
        return "IncomingMessage[" + messageId + ", " + contentType + ", " + (size >= 0 ? size : totalSize)
                + " bytes]";
    }
}
