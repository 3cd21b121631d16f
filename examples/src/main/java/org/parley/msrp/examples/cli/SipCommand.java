package org.parley.msrp.examples.cli;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.examples.sip.SipPhone;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

import java.util.concurrent.CompletableFuture;

/**
 * A signalling command that carries the SDP in a SIP call of its own ({@code call}, {@code listen}): the SIP
 * options, one {@link SipPhone}, the wait for the call, the BYE at the end and the stack stopped last.
 */
abstract class SipCommand extends SignallingCommand {

    @Mixin
    private SipOptions sip;

    private final SipSignalling signalling = new SipSignalling();

    /**
     * Checks the command's own arguments besides the SIP options.
     *
     * @throws ParameterException if they are unusable
     */
    protected void checkCallInput() {
    }

    @Override
    protected final void checkSignallingInput() {
        checkCallInput();
        String problem = sip.problem();
        if (problem != null) {
            throw new ParameterException(spec().commandLine(), problem);
        }
    }

    /**
     * Starts the phone on {@code --host} with the SIP options.
     *
     * @param endpoint where its MSRP sessions are made
     * @param options the options of its sessions
     * @param defaultPort the SIP port when {@code --sip-port} is not given
     * @param handler decides about incoming calls
     * @return the phone, stopped when the command ends
     */
    protected final SipPhone startPhone(ComediaEndpoint endpoint, MsrpSessionOptions options, int defaultPort,
                                        SipPhone.CallHandler handler) {
        return signalling.start(() -> SipPhone.start(sip.user(), host(), sip.port(defaultPort), sip.transport(),
                endpoint, options, handler));
    }

    /**
     * Waits up to {@code --timeout} for the call.
     *
     * @param answered completes with the call
     * @param whatTimedOut the start of the message when nothing came
     * @return the call
     * @throws InterruptedException if the thread is interrupted
     */
    protected final SipPhone.Call awaitCall(CompletableFuture<SipPhone.Call> answered, String whatTimedOut)
            throws InterruptedException {
        return signalling.await(answered, timeout(), whatTimedOut);
    }

    @Override
    protected final CompletableFuture<Void> hangUp(ComediaSession session) {
        return signalling.hangUp();
    }

    @Override
    protected final void releaseSignalling() {
        signalling.release();
    }
}
