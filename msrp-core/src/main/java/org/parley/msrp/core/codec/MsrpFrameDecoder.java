package org.parley.msrp.core.codec;


import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.parley.msrp.core.internal.UntrustedText.quote;

/**
 * Decodes bytes into MSRP frame pieces (RFC 4975 §5.1, §9): for every frame a {@link MsrpFrameHead}, then zero or
 * more {@link MsrpContent} pieces of at most {@link MsrpDecoderConfig#maxChunkSize()} bytes, then exactly one
 * {@link LastMsrpContent} carrying the end-line's continuation flag.
 *
 * <p>For example the bytes
 * <pre>
 * MSRP a786hjs2 SEND
 * To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp
 * From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp
 * Message-ID: 87652491
 * Byte-Range: 1-25/25
 * Content-Type: text/plain
 *
 * Hey Bob, are you there?
 * -------a786hjs2$
 * </pre>
 * become a {@link MsrpRequestHead} (transaction id {@code a786hjs2}, method SEND, five headers) and a
 * {@link LastMsrpContent} holding the 23 bytes {@code Hey Bob, are you there?} with flag
 * {@link ContinuationFlag#COMPLETE}. A response or a bodiless request becomes a head and an empty last piece.
 *
 * <p><b>Framing.</b> The body is the bytes between the blank line after the headers and the CRLF that precedes the
 * end-line {@code -------<transaction-id><flag>} (RFC 4975 §9). The decoder finds the end of a body by that end-line
 * alone, never by Byte-Range, so a body may contain {@code -------} followed by any other transaction id. Bodies are
 * emitted as retained slices of the received buffers as they arrive; only the few bytes that might begin the
 * end-line are held back until the next read, so memory stays bounded whatever the body size.
 *
 * <p><b>Bad input.</b> Nothing is thrown through the pipeline. When the input breaks RFC 4975 §9 or passes a limit
 * of the {@link MsrpDecoderConfig}, the decoder emits the piece it was reading with a failed
 * {@link DecoderResult}: a head (with its transaction id when the start line gave one, so that the session can
 * answer 400) or an empty {@link LastMsrpContent} with flag {@link ContinuationFlag#ABORTED}. The causes are
 * {@link MalformedMsrpFrameException}, {@link TooLongMsrpLineException}, {@link TooLongMsrpHeaderException} and,
 * when the connection ends inside a frame, {@link PrematureChannelClosureException}. After a failure the decoder
 * discards everything until the connection closes: MSRP has no way to find the next frame in a corrupt stream.
 *
 * <p>Line breaks between frames are skipped. An instance keeps per-connection state and cannot be shared.
 */
public final class MsrpFrameDecoder extends ByteToMessageDecoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final int END_LINE_DASHES = 7;
    private static final byte[] START_PREFIX = "MSRP ".getBytes(StandardCharsets.US_ASCII);

    private static final int NEED_MORE = -1;
    private static final int TOO_LONG = -2;
    private static final int BARE_LF = -3;

    private static final String[] KNOWN_HEADER_NAMES = {
        MsrpHeaderNames.TO_PATH, MsrpHeaderNames.FROM_PATH, MsrpHeaderNames.MESSAGE_ID, MsrpHeaderNames.BYTE_RANGE,
        MsrpHeaderNames.CONTENT_TYPE, MsrpHeaderNames.SUCCESS_REPORT, MsrpHeaderNames.FAILURE_REPORT,
        MsrpHeaderNames.STATUS, MsrpHeaderNames.USE_PATH, MsrpHeaderNames.EXPIRES,
    };

    private static final int NO_MATCH = 0;
    private static final int PARTIAL_MATCH = 1;
    private static final int MATCH = 2;

    private enum State {
        SKIP_TO_START,
        READ_START_LINE,
        READ_HEADERS,
        READ_BODY,
        BAD_FRAME
    }

    private final MsrpDecoderConfig config;
    private State state = State.SKIP_TO_START;
    /** The head whose header section is being read. */
    private MsrpFrameHead head;
    private int headerBytes;
    /** While reading a body: CRLF, seven dashes and the transaction id; the flag and CRLF follow on the wire. */
    private byte[] endLinePrefix;
    /** Reused copy of the header line being parsed. */
    private byte[] lineBuffer = new byte[128];

    /** Creates a decoder with {@link MsrpDecoderConfig#DEFAULT}. */
    public MsrpFrameDecoder() {
        this(MsrpDecoderConfig.DEFAULT);
    }

    /**
     * Creates a decoder.
     *
     * @param config the limits
     */
    public MsrpFrameDecoder(MsrpDecoderConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        for (;;) {
            switch (state) {
                case SKIP_TO_START:
                    if (!skipLineBreaks(in)) {
                        return;
                    }
                    state = State.READ_START_LINE;
                    break;
                case READ_START_LINE:
                    if (!readStartLine(in, out)) {
                        return;
                    }
                    break;
                case READ_HEADERS:
                    if (!readHeaders(in, out)) {
                        return;
                    }
                    break;
                case READ_BODY:
                    if (!readBody(in, out)) {
                        return;
                    }
                    break;
                case BAD_FRAME:
                    in.skipBytes(in.readableBytes());
                    return;
                default:
                    throw new IllegalStateException("unknown state " + state);
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        switch (state) {
            case READ_START_LINE:
                invalidStartLine(out, peekTransactionId(in), peekIsResponse(in),
                        new PrematureChannelClosureException("connection closed inside an MSRP start line"));
                break;
            case READ_HEADERS:
                invalidHead(out, new PrematureChannelClosureException(
                        "connection closed inside the header section of MSRP transaction " + head.transactionId()));
                break;
            case READ_BODY:
                invalidBody(out, new PrematureChannelClosureException(
                        "connection closed inside the body of MSRP transaction " + transactionIdOfBody()));
                break;
            default:
                break;
        }
    }

    private static boolean skipLineBreaks(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != CR && b != LF) {
                return true;
            }
            in.skipBytes(1);
        }
        return false;
    }

    /**
     * Finds the CRLF that ends the line at the reader index.
     *
     * @return the index of the CR; {@link #NEED_MORE}; {@link #TOO_LONG} when more than {@code maxLength} bytes
     *     arrived without a line end; {@link #BARE_LF} when the line ends with LF alone
     */
    private static int findLineEnd(ByteBuf in, int maxLength) {
        int start = in.readerIndex();
        int scanEnd = (int) Math.min(in.writerIndex(), (long) start + maxLength + 2);
        int lf = in.indexOf(start, scanEnd, LF);
        if (lf < 0) {
            return in.readableBytes() >= maxLength + 2 ? TOO_LONG : NEED_MORE;
        }
        if (lf == start || in.getByte(lf - 1) != CR) {
            return BARE_LF;
        }
        return lf - 1;
    }

    private boolean readStartLine(ByteBuf in, List<Object> out) {
        int cr = findLineEnd(in, config.maxStartLineLength());
        if (cr == NEED_MORE) {
            return false;
        }
        if (cr == TOO_LONG) {
            invalidStartLine(out, peekTransactionId(in), peekIsResponse(in), new TooLongMsrpLineException(
                    "MSRP start line is longer than " + config.maxStartLineLength() + " bytes"));
            return true;
        }
        if (cr == BARE_LF) {
            invalidStartLine(out, peekTransactionId(in), peekIsResponse(in),
                    new MalformedMsrpFrameException("MSRP start line ends with LF without CR"));
            return true;
        }
        int length = cr - in.readerIndex();
        byte[] bytes = lineBuffer(length);
        in.getBytes(in.readerIndex(), bytes, 0, length);
        String line = new String(bytes, 0, length, isAscii(bytes, length)
                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        in.readerIndex(cr + 2);
        parseStartLine(line, out);
        return true;
    }

    private void parseStartLine(String line, List<Object> out) {
        if (!line.startsWith("MSRP ")) {
            invalidStartLine(out, null, false,
                    new MalformedMsrpFrameException("start line does not begin with \"MSRP \": " + quote(line)));
            return;
        }
        int sp = line.indexOf(' ', START_PREFIX.length);
        String tidText = sp < 0 ? line.substring(START_PREFIX.length) : line.substring(START_PREFIX.length, sp);
        String rest = sp < 0 ? "" : line.substring(sp + 1);
        boolean response = !rest.isEmpty() && isDigit(rest.charAt(0));
        if (!MsrpIdentifiers.isIdent(tidText, 1, config.maxTransactionIdLength())) {
            invalidStartLine(out, null, response, new MalformedMsrpFrameException("invalid transaction id "
                    + quote(tidText) + " (1 to " + config.maxTransactionIdLength() + " ident characters) in "
                    + quote(line)));
            return;
        }
        if (rest.isEmpty()) {
            invalidStartLine(out, tidText, false,
                    new MalformedMsrpFrameException("start line has no method or status code: " + quote(line)));
            return;
        }
        if (hasControlCharacter(rest)) {
            invalidStartLine(out, tidText, response,
                    new MalformedMsrpFrameException("start line contains a control character: " + quote(line)));
            return;
        }
        if (response) {
            // resp-start = pMSRP SP transact-id SP status-code [SP comment] CRLF; status-code = 3DIGIT
            boolean valid = rest.length() >= 3 && isDigit(rest.charAt(1)) && isDigit(rest.charAt(2))
                    && rest.charAt(0) != '0' && (rest.length() == 3 || rest.charAt(3) == ' ');
            if (!valid) {
                invalidStartLine(out, tidText, true,
                        new MalformedMsrpFrameException("invalid status code in start line " + quote(line)));
                return;
            }
            int code = Integer.parseInt(rest.substring(0, 3));
            String comment = rest.length() > 4 ? rest.substring(4) : null;
            head = new MsrpResponseHead(tidText, MsrpStatus.of(0, code, comment), new MsrpHeaders(), false);
        } else {
            if (!MsrpMethod.isMethodToken(rest)) {
                invalidStartLine(out, tidText, false, new MalformedMsrpFrameException(
                        "invalid method " + quote(rest) + " (1 or more letters A-Z) in start line " + quote(line)));
                return;
            }
            head = new MsrpRequestHead(tidText, MsrpMethod.valueOf(rest), new MsrpHeaders(), false);
        }
        headerBytes = 0;
        state = State.READ_HEADERS;
    }

    private boolean readHeaders(ByteBuf in, List<Object> out) {
        String tid = head.transactionId();
        int endLineLength = END_LINE_DASHES + tid.length() + 1;
        for (;;) {
            int budget = config.maxHeaderSize() - headerBytes - 2;
            int cr = findLineEnd(in, Math.max(budget, endLineLength));
            if (cr == NEED_MORE) {
                return false;
            }
            if (cr == TOO_LONG) {
                invalidHead(out, headerSectionTooLong());
                return true;
            }
            if (cr == BARE_LF) {
                invalidHead(out, new MalformedMsrpFrameException(
                        "header line of MSRP transaction " + tid + " ends with LF without CR"));
                return true;
            }
            int start = in.readerIndex();
            int length = cr - start;
            if (length == 0) {
                // The blank line: a body follows (RFC 4975 §7.1, "separated from the header fields with an extra
                // CRLF").
                in.skipBytes(2);
                if (!validateHead(out)) {
                    return true;
                }
                out.add(head);
                endLinePrefix = ("\r\n-------" + tid).getBytes(StandardCharsets.US_ASCII);
                head = null;
                state = State.READ_BODY;
                return true;
            }
            if (startsWithDashes(in, start, length)) {
                return readEndLineAfterHeaders(in, out, start, length);
            }
            headerBytes += length + 2;
            if (headerBytes > config.maxHeaderSize()) {
                invalidHead(out, headerSectionTooLong());
                return true;
            }
            if (head.headers().size() >= config.maxHeaderCount()) {
                invalidHead(out, new TooLongMsrpHeaderException("MSRP transaction " + tid + " has more than "
                        + config.maxHeaderCount() + " header fields"));
                return true;
            }
            if (!readHeaderLine(in, start, length, out)) {
                return true;
            }
            in.readerIndex(cr + 2);
        }
    }

    private TooLongMsrpHeaderException headerSectionTooLong() {
        return new TooLongMsrpHeaderException("MSRP header section of transaction " + head.transactionId()
                + " is longer than " + config.maxHeaderSize() + " bytes");
    }

    /**
     * Parses {@code hname ":" SP hval} (RFC 4975 §9) from a copy of the line, which costs one bulk read instead of a
     * bounds-checked read per byte, and adds the field to the head.
     *
     * @return false when the line is invalid and the head has been failed
     */
    private boolean readHeaderLine(ByteBuf in, int start, int length, List<Object> out) {
        byte[] line = lineBuffer(length);
        in.getBytes(start, line, 0, length);
        int colon = 0;
        boolean validName = length > 0 && MsrpHeaders.isAlpha(line[0]);
        while (colon < length && line[colon] != ':') {
            validName &= MsrpIdentifiers.isTokenChar(line[colon]);
            colon++;
        }
        if (!validName || colon == length) {
            invalidHead(out, new MalformedMsrpFrameException("invalid header line in MSRP transaction "
                    + head.transactionId() + ": " + quote(new String(line, 0, length, StandardCharsets.UTF_8))));
            return false;
        }
        int valueStart = colon + 1;
        int valueEnd = length;
        while (valueStart < valueEnd && (line[valueStart] == ' ' || line[valueStart] == '\t')) {
            valueStart++;
        }
        while (valueEnd > valueStart && (line[valueEnd - 1] == ' ' || line[valueEnd - 1] == '\t')) {
            valueEnd--;
        }
        boolean ascii = true;
        for (int i = valueStart; i < valueEnd; i++) {
            int b = line[i];
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7F) {
                invalidHead(out, new MalformedMsrpFrameException("header " + new String(line, 0, colon,
                        StandardCharsets.US_ASCII) + " of MSRP transaction " + head.transactionId()
                        + " contains a control character"));
                return false;
            }
            ascii &= b >= 0;
        }
        String value = new String(line, valueStart, valueEnd - valueStart,
                ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        head.headers().addDecoded(headerName(line, colon), value);
        return true;
    }

    /** Returns the shared constant for the names RFC 4975 and 4976 define when spelled as they spell them. */
    private static String headerName(byte[] line, int length) {
        for (String known : KNOWN_HEADER_NAMES) {
            if (known.length() == length && regionEquals(line, known)) {
                return known;
            }
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean regionEquals(byte[] line, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (line[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private byte[] lineBuffer(int length) {
        if (lineBuffer.length < length) {
            lineBuffer = new byte[Math.max(length, lineBuffer.length * 2)];
        }
        return lineBuffer;
    }

    /** A frame without a body: the end-line follows the last header directly (RFC 4975 §7.1). */
    private boolean readEndLineAfterHeaders(ByteBuf in, List<Object> out, int start, int length) {
        String tid = head.transactionId();
        int tidLength = tid.length();
        ContinuationFlag flag = length == END_LINE_DASHES + tidLength + 1
                ? ContinuationFlag.fromSymbol(in.getByte(start + length - 1)) : null;
        if (flag == null || !regionEquals(in, start + END_LINE_DASHES, tid)) {
            invalidHead(out, new MalformedMsrpFrameException("end-line "
                    + quote(in.toString(start, length, StandardCharsets.UTF_8))
                    + " does not match transaction id " + tid + " followed by one of $ + #"));
            return true;
        }
        in.readerIndex(start + length + 2);
        if (!validateHead(out)) {
            return true;
        }
        out.add(head);
        out.add(new LastMsrpContent(flag));
        head = null;
        state = State.SKIP_TO_START;
        return true;
    }

    private boolean validateHead(List<Object> out) {
        if (config.requirePaths() && head instanceof MsrpRequestHead) {
            // RFC 4975 §9: headers = To-Path CRLF From-Path CRLF 1*( header CRLF )
            for (String required : new String[] {MsrpHeaderNames.TO_PATH, MsrpHeaderNames.FROM_PATH}) {
                if (!head.headers().contains(required)) {
                    invalidHead(out, new MalformedMsrpFrameException(
                            "MSRP request " + head.transactionId() + " has no " + required + " header"));
                    return false;
                }
            }
        }
        return true;
    }

    private boolean readBody(ByteBuf in, List<Object> out) {
        int writerIndex = in.writerIndex();
        int searchFrom = in.readerIndex();
        int bodyEnd;
        boolean found = false;
        for (;;) {
            int cr = in.indexOf(searchFrom, writerIndex, CR);
            if (cr < 0) {
                bodyEnd = writerIndex;
                break;
            }
            int match = matchEndLine(in, cr, writerIndex);
            if (match == NO_MATCH) {
                searchFrom = cr + 1;
                continue;
            }
            // A partial match may be the end-line split across two reads: hold those bytes back.
            bodyEnd = cr;
            found = match == MATCH;
            break;
        }
        int maxChunk = config.maxChunkSize();
        while (bodyEnd - in.readerIndex() > (found ? maxChunk : 0)) {
            out.add(new MsrpContent(in.readRetainedSlice(Math.min(maxChunk, bodyEnd - in.readerIndex()))));
        }
        if (!found) {
            return false;
        }
        int flagIndex = bodyEnd + endLinePrefix.length;
        if (in.getByte(flagIndex + 1) != CR || in.getByte(flagIndex + 2) != LF) {
            if (bodyEnd > in.readerIndex()) {
                out.add(new MsrpContent(in.readRetainedSlice(bodyEnd - in.readerIndex())));
            }
            // RFC 4975 §7.1: the body never contains the end-line, so this is no body text but a broken end-line.
            invalidBody(out, new MalformedMsrpFrameException("end-line of MSRP transaction "
                    + transactionIdOfBody() + " is not followed by CRLF"));
            return true;
        }
        ContinuationFlag flag = ContinuationFlag.fromSymbol(in.getByte(flagIndex));
        ByteBuf tail = bodyEnd > in.readerIndex()
                ? in.readRetainedSlice(bodyEnd - in.readerIndex()) : Unpooled.EMPTY_BUFFER;
        out.add(new LastMsrpContent(tail, flag));
        in.readerIndex(flagIndex + 3);
        endLinePrefix = null;
        state = State.SKIP_TO_START;
        return true;
    }

    /** Compares the bytes at {@code cr} with CRLF, seven dashes, the transaction id and a flag, then CRLF. */
    private int matchEndLine(ByteBuf in, int cr, int writerIndex) {
        byte[] prefix = endLinePrefix;
        int available = writerIndex - cr;
        // One bulk read of the candidate instead of a bounds-checked read per byte.
        int compare = Math.min(available, prefix.length + 1);
        byte[] candidate = lineBuffer(compare);
        in.getBytes(cr, candidate, 0, compare);
        for (int i = 1; i < Math.min(compare, prefix.length); i++) {
            if (candidate[i] != prefix[i]) {
                return NO_MATCH;
            }
        }
        if (available <= prefix.length) {
            return PARTIAL_MATCH;
        }
        // A different flag byte means another transaction id that merely starts with ours: body text.
        if (ContinuationFlag.fromSymbol(candidate[prefix.length]) == null) {
            return NO_MATCH;
        }
        return available >= prefix.length + 3 ? MATCH : PARTIAL_MATCH;
    }

    private String transactionIdOfBody() {
        return new String(endLinePrefix, 2 + END_LINE_DASHES, endLinePrefix.length - 2 - END_LINE_DASHES,
                StandardCharsets.US_ASCII);
    }

    private void invalidStartLine(List<Object> out, String tid, boolean response, Exception cause) {
        MsrpFrameHead failed = response
                ? new MsrpResponseHead(tid, null, new MsrpHeaders(), false)
                : new MsrpRequestHead(tid, null, new MsrpHeaders(), false);
        failed.setDecoderResult(DecoderResult.failure(cause));
        out.add(failed);
        state = State.BAD_FRAME;
    }

    private void invalidHead(List<Object> out, Exception cause) {
        head.setDecoderResult(DecoderResult.failure(cause));
        out.add(head);
        head = null;
        state = State.BAD_FRAME;
    }

    private void invalidBody(List<Object> out, Exception cause) {
        LastMsrpContent failed = new LastMsrpContent(ContinuationFlag.ABORTED);
        failed.setDecoderResult(DecoderResult.failure(cause));
        out.add(failed);
        endLinePrefix = null;
        state = State.BAD_FRAME;
    }

    /** The transaction id of an incomplete or unreadable start line, when its first bytes give one. */
    private String peekTransactionId(ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() <= START_PREFIX.length || !regionEquals(in, start, "MSRP ")) {
            return null;
        }
        int tidStart = start + START_PREFIX.length;
        int limit = Math.min(in.writerIndex(), tidStart + config.maxTransactionIdLength() + 1);
        int sp = in.indexOf(tidStart, limit, SP);
        if (sp < 0) {
            return null;
        }
        String tid = in.toString(tidStart, sp - tidStart, StandardCharsets.US_ASCII);
        return MsrpIdentifiers.isIdent(tid, 1, config.maxTransactionIdLength()) ? tid : null;
    }

    private boolean peekIsResponse(ByteBuf in) {
        String tid = peekTransactionId(in);
        if (tid == null) {
            return false;
        }
        int after = in.readerIndex() + START_PREFIX.length + tid.length() + 1;
        return after < in.writerIndex() && isDigit(in.getByte(after));
    }

    private static boolean startsWithDashes(ByteBuf in, int start, int length) {
        if (length < END_LINE_DASHES) {
            return false;
        }
        for (int i = 0; i < END_LINE_DASHES; i++) {
            if (in.getByte(start + i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean regionEquals(ByteBuf in, int index, String ascii) {
        if (index + ascii.length() > in.writerIndex()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (in.getByte(index + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4975 §9 {@code utf8text} allows HTAB but no other control character. */
    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
