package org.parley.msrp.examples.cli;

import org.parley.msrp.core.MsrpConnectionException;
import org.parley.msrp.core.MsrpSessionClosedException;
import org.parley.msrp.core.MsrpStatusException;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.core.MsrpTransactionTimeoutException;
import org.parley.msrp.sdp.SdpNegotiationException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The exit codes of {@code parley}, and which failure leads to which. A test harness tells the outcomes apart by
 * them, so they are part of the tool's interface (see docs/cli.md).
 */
public final class ExitCodes {

    /** Everything sent was confirmed; everything received was complete. */
    public static final int SUCCESS = 0;
    /**
     * A message failed or was refused (its MSRP status is printed), or {@code receive} saw messages aborted or
     * refused.
     */
    public static final int MESSAGE_FAILED = 1;
    /** Bad command line or unusable input (picocli's own code for usage errors). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    /** The SDP is unreadable or has no usable MSRP stream, a side rejected the stream, or a SIP call was refused. */
    public static final int NEGOTIATION_FAILED = 3;
    /** The MSRP connection could not be made or was lost: connect, TLS verification, peer authentication. */
    public static final int CONNECTION_FAILED = 4;
    /** Nothing came in time: the peer's SDP, its connection, or a response to a message. */
    public static final int TIMEOUT = 5;
    /** A local failure: an SDP or received file could not be written, or an unexpected error. */
    public static final int LOCAL_ERROR = 6;

    private ExitCodes() {
    }

    /**
     * Returns the exit codes with what each means, for the help text.
     *
     * @return code to description, in order
     */
    public static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(String.valueOf(SUCCESS), "success: every message sent was confirmed, every one received complete");
        codes.put(String.valueOf(MESSAGE_FAILED), "a message failed or was refused (status printed); receive: messages"
                + " were aborted or refused, or fewer than --count arrived");
        codes.put(String.valueOf(USAGE), "usage error: bad option, missing or unreadable file");
        codes.put(String.valueOf(NEGOTIATION_FAILED), "signalling failed: unreadable or non-MSRP SDP, stream"
                + " rejected, SIP call refused");
        codes.put(String.valueOf(CONNECTION_FAILED), "MSRP connection failed or was lost: connect, TLS"
                + " verification, peer authentication");
        codes.put(String.valueOf(TIMEOUT), "timeout: no SDP, connection or response within --timeout");
        codes.put(String.valueOf(LOCAL_ERROR), "local error: a file could not be written, or an internal error");
        return codes;
    }

    /**
     * Maps a failure to its exit code. Futures' wrappers ({@link CompletionException}, {@link ExecutionException})
     * are looked through.
     *
     * @param failure what went wrong
     * @return the exit code
     */
    public static int of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ParleyFailure parley) {
            return parley.exitCode();
        }
        if (cause instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (cause instanceof SdpNegotiationException) {
            return NEGOTIATION_FAILED;
        }
        if (cause instanceof TimeoutException || cause instanceof MsrpTransactionTimeoutException) {
            return TIMEOUT;
        }
        if (cause instanceof MsrpStatusException status) {
            // RFC 4975 §7.1.1: a 408 from the peer means the same as a local transaction timeout.
            return status.status().code() == 408 ? TIMEOUT : MESSAGE_FAILED;
        }
        if (cause instanceof MsrpTlsVerificationException || cause instanceof MsrpConnectionException
                || cause instanceof MsrpSessionClosedException) {
            return CONNECTION_FAILED;
        }
        return LOCAL_ERROR;
    }

    /**
     * Tells whether a failure is one of the expected kinds, which are reported by their message alone; others are
     * reported with their stack trace, since they point at a bug or a broken environment.
     *
     * @param failure what went wrong
     * @return whether it maps to a code other than {@link #LOCAL_ERROR}, or is a local I/O failure
     */
    static boolean isExpected(Throwable failure) {
        Throwable cause = unwrap(failure);
        return of(cause) != LOCAL_ERROR || cause instanceof IOException || cause instanceof UncheckedIOException;
    }

    /**
     * Describes a failure for the user: its message, followed by the messages of its causes where they add something
     * (such as "Connection refused" after "cannot connect to ...").
     *
     * @param failure what went wrong
     * @return one line
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable cause = unwrap(failure);
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString().replaceAll("[\\r\\n]+", " ");
    }

    /**
     * Strips the wrappers futures put around a failure.
     *
     * @param failure a failure, possibly wrapped
     * @return the first cause that is not a {@link CompletionException} or {@link ExecutionException}
     */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
