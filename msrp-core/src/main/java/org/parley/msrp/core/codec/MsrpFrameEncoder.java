package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes MSRP frame pieces into bytes (RFC 4975 §7.1, §9). A frame is written as a {@link MsrpFrameHead}, then any
 * number of {@link MsrpContent} pieces, then one {@link LastMsrpContent}; or as one {@link FullMsrpFrame}.
 *
 * <p>The encoder writes the start line, the headers in their order, the blank line before a body, the body, and the
 * end-line {@code -------<transaction-id><flag>}, preceded by a CRLF when there is a body. Whether there is a body is
 * {@link MsrpFrameHead#hasBody()}: RFC 4975 §7.1 has a request with a body carry Content-Type (as its last header)
 * and a request without one carry none. Body pieces are passed on without copying.
 *
 * <p>Write failures (the promise fails with an {@code EncoderException} whose cause says why):
 * <ul>
 * <li>{@link IllegalStateException} naming the encoder's state when pieces come out of order: a head while a frame
 *     is open, or a body piece before any head;</li>
 * <li>{@link IllegalArgumentException} for a head whose decoder result failed, when body bytes follow a head
 *     without Content-Type, or when the body
 *     contains its own end-line ({@code -------} and the transaction id and a flag). RFC 4975 §7.1 then has the
 *     sender choose another transaction id; the frame cannot be completed and the connection should be closed.</li>
 * </ul>
 *
 * <p>An instance keeps per-connection state and cannot be shared.
 */
public final class MsrpFrameEncoder extends MessageToMessageEncoder<MsrpFrameObject> {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] START = {'M', 'S', 'R', 'P', ' '};
    /** A body up to this size is copied next to its head or end-line to write one buffer instead of several. */
    private static final int COPY_THRESHOLD = 1024;

    private enum State {
        EXPECT_HEAD,
        EXPECT_BODY,
        EXPECT_NO_BODY
    }

    private State state = State.EXPECT_HEAD;
    private String transactionId;
    /** Seven dashes and the transaction id: with a flag after it, a string the body must never contain. */
    private byte[] endLine;
    /** The last body bytes of the open frame, to find an end-line split between two pieces. */
    private byte[] window;
    private int windowLength;

    /** Creates an encoder. */
    public MsrpFrameEncoder() {
        super(MsrpFrameObject.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpFrameObject msg, List<Object> out) {
        if (msg instanceof FullMsrpFrame) {
            FullMsrpFrame frame = (FullMsrpFrame) msg;
            beginFrame(frame.head());
            try {
                checkBody(frame.content());
            } catch (IllegalArgumentException e) {
                // Nothing of this frame was written, so the connection stays usable for a corrected frame.
                state = State.EXPECT_HEAD;
                throw e;
            }
            ByteBuf body = frame.content();
            ByteBuf head = ctx.alloc().buffer(256 + (body.readableBytes() <= COPY_THRESHOLD
                    ? body.readableBytes() + trailerLength() : 0));
            writeHead(frame.head(), head);
            writeLast(ctx, head, body, frame.flag(), out);
        } else if (msg instanceof MsrpFrameHead) {
            MsrpFrameHead head = (MsrpFrameHead) msg;
            beginFrame(head);
            ByteBuf buf = ctx.alloc().buffer(256);
            writeHead(head, buf);
            out.add(buf);
        } else if (msg instanceof LastMsrpContent) {
            LastMsrpContent last = (LastMsrpContent) msg;
            requireOpenFrame(msg);
            checkBody(last.content());
            writeLast(ctx, null, last.content(), last.flag(), out);
        } else if (msg instanceof MsrpContent) {
            requireOpenFrame(msg);
            ByteBuf body = ((MsrpContent) msg).content();
            checkBody(body);
            // MessageToMessageEncoder wants at least one output message, even for an empty piece.
            out.add(body.isReadable() ? body.retain() : Unpooled.EMPTY_BUFFER);
        } else {
            throw new IllegalArgumentException("unsupported MSRP frame object " + msg.getClass().getName());
        }
    }

    private void beginFrame(MsrpFrameHead head) {
        if (state != State.EXPECT_HEAD) {
            throw new IllegalStateException("unexpected " + head.getClass().getSimpleName() + " in state " + state
                    + ": transaction " + transactionId + " has not ended with a LastMsrpContent");
        }
        if (head.decoderResult().isFailure()) {
            throw new IllegalArgumentException("an MSRP frame head that failed to decode cannot be encoded: "
                    + head.decoderResult().cause().getMessage());
        }
        String tid = head.transactionId();
        transactionId = tid;
        endLine = ("-------" + tid).getBytes(StandardCharsets.US_ASCII);
        windowLength = 0;
        state = head.hasBody() ? State.EXPECT_BODY : State.EXPECT_NO_BODY;
    }

    private void writeHead(MsrpFrameHead head, ByteBuf buf) {
        buf.writeBytes(START);
        ByteBufUtil.writeAscii(buf, transactionId);
        buf.writeByte(' ');
        if (head instanceof MsrpRequestHead) {
            ByteBufUtil.writeAscii(buf, ((MsrpRequestHead) head).method().name());
        } else {
            MsrpStatus status = ((MsrpResponseHead) head).status();
            ByteBufUtil.writeAscii(buf, Integer.toString(status.code()));
            if (status.comment() != null) {
                buf.writeByte(' ');
                ByteBufUtil.writeUtf8(buf, status.comment());
            }
        }
        buf.writeBytes(CRLF);
        MsrpHeaders headers = head.headers();
        for (int i = 0; i < headers.size(); i++) {
            ByteBufUtil.writeAscii(buf, headers.nameAt(i));
            buf.writeByte(':').writeByte(' ');
            ByteBufUtil.writeUtf8(buf, headers.valueAt(i));
            buf.writeBytes(CRLF);
        }
        if (state == State.EXPECT_BODY) {
            buf.writeBytes(CRLF);
        }
    }

    /**
     * Writes the last body bytes and the end-line. A small body is copied behind {@code prefix} (the head of a
     * full frame, or nothing) into one buffer; a large one is passed on as it is, followed by the end-line.
     */
    private void writeLast(ChannelHandlerContext ctx, ByteBuf prefix, ByteBuf body, ContinuationFlag flag,
                           List<Object> out) {
        ByteBuf trailer;
        if (body.readableBytes() <= COPY_THRESHOLD) {
            trailer = prefix != null ? prefix : ctx.alloc().buffer(body.readableBytes() + trailerLength());
            trailer.writeBytes(body, body.readerIndex(), body.readableBytes());
        } else {
            if (prefix != null) {
                out.add(prefix);
            }
            out.add(body.retain());
            trailer = ctx.alloc().buffer(trailerLength());
        }
        if (state == State.EXPECT_BODY) {
            trailer.writeBytes(CRLF);
        }
        trailer.writeBytes(endLine).writeByte(flag.symbol()).writeBytes(CRLF);
        out.add(trailer);
        state = State.EXPECT_HEAD;
        transactionId = null;
    }

    private void requireOpenFrame(MsrpFrameObject msg) {
        if (state == State.EXPECT_HEAD) {
            throw new IllegalStateException("unexpected " + msg.getClass().getSimpleName() + " in state " + state
                    + ": a frame head must come first");
        }
    }

    private int trailerLength() {
        return CRLF.length + endLine.length + 1 + CRLF.length;
    }

    /** Refuses body bytes the frame cannot carry: any for a bodiless head, or the frame's own end-line. */
    private void checkBody(ByteBuf body) {
        if (!body.isReadable()) {
            return;
        }
        if (state == State.EXPECT_NO_BODY) {
            throw new IllegalArgumentException("transaction " + transactionId
                    + " has body bytes but no Content-Type header (RFC 4975 §7.1)");
        }
        int patternLength = endLine.length + 1;
        if (windowLength > 0) {
            int take = Math.min(body.readableBytes(), patternLength - 1);
            byte[] joined = new byte[windowLength + take];
            System.arraycopy(window, 0, joined, 0, windowLength);
            body.getBytes(body.readerIndex(), joined, windowLength, take);
            for (int start = 0; start < windowLength && start + patternLength <= joined.length; start++) {
                if (matchesEndLine(joined, start)) {
                    throw endLineInBody();
                }
            }
        }
        int end = body.writerIndex();
        for (int i = body.indexOf(body.readerIndex(), end, (byte) '-');
                i >= 0 && end - i >= patternLength; i = body.indexOf(i + 1, end, (byte) '-')) {
            if (matchesEndLine(body, i)) {
                throw endLineInBody();
            }
        }
        slideWindow(body, patternLength - 1);
    }

    private IllegalArgumentException endLineInBody() {
        return new IllegalArgumentException("the body of transaction " + transactionId + " contains its end-line "
                + new String(endLine, StandardCharsets.US_ASCII)
                + " with a flag; send it with another transaction id (RFC 4975 §7.1)");
    }

    private boolean matchesEndLine(byte[] bytes, int start) {
        for (int i = 0; i < endLine.length; i++) {
            if (bytes[start + i] != endLine[i]) {
                return false;
            }
        }
        return ContinuationFlag.fromSymbol(bytes[start + endLine.length]) != null;
    }

    private boolean matchesEndLine(ByteBuf body, int start) {
        for (int i = 0; i < endLine.length; i++) {
            if (body.getByte(start + i) != endLine[i]) {
                return false;
            }
        }
        return ContinuationFlag.fromSymbol(body.getByte(start + endLine.length)) != null;
    }

    /** Keeps the last {@code keep} bytes of everything checked so far. */
    private void slideWindow(ByteBuf body, int keep) {
        if (window == null || window.length < keep) {
            window = new byte[keep];
        }
        int fromBody = Math.min(body.readableBytes(), keep);
        int fromWindow = Math.min(windowLength, keep - fromBody);
        System.arraycopy(window, windowLength - fromWindow, window, 0, fromWindow);
        body.getBytes(body.writerIndex() - fromBody, window, fromWindow, fromBody);
        windowLength = fromWindow + fromBody;
    }
}
