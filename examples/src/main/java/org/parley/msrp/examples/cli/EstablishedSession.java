package org.parley.msrp.examples.cli;

import org.parley.msrp.core.MsrpSession;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The one MSRP session a signalling command established, as an action ({@code send}, {@code receive}) sees it,
 * whatever signalling set it up: SDP files, or a SIP call.
 */
public interface EstablishedSession {

    /**
     * Returns the session.
     *
     * @return the connected session
     */
    MsrpSession session();

    /**
     * Ends the session from this side, the way its signalling does: for SDP files by closing the MSRP session (the
     * peer sees its connection close), for SIP by hanging up. Calling it again does nothing more.
     *
     * @return a future that completes when the session is over
     */
    CompletableFuture<Void> end();

    /**
     * Returns a future that completes once the session is over, whoever ended it. It completes on the session's
     * event loop after every other callback of the session's listener, so a consumer of those callbacks that is told
     * of the end through this future has been told of everything before it.
     *
     * @return the future; it completes with the reason the session closed ({@link
     *     org.parley.msrp.core.MsrpSessionListener#onSessionClosed}), null for an orderly close by this side
     */
    CompletableFuture<Throwable> ended();

    /**
     * Returns the {@code --timeout} of the command.
     *
     * @return how long to wait for any one thing from the peer
     */
    Duration timeout();

    /**
     * Ends the session and waits up to {@link #timeout()} for that, reporting a failure on {@code stderr} instead of
     * throwing it: what the action found out (every message confirmed, a 413) decides the exit code, not whether the
     * peer answered the hang-up in time.
     *
     * @param stderr where a failed hang-up is reported
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    default void endQuietly(java.io.PrintStream stderr) throws InterruptedException {
        try {
            end().get(timeout().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            stderr.println("parley: hanging up: " + ExitCodes.describe(e));
            stderr.flush();
        }
    }
}
