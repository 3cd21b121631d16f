package org.parley.msrp.examples;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.parley.msrp.core.codec.LastMsrpContent;
import org.parley.msrp.core.codec.MsrpContent;
import org.parley.msrp.core.codec.MsrpFrameDecoder;
import org.parley.msrp.core.codec.MsrpFrameHead;
import org.parley.msrp.core.codec.MsrpHeaders;
import org.parley.msrp.core.codec.MsrpRequestHead;
import org.parley.msrp.core.codec.MsrpResponseHead;
import org.parley.msrp.core.codec.MsrpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the MSRP exchange of RFC 4975 §11.1 (Alice and Bob greet each other: two SENDs and their 200 responses)
 * with Parley's frame decoder and prints every frame it finds. The four messages are fed to one decoder as a single
 * byte stream, cut into pieces of seven bytes, the way TCP may deliver them.
 */
public final class DecodeRfcExchange {

    private static final List<String> STEPS = List.of("step4-send", "step5-200ok", "step6-send", "step7-200ok");
    private static final int READ_SIZE = 7;

    private DecodeRfcExchange() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws IOException if the bundled wire files cannot be read
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        ByteBuf stream = Unpooled.buffer();
        for (String step : STEPS) {
            try (InputStream in = DecodeRfcExchange.class.getResourceAsStream("/rfc4975-11.1/" + step + ".msrp")) {
                stream.writeBytes(in.readAllBytes());
            }
        }
        out.printf("RFC 4975 §11.1: %d bytes on the wire, fed to MsrpFrameDecoder %d bytes at a time%n%n",
                stream.readableBytes(), READ_SIZE);

        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        while (stream.isReadable()) {
            channel.writeInbound(stream.readRetainedSlice(Math.min(READ_SIZE, stream.readableBytes())));
        }
        stream.release();

        int frames = 0;
        StringBuilder body = new StringBuilder();
        int bodyBytes = 0;
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            try {
                if (msg instanceof MsrpFrameHead) {
                    frames++;
                    printHead(out, frames, (MsrpFrameHead) msg);
                } else if (msg instanceof MsrpContent) {
                    ByteBuf content = ((MsrpContent) msg).content();
                    body.append(content.toString(StandardCharsets.UTF_8));
                    bodyBytes += content.readableBytes();
                    if (msg instanceof LastMsrpContent) {
                        if (bodyBytes > 0) {
                            out.printf("  body (%d bytes): %s%n", bodyBytes, body);
                        }
                        out.printf("  end-line flag: %s%n%n", ((LastMsrpContent) msg).flag().symbol());
                        body.setLength(0);
                        bodyBytes = 0;
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        channel.finishAndReleaseAll();
        out.printf("%d frames decoded.%n", frames);
    }

    private static void printHead(PrintStream out, int number, MsrpFrameHead head) {
        if (!head.decoderResult().isSuccess()) {
            out.printf("Frame %d could not be decoded: %s%n", number, head.decoderResult().cause().getMessage());
            return;
        }
        if (head instanceof MsrpRequestHead) {
            out.printf("Frame %d: request %s, transaction %s%n", number, ((MsrpRequestHead) head).method(),
                    head.transactionId());
        } else {
            MsrpStatus status = ((MsrpResponseHead) head).status();
            out.printf("Frame %d: response %d %s, transaction %s%n", number, status.code(),
                    status.comment() == null ? "" : status.comment(), head.transactionId());
        }
        MsrpHeaders headers = head.headers();
        for (int i = 0; i < headers.size(); i++) {
            out.printf("  %s: %s%n", headers.nameAt(i), headers.valueAt(i));
        }
    }
}
