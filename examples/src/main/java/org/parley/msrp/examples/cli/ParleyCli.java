package org.parley.msrp.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code parley}, a command-line MSRP endpoint for tests and scripts: it sets up one MSRP session by SDP offer/answer
 * (carried in files, so any signalling can carry it, or in a SIP call), sends or receives text and files, and tells
 * the outcome by its output and exit code (see docs/cli.md).
 *
 * <pre>
 * parley offer  --offer-out FILE --answer-in FILE  [options] (send|receive) [action options]
 * parley answer --offer-in FILE  --answer-out FILE [options] (send|receive) [action options]
 * parley call   SIP-URI [options] (send|receive) [action options]
 * parley listen [options] (send|receive) [action options]
 * </pre>
 *
 * <p>Runs in-process too: {@link #execute(String...)} returns the exit code and writes to the streams given to the
 * constructor.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = ParleyCli.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "An MSRP (RFC 4975) endpoint for tests: one session set up by SDP offer/answer with COMEDIA"
                + " (RFC 6135), then text and files sent or received.",
        subcommands = {OfferCommand.class, AnswerCommand.class, CallCommand.class, ListenCommand.class,
                CommandLine.HelpCommand.class})
public final class ParleyCli {

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final InputStream stdin;

    /**
     * Creates the tool with its standard streams.
     *
     * @param stdout where results go
     * @param stderr where messages for a person, progress and logs go
     * @param stdin where {@code -} reads SDP from
     */
    public ParleyCli(PrintStream stdout, PrintStream stderr, InputStream stdin) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = stdin;
    }

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new ParleyCli(System.out, System.err, System.in).execute(args));
    }

    /**
     * Runs one command line.
     *
     * @param args the command line
     * @return the exit code, one of {@link ExitCodes}
     */
    public int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * Builds the picocli command line: exit codes listed in every command's help, failures mapped to exit codes and
     * reported in one line (with the stack trace only when unexpected).
     *
     * @return the command line, ready to execute
     */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setOut(new PrintWriter(stdout, true));
        commandLine.setErr(new PrintWriter(stderr, true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        commandLine.setExecutionExceptionHandler((failure, failedCommand, parseResult) -> {
            if (ExitCodes.isExpected(failure)) {
                stderr.println("parley: " + ExitCodes.describe(failure));
            } else {
                stderr.println("parley: unexpected failure");
                failure.printStackTrace(stderr);
            }
            stderr.flush();
            return failedCommand.getExitCodeExceptionMapper().getExitCode(failure);
        });
        listExitCodes(commandLine, ExitCodes.descriptions());
        return commandLine;
    }

    private static void listExitCodes(CommandLine commandLine, Map<String, String> codes) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            listExitCodes(subcommand, codes);
        }
    }

    PrintStream stdout() {
        return stdout;
    }

    PrintStream stderr() {
        return stderr;
    }

    InputStream stdin() {
        return stdin;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ParleyCli.class.getPackage().getImplementationVersion();
            return new String[] {"parley " + (version != null ? version : "(development build)")};
        }
    }
}
