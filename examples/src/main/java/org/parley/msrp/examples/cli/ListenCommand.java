package org.parley.msrp.examples.cli;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.ForwardingMsrpSessionListener;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.codec.MsrpStatus;
import org.parley.msrp.examples.sip.SipPhone;
import picocli.CommandLine.Command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code parley listen}: waits for one SIP call with an MSRP offer (JAIN-SIP, through {@link SipPhone}), answers it
 * with 200 and the SDP answer, and runs the action on its MSRP session. Further calls get 486 Busy Here. The action's
 * end is a BYE; the peer's BYE ends the session.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Wait for one SIP call with an MSRP offer, answer it, then send or receive on the MSRP"
                + " session;", "the call must come within --timeout; later calls are refused with 486."})
public final class ListenCommand extends SipCommand {

    private static final int DEFAULT_SIP_PORT = 5060;

    @Override
    protected ComediaSession negotiate(ComediaEndpoint endpoint, MsrpSessionOptions options,
                                       MsrpSessionListener listener) throws Exception {
        AtomicBoolean taken = new AtomicBoolean();
        // JAIN-SIP hands over one event at a time, so answered() follows the incoming() of the same INVITE.
        AtomicReference<CallListener> offered = new AtomicReference<>();
        CompletableFuture<SipPhone.Call> answered = new CompletableFuture<>();
        SipPhone phone = startPhone(endpoint, options, DEFAULT_SIP_PORT, new SipPhone.CallHandler() {
            @Override
            public MsrpSessionListener incoming(String caller) {
                if (taken.get()) {
                    return null;
                }
                note("call from " + caller);
                CallListener callListener = new CallListener(listener);
                offered.set(callListener);
                return callListener;
            }

            /** The slot is taken only by an answered call: an INVITE refused with 488 leaves it free. */
            @Override
            public void answered(SipPhone.Call call) {
                CallListener callListener = offered.getAndSet(null);
                if (callListener != null && taken.compareAndSet(false, true)) {
                    callListener.chosen = true;
                    answered.complete(call);
                } else {
                    call.hangUp();
                }
            }
        });
        note("waiting for a call at " + phone.uri());
        return awaitCall(answered, "no call came").session();
    }

    /**
     * The listener of one incoming call's session. Only the call that is answered and takes the slot reaches the
     * action's listener: a declined call's session also closes, and that must not end the command.
     */
    private static final class CallListener extends ForwardingMsrpSessionListener {
        private volatile boolean chosen;

        CallListener(MsrpSessionListener action) {
            super(action);
        }

        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            return chosen ? super.onMessageStart(message) : MessageSink.refuse(MsrpStatus.NO_SUCH_SESSION);
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
            if (chosen) {
                super.onMessageReceived(message);
            }
        }

        @Override
        public void onMessageAborted(IncomingMessage message, MsrpException reason) {
            if (chosen) {
                super.onMessageAborted(message, reason);
            }
        }

        @Override
        public void onSessionClosed(Throwable cause) {
            if (chosen) {
                super.onSessionClosed(cause);
            }
        }
    }
}
