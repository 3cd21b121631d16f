package org.parley.msrp.examples.cli;

import org.parley.msrp.examples.sip.SipCallException;
import org.parley.msrp.examples.sip.SipPhone;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The SIP side of {@code call} and {@code listen}: one phone, one call, hung up and stopped at the end. */
final class SipSignalling {

    /** How long a BYE sent while cleaning up after a failure may take. */
    private static final long CLEANUP_BYE_SECONDS = 2;

    private SipPhone phone;
    private SipPhone.Call call;

    /**
     * Starts the phone and keeps it to stop it at the end. A SIP port that cannot be bound (taken, or not an address
     * of this host) is the user's to fix: a usage error in one line, not a stack trace.
     */
    SipPhone start(Supplier<SipPhone> starting) {
        try {
            phone = starting.get();
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause();
            throw new ParleyFailure(ExitCodes.USAGE, e.getMessage()
                    + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), e);
        }
        return phone;
    }

    /** Waits for the call; a refusal is exit code 3, nothing within the timeout exit code 5. */
    SipPhone.Call await(CompletableFuture<SipPhone.Call> answered, Duration timeout, String whatTimedOut)
            throws InterruptedException {
        try {
            call = answered.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return call;
        } catch (TimeoutException e) {
            answered.cancel(false);
            throw new ParleyFailure(ExitCodes.TIMEOUT, whatTimedOut + " within " + Durations.seconds(timeout), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SipCallException refused) {
                // A refusal or a rejected stream is the signalling's failure.
                throw new ParleyFailure(ExitCodes.NEGOTIATION_FAILED, refused.getMessage(), refused);
            }
            throw new ParleyFailure(ExitCodes.LOCAL_ERROR, "the call failed: " + e.getCause(), e.getCause());
        }
    }

    /** Hangs up with a BYE, once. */
    synchronized CompletableFuture<Void> hangUp() {
        if (call == null || call.ended().isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        return call.hangUp();
    }

    /**
     * Hangs up a call still up (the action failed or never ran: the peer must not keep a dialog with no session),
     * then stops the SIP stack.
     */
    void release() {
        if (phone == null) {
            return;
        }
        try {
            hangUp().get(CLEANUP_BYE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The peer may be gone already; the stack stops regardless.
        } finally {
            phone.close();
        }
    }
}
