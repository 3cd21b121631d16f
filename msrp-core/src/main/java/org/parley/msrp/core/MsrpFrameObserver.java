package org.parley.msrp.core;

import org.parley.msrp.core.codec.MsrpFrameObject;

/**
 * Sees every MSRP frame a stack's connections read and write, for wire traces and debugging, like Netty's
 * {@code LoggingHandler}; set it with {@link MsrpStackOptions.Builder#frameObserver}. Inbound frames come as the
 * decoder streams them: a head ({@code MsrpRequestHead} or {@code MsrpResponseHead}), body pieces
 * ({@code MsrpContent}) and the last piece ({@code LastMsrpContent}, with the end-line's flag). Outbound frames come as
 * the session writes them: whole chunks and responses ({@code FullMsrpFrame}: head, body and flag).
 *
 * <p>Runs on the connection's event loop, for inbound pieces in the order they were decoded (after TLS), and for
 * outbound pieces in the order they are written (before encoding). It must not block, must not change the pieces and
 * must not keep them or their buffers after it returns (copy what it needs). What it throws is logged and otherwise
 * ignored: an observer cannot break a connection.
 */
@FunctionalInterface
public interface MsrpFrameObserver {

    /** Which way a piece travels. */
    enum Direction {
        /** Read from the peer. */
        INBOUND,
        /** Written to the peer. */
        OUTBOUND
    }

    /**
     * Called for each piece.
     *
     * @param connection the connection it travels on
     * @param direction which way
     * @param piece the piece; owned by the pipeline
     */
    void onFrame(MsrpConnection connection, Direction direction, MsrpFrameObject piece);
}
