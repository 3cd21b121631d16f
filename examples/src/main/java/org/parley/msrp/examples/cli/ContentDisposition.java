package org.parley.msrp.examples.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Content-Disposition header of file transfers (RFC 2183, with the parameter encoding of RFC 6266 and RFC 8187,
 * as RFC 5547 uses it over MSRP): writing one for a file, and reading the file name out of a peer's.
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * Makes the header value for a file: {@code attachment; filename="..."}, plus {@code filename*} in UTF-8 when the
     * name is not plain ASCII (RFC 6266 §4.3: the ASCII {@code filename} stays for peers that know no better).
     *
     * @param fileName the file's name, without directories
     * @return the header value; never holds CR or LF
     */
    public static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        boolean plain = true;
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                ascii.append('_');
                plain = false;
            } else {
                if (c == '"' || c == '\\') {
                    ascii.append('\\');
                }
                ascii.append(c);
            }
        }
        String value = "attachment; filename=\"" + ascii + "\"";
        return plain ? value : value + "; filename*=UTF-8''" + percentEncode(fileName);
    }

    /**
     * Reads the file name a peer gave: {@code filename*} (RFC 8187) when present and decodable, else
     * {@code filename}. The name is returned as the peer wrote it, directories and all: sanitize before use.
     *
     * @param header the Content-Disposition value, or null
     * @return the file name, or null when there is none
     */
    public static String fileName(String header) {
        if (header == null) {
            return null;
        }
        String plain = null;
        String extended = null;
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int start = i + 1;
            int equals = header.indexOf('=', start);
            if (equals < 0) {
                break;
            }
            String name = header.substring(start, equals).trim().toLowerCase(Locale.ROOT);
            int valueStart = equals + 1;
            while (valueStart < header.length() && header.charAt(valueStart) == ' ') {
                valueStart++;
            }
            String value;
            int next;
            if (valueStart < header.length() && header.charAt(valueStart) == '"') {
                StringBuilder unquoted = new StringBuilder();
                int j = valueStart + 1;
                for (; j < header.length() && header.charAt(j) != '"'; j++) {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    unquoted.append(c);
                }
                value = unquoted.toString();
                next = header.indexOf(';', j);
            } else {
                next = header.indexOf(';', valueStart);
                value = header.substring(valueStart, next < 0 ? header.length() : next).trim();
            }
            if (name.equals("filename")) {
                plain = value;
            } else if (name.equals("filename*")) {
                extended = decodeExtended(value);
            }
            i = next;
        }
        return extended != null ? extended : plain;
    }

    /** RFC 8187 §3.2: {@code charset'language'value} with percent-encoded octets; null when it cannot be decoded. */
    private static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(value.substring(0, first));
        } catch (IllegalArgumentException e) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = second + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(charset);
    }

    /** RFC 8187 §3.2.1 attr-char stays as it is; every other octet of the UTF-8 form is percent-encoded. */
    private static String percentEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
