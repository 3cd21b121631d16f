package org.parley.msrp.examples.cli;

import org.parley.msrp.core.MsrpSessionListener;

/**
 * What a signalling command does with its session once it is established: {@code send} or {@code receive}. An
 * action sees the session only through {@link EstablishedSession}, so it runs the same under every signalling
 * command. The command calls, in this order: {@link #checkInput()}, {@link #listener}, then either {@link #run} or
 * {@link #notEstablished}.
 */
public interface SessionAction {

    /**
     * Checks the action's arguments before anything is set up, so that bad input fails at once and sends nothing.
     *
     * @throws picocli.CommandLine.ParameterException if the input is unusable (exit code 2)
     */
    void checkInput();

    /**
     * Returns the listener of the session, which exists before the session: messages may arrive as soon as it is
     * connected, before {@link #run} starts. Its callbacks run on the session's event loop and must not block.
     *
     * @param output where to write
     * @return the listener
     */
    MsrpSessionListener listener(Output output);

    /**
     * Does the work on the established session, then ends it (or waits until the peer does).
     *
     * @param session the session
     * @param output where to write
     * @return the exit code
     * @throws Exception what the command reports and maps to an exit code with {@link ExitCodes#of}
     */
    int run(EstablishedSession session, Output output) throws Exception;

    /**
     * Told that the session could not be established, before the command reports why and exits; lets an action
     * finish its own output (such as the summary line of {@code receive --json}).
     *
     * @param reason why
     * @param output where to write
     */
    default void notEstablished(Throwable reason, Output output) {
    }
}
