package org.parley.msrp.core;

import java.util.Objects;

/**
 * A listener that passes every event to another one; subclasses override what they watch or change (note a session's
 * end, gate events), in the manner of Guava's forwarding collections. Each method runs on the thread the session
 * calls it on, its event loop, and calls the delegate there.
 */
public class ForwardingMsrpSessionListener implements MsrpSessionListener {

    private final MsrpSessionListener delegate;

    /**
     * Creates the listener.
     *
     * @param delegate the listener every event goes to
     */
    public ForwardingMsrpSessionListener(MsrpSessionListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Returns the listener events go to.
     *
     * @return the delegate
     */
    protected final MsrpSessionListener delegate() {
        return delegate;
    }

    @Override
    public MessageSink onMessageStart(IncomingMessage message) {
        return delegate.onMessageStart(message);
    }

    @Override
    public void onMessageReceived(IncomingMessage message) {
        delegate.onMessageReceived(message);
    }

    @Override
    public void onMessageAborted(IncomingMessage message, MsrpException reason) {
        delegate.onMessageAborted(message, reason);
    }

    @Override
    public void onSessionClosed(Throwable cause) {
        delegate.onSessionClosed(cause);
    }
}
