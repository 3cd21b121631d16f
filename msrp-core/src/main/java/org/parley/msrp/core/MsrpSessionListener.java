package org.parley.msrp.core;

/**
 * Told of what arrives on a {@link MsrpSession}. Every callback runs on the session's event loop
 * ({@link MsrpSession#executor()}), one at a time, and must return quickly without blocking: hand long work to
 * another executor. An exception thrown by a callback is logged and treated as described on each method.
 */
public interface MsrpSessionListener {

    /**
     * A new message starts (its first chunk to arrive, in whatever order chunks come). Choose where its body goes.
     *
     * @param message what the chunk says of the message
     * @return a sink: {@link MessageSink#inMemory(int)}, {@link MessageSink#toFile(java.nio.file.Path)}, your own,
     *     or {@link MessageSink#refuse(org.parley.msrp.core.codec.MsrpStatus)}. Returning null or throwing refuses
     *     the message with 413.
     */
    MessageSink onMessageStart(IncomingMessage message);

    /**
     * Every byte of a message has arrived and its sink has completed.
     *
     * @param message the message; {@link IncomingMessage#sink()} holds the body
     */
    void onMessageReceived(IncomingMessage message);

    /**
     * A message will not complete: the sender aborted it ({@code #}, RFC 4975 §7.1), the connection was lost in the
     * middle of it, the session closed, or its sink failed. Its sink has been told with
     * {@link MessageSink#abort(Throwable)}. Nothing else is said of the message afterwards.
     *
     * @param message the message
     * @param reason why
     */
    default void onMessageAborted(IncomingMessage message, MsrpException reason) {
    }

    /**
     * The session closed: by {@link MsrpSession#closeAsync()}, by the stack shutting down, or because its connection
     * was lost, or because the peer answered 481 or 506 (an MSRP session lives on one connection, RFC 4975 §5.4,
     * §10.8, §10.10).
     *
     * @param cause null for an orderly close, else what ended it
     */
    default void onSessionClosed(Throwable cause) {
    }
}
