package org.parley.msrp.examples.support;

import io.netty.buffer.ByteBuf;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpFrameObserver;
import org.parley.msrp.core.codec.ByteRange;
import org.parley.msrp.core.codec.FullMsrpFrame;
import org.parley.msrp.core.codec.LastMsrpContent;
import org.parley.msrp.core.codec.MsrpContent;
import org.parley.msrp.core.codec.MsrpFrameHead;
import org.parley.msrp.core.codec.MsrpFrameObject;
import org.parley.msrp.core.codec.MsrpHeaderNames;
import org.parley.msrp.core.codec.MsrpHeaders;
import org.parley.msrp.core.codec.MsrpRequestHead;
import org.parley.msrp.core.codec.MsrpResponseHead;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Prints the MSRP frames of a stack's connections the way they look on the wire: start line, headers, body, end-line.
 * Bodies that are not text are shown as their size. A long message would print thousands of chunks, so of each
 * message only the first and the last chunk are printed, with their responses; the chunks in between are counted and
 * summed up in one line.
 *
 * <p>Runs on the connections' event loops (it is an {@link MsrpFrameObserver}); each frame is printed with one call,
 * so frames of different connections do not interleave line by line.
 */
public final class FrameTrace implements MsrpFrameObserver {

    private static final int MAX_TEXT = 512;

    private final PrintStream out;
    private final Set<String> hiddenTransactions = new HashSet<>();
    private final Map<MsrpConnection, Inbound> inbound = new HashMap<>();
    private int hiddenFrames;

    /**
     * Creates a trace.
     *
     * @param out where to print
     */
    public FrameTrace(PrintStream out) {
        this.out = out;
    }

    /** An inbound frame being read piece by piece. */
    private static final class Inbound {
        final StringBuilder body = new StringBuilder();
        MsrpFrameHead head;
        boolean hidden;
        long bodyBytes;
    }

    @Override
    public synchronized void onFrame(MsrpConnection connection, Direction direction, MsrpFrameObject piece) {
        if (piece instanceof FullMsrpFrame frame) {
            if (!hide(frame.head())) {
                print(direction, frame.head(), frame.content(), frame.content().readableBytes(),
                        frame.flag().symbol());
            }
            return;
        }
        Inbound frame = inbound.computeIfAbsent(connection, c -> new Inbound());
        if (piece instanceof MsrpFrameHead head) {
            frame.head = head;
            frame.hidden = hide(head);
            frame.bodyBytes = 0;
            frame.body.setLength(0);
        } else if (piece instanceof MsrpContent content && frame.head != null) {
            ByteBuf bytes = content.content();
            frame.bodyBytes += bytes.readableBytes();
            if (!frame.hidden && frame.body.length() < MAX_TEXT) {
                frame.body.append(bytes.toString(StandardCharsets.UTF_8));
            }
            if (piece instanceof LastMsrpContent last) {
                if (!frame.hidden) {
                    printText(direction, frame.head, frame.body, frame.bodyBytes, last.flag().symbol());
                }
                inbound.remove(connection);
            }
        }
    }

    /** Middle chunks of a message and their responses are counted, not printed. */
    private boolean hide(MsrpFrameHead head) {
        if (head instanceof MsrpResponseHead) {
            boolean hidden = hiddenTransactions.remove(head.transactionId());
            hiddenFrames += hidden ? 1 : 0;
            return hidden;
        }
        String range = head.headers().get(MsrpHeaderNames.BYTE_RANGE);
        if (range == null) {
            return false;
        }
        ByteRange byteRange;
        try {
            byteRange = ByteRange.parse(range);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean last = byteRange.isEndKnown() && byteRange.isTotalKnown() && byteRange.end() == byteRange.total();
        boolean middle = byteRange.start() > 1 && !last;
        if (middle) {
            hiddenTransactions.add(head.transactionId());
            hiddenFrames++;
        }
        return middle;
    }

    private void print(Direction direction, MsrpFrameHead head, ByteBuf body, long bodyBytes, char flag) {
        StringBuilder text = new StringBuilder();
        if (bodyBytes > 0 && isText(head)) {
            text.append(body.toString(body.readerIndex(), (int) Math.min(body.readableBytes(), MAX_TEXT),
                    StandardCharsets.UTF_8));
        }
        printText(direction, head, text, bodyBytes, flag);
    }

    private void printText(Direction direction, MsrpFrameHead head, CharSequence body, long bodyBytes, char flag) {
        StringBuilder frame = new StringBuilder();
        if (hiddenFrames > 0) {
            frame.append("        [").append(hiddenFrames).append(" more chunks and responses]\n");
            hiddenFrames = 0;
        }
        String arrow = direction == Direction.OUTBOUND ? "  >>  " : "  <<  ";
        frame.append(arrow).append(startLine(head)).append('\n');
        MsrpHeaders headers = head.headers();
        for (int i = 0; i < headers.size(); i++) {
            frame.append(arrow).append(Printable.line(headers.nameAt(i))).append(": ")
                    .append(Printable.line(headers.valueAt(i))).append('\n');
        }
        if (head.hasBody()) {
            frame.append(arrow).append('\n');
            if (isText(head) && bodyBytes > 0) {
                String shown = Printable.lines(body.length() > MAX_TEXT
                        ? body.subSequence(0, MAX_TEXT) + "..." : body.toString());
                for (String line : shown.split("\r?\n", -1)) {
                    frame.append(arrow).append(line).append('\n');
                }
            } else {
                frame.append(arrow).append('[').append(bodyBytes).append(" bytes]\n");
            }
        }
        frame.append(arrow).append("-------").append(head.transactionId()).append(flag).append('\n');
        out.print(frame);
        out.flush();
    }

    private static String startLine(MsrpFrameHead head) {
        if (head instanceof MsrpRequestHead request) {
            return "MSRP " + head.transactionId() + " " + request.method();
        }
        MsrpResponseHead response = (MsrpResponseHead) head;
        String comment = response.status().comment();
        return "MSRP " + head.transactionId() + " " + response.status().code() + (comment == null ? "" : " " + comment);
    }

    private static boolean isText(MsrpFrameHead head) {
        String type = head.headers().get(MsrpHeaderNames.CONTENT_TYPE);
        return type != null && (type.regionMatches(true, 0, "text/", 0, 5)
                || type.regionMatches(true, 0, "message/cpim", 0, 12));
    }
}
