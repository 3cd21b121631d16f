package org.parley.msrp.examples.cli;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.sdp.SdpNegotiationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.concurrent.CompletableFuture;

/**
 * {@code parley answer}: waits for an SDP offer in a file, writes the answer to another, and runs the action on the
 * session they set up. The answer offers to be the passive side where the offer lets it (RFC 6135 §4.2.1).
 */
@Command(name = "answer",
        description = {"Wait for an SDP offer, write the answer, then send or receive on the MSRP session.",
                "A stale --answer-out file is deleted first. An offer whose MSRP stream cannot be accepted is"
                        + " answered with port 0, and the command exits with code 3."})
public final class AnswerCommand extends SignallingCommand {

    @Option(names = "--offer-in", paramLabel = "FILE", required = true,
            description = "Where the offer appears; waited for up to --timeout; - for standard input.")
    private String offerIn;

    @Option(names = "--answer-out", paramLabel = "FILE", required = true,
            description = "Where to write the answer (atomically: a temporary file, then renamed); - for standard"
                    + " output.")
    private String answerOut;

    @Override
    protected void checkSignallingInput() {
        if (!SdpFiles.isStandardStream(answerOut) && answerOut.equals(offerIn)) {
            throw new ParameterException(spec().commandLine(), "--offer-in and --answer-out name the same file");
        }
    }

    @Override
    protected ComediaSession negotiate(ComediaEndpoint endpoint, MsrpSessionOptions options,
                                       MsrpSessionListener listener) throws Exception {
        SdpFiles.deleteStale(answerOut);
        String offer = SdpFiles.await(offerIn, "offer", timeout(), cli().stdin());
        // Taken once: a later run in the same directory waits for its own offer instead of answering this one; the
        // offer stays readable under another name.
        SdpFiles.markTaken(offerIn);
        ComediaSession session = endpoint.answer(offer, options, listener);
        // A rejection is written too: the offerer learns of it from the answer's port 0 (RFC 3264 §6).
        SdpFiles.write(answerOut, session.localSdp(), cli().stdout());
        if (session.isRejected()) {
            throw new SdpNegotiationException("the MSRP stream of the offer was rejected: "
                    + session.rejectionReason().orElse("no reason given"), null, "RFC 3264 §6");
        }
        return session;
    }

    @Override
    protected CompletableFuture<Void> hangUp(ComediaSession session) {
        return session.closeAsync();
    }

    @Override
    protected boolean writesSdpToStdout() {
        return SdpFiles.isStandardStream(answerOut);
    }
}
