package org.parley.msrp.examples.cli;

import java.io.PrintStream;

/**
 * Where a command writes. Standard output carries what a program reads (SDP written to {@code -}, JSON lines); the
 * lines meant for a person go to standard output too, unless an SDP body goes there, and then to standard error.
 * Logs and progress bars always go to standard error.
 *
 * @param stdout standard output
 * @param stderr standard error
 * @param sdpOnStdout whether this command writes its SDP to standard output
 */
public record Output(PrintStream stdout, PrintStream stderr, boolean sdpOnStdout) {

    /**
     * Returns the stream for lines meant for a person.
     *
     * @return standard output, or standard error when standard output carries SDP
     */
    public PrintStream human() {
        return sdpOnStdout ? stderr : stdout;
    }
}
