package org.parley.msrp.examples.cli;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.examples.sip.SipPhone;
import picocli.CommandLine.Command;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.SipURI;
import java.text.ParseException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.util.concurrent.CompletableFuture;

/**
 * {@code parley call}: calls a SIP address with an INVITE carrying the SDP offer (JAIN-SIP, through
 * {@link SipPhone}), and runs the action on the MSRP session the 200's answer sets up. The action's end is a BYE;
 * the peer's BYE ends the session.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Call a SIP address with an SDP offer in the INVITE, then send or receive on the MSRP session;",
                "hang up with a BYE when the action is done."})
public final class CallCommand extends SipCommand {

    @Parameters(index = "0", paramLabel = "SIP-URI",
            description = "Whom to call, e.g. sip:bob@192.0.2.7:5060 (add ;transport=tcp for SIP over TCP).")
    private String target;

    @Mixin
    private OfferSetup setup;

    @Override
    protected void checkCallInput() {
        try {
            if (!(SipFactory.getInstance().createAddressFactory().createURI(target) instanceof SipURI)) {
                throw new ParameterException(spec().commandLine(), "SIP-URI must be a sip: URI: " + target);
            }
        } catch (ParseException | PeerUnavailableException e) {
            throw new ParameterException(spec().commandLine(), "SIP-URI is not a SIP URI: " + target + " ("
                    + e.getMessage() + ")");
        }
        if (setup.isPassive()) {
            throw new ParameterException(spec().commandLine(), "--setup passive is for offer only: the INVITE"
                    + " carries the endpoint's own offer, actpass or active");
        }
    }

    @Override
    protected ComediaSession negotiate(ComediaEndpoint endpoint, MsrpSessionOptions options,
                                       MsrpSessionListener listener) throws Exception {
        SipPhone phone = startPhone(endpoint, options, 0, caller -> null);
        note("calling " + target + " from " + phone.uri());
        CompletableFuture<SipPhone.Call> answered = phone.call(target, listener);
        SipPhone.Call call = awaitCall(answered, "no final answer from " + target);
        call.session().outcome().ifPresent(outcome -> note("answered; " + switch (outcome.role()) {
            case CONNECT -> "this side opens the MSRP connection";
            case ACCEPT -> "the peer opens the MSRP connection";
        }));
        return call.session();
    }

    @Override
    protected boolean reachable() {
        return setup.reachable();
    }
}
