package org.parley.msrp.core.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting for futures in tests of every module. */
public final class Futures {

    private Futures() {
    }

    /**
     * Waits up to 20 seconds for a future that must fail.
     *
     * @param future the future
     * @return why it failed
     * @throws AssertionError if it succeeds
     * @throws Exception if it does not complete in time or the wait is interrupted
     */
    public static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.join());
    }
}
