package org.parley.msrp.comedia.testing;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * A {@link SipListener} that ignores every event; tests extend it and override only what they handle, for instance to
 * give a {@link SipTestAgent} a delegate. Its methods run on the SIP stack's event thread.
 */
public class SipListenerAdapter implements SipListener {

    /** Creates a listener that ignores everything until a method is overridden. */
    public SipListenerAdapter() {
    }

    @Override
    public void processRequest(RequestEvent event) {
    }

    @Override
    public void processResponse(ResponseEvent event) {
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
