package org.parley.msrp.examples.cli;

import picocli.CommandLine.Option;

/**
 * The SIP options of {@code call} and {@code listen}: the local SIP port and transport, and the user part of this
 * side's address. The SIP stack binds the command's {@code --host}. A mixin.
 */
public final class SipOptions {

    /** The SIP transports the JAIN-SIP phone supports. */
    enum Transport {
        /** SIP over UDP (RFC 3261 §18). */
        UDP,
        /** SIP over TCP. */
        TCP
    }

    @Option(names = "--sip-port", paramLabel = "PORT",
            description = "Local SIP port; 0 takes any free one. Default: 0 for call, 5060 for listen.")
    private Integer port;

    @Option(names = "--transport", paramLabel = "udp|tcp", defaultValue = "udp",
            description = "SIP transport. Default: ${DEFAULT-VALUE}.")
    private Transport transport;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "parley",
            description = "User part of this side's SIP address (From, Contact). Default: ${DEFAULT-VALUE}.")
    private String user;

    /**
     * Returns the local SIP port.
     *
     * @param byDefault the command's default
     * @return {@code --sip-port}, or the default when not given
     */
    int port(int byDefault) {
        return port == null ? byDefault : port;
    }

    /**
     * Returns the transport's name as JAIN-SIP spells it.
     *
     * @return "udp" or "tcp"
     */
    String transport() {
        return transport.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns the user part of this side's address.
     *
     * @return {@code --user}
     */
    String user() {
        return user;
    }

    /**
     * Checks the values.
     *
     * @return a description of what is wrong, or null
     */
    String problem() {
        if (port != null && (port < 0 || port > 65535)) {
            return "--sip-port must be 0 to 65535: " + port;
        }
        if (!user.matches("[A-Za-z0-9._~!$&'()*+,;=-]+")) {
            return "--user must be a SIP user part (letters, digits and -_.!~*'()&=+$,;): " + user;
        }
        return null;
    }
}
