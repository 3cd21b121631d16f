package org.parley.msrp.examples.cli;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.examples.sip.SipPhone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code parley listen}: waits for one SIP call with an MSRP offer (JAIN-SIP, through {@link SipPhone}), answers it
 * with 200 and the SDP answer, and runs the action on its MSRP session. Further calls get 486 Busy Here. The action's
 * end is a BYE; the peer's BYE ends the session.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Wait for one SIP call with an MSRP offer, answer it, then send or receive on the MSRP"
                + " session;", "the call must come within --timeout; later calls are refused with 486."})
public final class ListenCommand extends SignallingCommand {

    private static final int DEFAULT_SIP_PORT = 5060;

    @Mixin
    private SipOptions sip;

    private final SipSignalling signalling = new SipSignalling();

    @Override
    protected void checkSignallingInput() {
        String problem = sip.problem();
        if (problem != null) {
            throw new ParameterException(spec().commandLine(), problem);
        }
    }

    @Override
    protected ComediaSession negotiate(ComediaEndpoint endpoint, MsrpSessionOptions options,
                                       MsrpSessionListener listener) throws Exception {
        AtomicBoolean taken = new AtomicBoolean();
        CompletableFuture<SipPhone.Call> answered = new CompletableFuture<>();
        SipPhone phone = signalling.start(SipPhone.start(sip.user(), host(), sip.port(DEFAULT_SIP_PORT),
                sip.transport(), endpoint, options, new SipPhone.CallHandler() {
                    @Override
                    public MsrpSessionListener incoming(String caller) {
                        if (!taken.compareAndSet(false, true)) {
                            return null;
                        }
                        note("call from " + caller);
                        return listener;
                    }

                    @Override
                    public void answered(SipPhone.Call call) {
                        answered.complete(call);
                    }
                }));
        note("waiting for a call at " + phone.uri());
        return signalling.await(answered, timeout(), "no call came").session();
    }

    @Override
    protected CompletableFuture<Void> hangUp(ComediaSession session) {
        return signalling.hangUp();
    }

    @Override
    protected void releaseSignalling() {
        signalling.release();
    }
}
