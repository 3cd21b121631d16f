package org.parley.msrp.core.testing;

import org.parley.msrp.core.MsrpSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven MSRP peer over a plain socket: writes exact bytes and reads whole frames back, so tests can send
 * what a Parley session would never send (chunks out of order, unknown methods, broken frames).
 */
public final class RawPeer implements AutoCloseable {

    public static final String URI = "msrp://127.0.0.1:9/rawpeer1234;tcp";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawPeer(InetSocketAddress address) throws IOException {
        this(new Socket(address.getAddress(), address.getPort()));
    }

    /** Drives an accepted socket: the raw peer then plays the listening side. */
    public RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public static String send(String tid, MsrpSession to, String messageId, String byteRange, String extraHeaders,
                       String body, char flag) {
        return "MSRP " + tid + " SEND\r\nTo-Path: " + to.localUri() + "\r\nFrom-Path: " + URI + "\r\n"
                + "Message-ID: " + messageId + "\r\n" + (byteRange == null ? "" : "Byte-Range: " + byteRange + "\r\n")
                + extraHeaders + "Content-Type: text/plain\r\n\r\n" + body + "\r\n-------" + tid + flag + "\r\n";
    }

    /** Returns the transaction id of a frame read by {@link #readFrame()}. */
    public static String transactionId(String frame) {
        return frame.substring(5, frame.indexOf(' ', 5));
    }

    /** Reads one frame, up to and including its end-line. */
    public String readFrame() throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            line.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                frame.write(line.toByteArray());
                line.reset();
                if (text.startsWith("-------")) {
                    return frame.toString(StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("connection closed; read so far: " + frame.toString(StandardCharsets.UTF_8));
    }

    /** Tells whether the peer closed the connection (reads until end of stream). */
    public boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                continue;
            }
            return true;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
