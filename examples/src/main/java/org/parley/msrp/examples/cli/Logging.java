package org.parley.msrp.examples.cli;

/**
 * Sets up slf4j-simple, the logging backend of the examples, through its system properties. They are read once, when
 * the first logger is made, so this runs before anything logs; {@code -D} settings on the command line win unless
 * {@code -v} asks for more.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /**
     * Chooses the level and the format: everything to standard error, with the time and thread.
     *
     * @param verbosity how many {@code -v} were given
     */
    static void configure(int verbosity) {
        String level = switch (verbosity) {
            case 0 -> "warn";
            case 1 -> "info";
            case 2 -> "debug";
            default -> "trace";
        };
        if (verbosity > 0 || System.getProperty(PREFIX + "defaultLogLevel") == null) {
            System.setProperty(PREFIX + "defaultLogLevel", level);
        }
        // JAIN-SIP warns about its unused TLS settings at every start, and logs as errors with stack traces what the
        // command reports in one line itself (a SIP peer that cannot be reached); its log shows from -vv on.
        if (verbosity >= 2 || System.getProperty(PREFIX + "log.gov.nist") == null) {
            System.setProperty(PREFIX + "log.gov.nist", verbosity >= 2 ? level : "off");
        }
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
