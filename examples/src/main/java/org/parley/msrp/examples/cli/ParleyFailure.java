package org.parley.msrp.examples.cli;

/**
 * A failure of the tool itself that decides its exit code, such as a timeout waiting for the peer's SDP file. Its
 * message is what the user reads.
 */
public final class ParleyFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * Creates the failure.
     *
     * @param exitCode one of {@link ExitCodes}
     * @param message what went wrong, for the user
     * @param cause what caused it, or null
     */
    public ParleyFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * Returns the exit code.
     *
     * @return the code the tool exits with
     */
    public int exitCode() {
        return exitCode;
    }
}
