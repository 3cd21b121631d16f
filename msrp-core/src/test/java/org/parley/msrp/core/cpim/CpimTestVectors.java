package org.parley.msrp.core.cpim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The RFC examples the CPIM tests use, read from this module's test resources. */
final class CpimTestVectors {

    /** The RFC 4975 §11.4 chunks; the CPIM body is their two bodies joined. */
    static final String RFC4975_CHUNK_1 = "/wire/rfc4975-11.4-fig14-chunk1-send-cpim.msrp";
    static final String RFC4975_CHUNK_2 = "/wire/rfc4975-11.4-fig15-chunk2-send-cpim.msrp";

    /** RFC 3862 §5.1, with its MIME header; see {@code cpim/README.md}. */
    static final String RFC3862_5_1 = "/cpim/rfc3862-5.1-message.cpim";

    /** RFC 3862 §5.2, the §5.1 message inside multipart/signed. */
    static final String RFC3862_5_2 = "/cpim/rfc3862-5.2-multipart-signed.txt";

    static byte[] read(String resource) {
        try (InputStream in = CpimTestVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the body of an MSRP request: the bytes after the blank line that ends the headers, up to the CRLF
     * before the end-line (RFC 4975 §9).
     */
    static byte[] msrpBody(byte[] frame) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        int end = text.lastIndexOf("\r\n-------");
        return text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Joins the bodies of the two RFC 4975 §11.4 chunks into the whole CPIM body. */
    static byte[] rfc4975Section11_4Body() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(msrpBody(read(RFC4975_CHUNK_1)));
        body.writeBytes(msrpBody(read(RFC4975_CHUNK_2)));
        return body.toByteArray();
    }

    /** Joins lines with CRLF, the line end of a CPIM header part; the last line gets none. */
    static byte[] crlf(String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private CpimTestVectors() {
    }
}
