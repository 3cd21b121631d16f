package org.parley.msrp.core;

/**
 * The TLS peer could not be verified: its certificate matches none of the fingerprints its SDP gave (RFC 8122 §5),
 * or, without fingerprints, it is not trusted or not issued for the host of its {@code a=path} URI (RFC 4975 §14.2).
 * The connection is closed before any MSRP byte is read from it.
 */
public class MsrpTlsVerificationException extends MsrpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what did not match
     * @param cause the underlying TLS or certificate failure, or null
     */
    public MsrpTlsVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
