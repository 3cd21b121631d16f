package org.parley.msrp.comedia.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/** Finds ports on the loopback address that nothing listens on, for the SIP test peers. */
final class LocalPorts {

    /** The address every test peer listens on. */
    static final String LOOPBACK = "127.0.0.1";

    private LocalPorts() {
    }

    /**
     * Returns a port that was free a moment ago for the given transport; the operating system picks it. Another
     * process may take it before the caller binds it, so callers that can retry do.
     *
     * @param transport "udp" or "tcp"
     * @return the port number
     */
    static int free(String transport) {
        try {
            InetAddress loopback = InetAddress.getByName(LOOPBACK);
            if (transport.equals("udp")) {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                    return socket.getLocalPort();
                }
            }
            try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
                return socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no free " + transport + " port on " + LOOPBACK, e);
        }
    }

    /**
     * Checks the transport name a test passed.
     *
     * @param transport the name, in any case
     * @return "udp" or "tcp"
     * @throws IllegalArgumentException for any other transport
     */
    static String checkTransport(String transport) {
        String lower = transport.toLowerCase(Locale.ROOT);
        if (!lower.equals("udp") && !lower.equals("tcp")) {
            throw new IllegalArgumentException("transport must be udp or tcp: " + transport);
        }
        return lower;
    }
}
