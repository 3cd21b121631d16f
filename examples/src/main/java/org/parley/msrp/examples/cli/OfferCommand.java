package org.parley.msrp.examples.cli;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.concurrent.CompletableFuture;

/**
 * {@code parley offer}: writes an SDP offer to a file, waits for the answer in another, and runs the action on the
 * session they set up. Whatever carries the files between the two sides is the signalling.
 */
@Command(name = "offer",
        description = {"Write an SDP offer, wait for the answer, then send or receive on the MSRP session.",
                "A stale --answer-in file is deleted first, so that an answer from an earlier run is never taken."})
public final class OfferCommand extends SignallingCommand {

    @Option(names = "--offer-out", paramLabel = "FILE", required = true,
            description = "Where to write the offer (atomically: a temporary file, then renamed); - for standard"
                    + " output.")
    private String offerOut;

    @Option(names = "--answer-in", paramLabel = "FILE", required = true,
            description = "Where the answer appears; waited for up to --timeout; - for standard input.")
    private String answerIn;

    @Mixin
    private OfferSetup setup;

    @Override
    protected void checkSignallingInput() {
        if (!SdpFiles.isStandardStream(offerOut) && offerOut.equals(answerIn)) {
            throw new ParameterException(spec().commandLine(), "--offer-out and --answer-in name the same file");
        }
    }

    @Override
    protected ComediaSession negotiate(ComediaEndpoint endpoint, MsrpSessionOptions options,
                                       MsrpSessionListener listener) throws Exception {
        // Deleted before the offer exists, so that nothing the peer writes in reply can be deleted.
        SdpFiles.deleteStale(answerIn);
        ComediaSession session = endpoint.createOffer(options, listener);
        SdpFiles.write(offerOut, setup.offer(session.localSdp()), cli().stdout());
        String answer = SdpFiles.await(answerIn, "answer", timeout(), cli().stdin());
        setup.checkAnswer(answer);
        session.applyAnswer(answer);
        return session;
    }

    @Override
    protected CompletableFuture<Void> hangUp(ComediaSession session) {
        return session.closeAsync();
    }

    @Override
    protected boolean reachable() {
        return setup.reachable();
    }

    @Override
    protected boolean writesSdpToStdout() {
        return SdpFiles.isStandardStream(offerOut);
    }
}
