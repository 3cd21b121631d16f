package org.parley.msrp.core.internal;

import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepted connections whose requests have not yet named a session, oldest first: bounded in number and in time.
 * Anyone may connect to the listening socket (COMEDIA's passive side accepts from any address, RFC 6135 §4.2), so
 * these limits are what stands between a flood of silent or unauthenticated connections and the legitimate one: a
 * connection that names no session in time is closed, and beyond the bound the oldest makes room for the new one.
 * The legitimate peer sends its first request at once (RFC 4975 §5.4), so it leaves this set long before it is the
 * oldest: bound to its session, or waiting for the session's SDP answer, which the session bounds on its own.
 *
 * <p>Thread-safe: connections of any event loop come and go concurrently.
 */
public final class UnboundConnections {

    private final int max;
    private final Duration timeout;
    private final ConcurrentLinkedDeque<DefaultMsrpConnection> waiting = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Creates the set.
     *
     * @param max how many may be unbound at once
     * @param timeout how long each may stay unbound
     */
    public UnboundConnections(int max, Duration timeout) {
        this.max = max;
        this.timeout = timeout;
    }

    /** Takes in a connection just accepted; called on its event loop. */
    void add(DefaultMsrpConnection connection) {
        waiting.addLast(connection);
        ScheduledFuture<?> timer = connection.channel().eventLoop().schedule(() -> {
            if (remove(connection)) {
                connection.closeIfUnclaimed("no request named a session within " + timeout.toMillis() + " ms");
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        connection.onClaimed(() -> {
            timer.cancel(false);
            remove(connection);
        });
        if (count.incrementAndGet() > max) {
            DefaultMsrpConnection oldest = waiting.pollFirst();
            if (oldest != null) {
                count.decrementAndGet();
                oldest.closeIfUnclaimed("more than " + max + " accepted connections are unbound; the oldest is dropped");
            }
        }
    }

    private boolean remove(DefaultMsrpConnection connection) {
        if (waiting.remove(connection)) {
            count.decrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Returns how many accepted connections are unbound now.
     *
     * @return the count
     */
    public int size() {
        return count.get();
    }
}
