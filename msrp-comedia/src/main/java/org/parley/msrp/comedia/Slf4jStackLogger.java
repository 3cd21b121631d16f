package org.parley.msrp.comedia;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * Routes the NIST SIP stack's internal logging to SLF4J, so that the stack runs without log4j.
 *
 * <p>{@code jain-sip-ri} declares log4j 1.x as a "provided" dependency, yet its default stack logger
 * ({@code gov.nist.core.LogWriter}) is built on it: without log4j on the class path, creating a stack fails with
 * {@code NoClassDefFoundError: org/apache/log4j/Layout}. A host names this class in its stack's property
 * {@code gov.nist.javax.sip.STACK_LOGGER} (as Parley's tests do), which is all it takes:
 * <pre>{@code
 * properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
 * }</pre>
 * The default message logger ({@code gov.nist.javax.sip.stack.ServerLog}) needs no log4j and writes its message
 * traces through this logger too.
 *
 * <p>The stack keeps the logger of the last stack created in a static field and uses it for every stack of the JVM,
 * so all output goes to the one SLF4J logger {@value #LOGGER_NAME}. Levels: the stack's errors and warnings map to
 * SLF4J's; its "info" level, at which it traces every SIP message sent and received, maps to DEBUG; its debug and
 * trace levels, which are very chatty, map to TRACE. Run with
 * {@code -Dorg.slf4j.simpleLogger.log.gov.nist.javax.sip=debug} (with slf4j-simple) to see the SIP traffic.
 *
 * <p>The stack instantiates this class by reflection and calls it from any of its threads.
 */
public final class Slf4jStackLogger implements StackLogger {

    /** The SLF4J logger that receives everything the stack logs. */
    public static final String LOGGER_NAME = "gov.nist.javax.sip";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private volatile boolean enabled = true;

    /** Called by the stack, through reflection, when it is created. */
    public Slf4jStackLogger() {
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled && LOG.isErrorEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (!enabled) {
            return false;
        }
        if (logLevel <= TRACE_ERROR) {
            return LOG.isErrorEnabled();
        } else if (logLevel <= TRACE_WARN) {
            return LOG.isWarnEnabled();
        } else if (logLevel <= TRACE_INFO) {
            return LOG.isDebugEnabled();
        }
        return LOG.isTraceEnabled();
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            LOG.trace("stack trace", new Exception("stack trace requested by the SIP stack"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        if (enabled) {
            LOG.error("SIP stack exception", ex);
        }
    }

    @Override
    public void logDebug(String message) {
        if (enabled) {
            LOG.trace(message);
        }
    }

    @Override
    public void logDebug(String message, Exception ex) {
        if (enabled) {
            LOG.trace(message, ex);
        }
    }

    @Override
    public void logTrace(String message) {
        if (enabled) {
            LOG.trace(message);
        }
    }

    @Override
    public void logFatalError(String message) {
        if (enabled) {
            LOG.error(message);
        }
    }

    @Override
    public void logError(String message) {
        if (enabled) {
            LOG.error(message);
        }
    }

    @Override
    public void logError(String message, Exception ex) {
        if (enabled) {
            LOG.error(message, ex);
        }
    }

    @Override
    public void logWarning(String message) {
        if (enabled) {
            LOG.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        if (enabled) {
            LOG.debug(message);
        }
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // The stack reports its build time here; nothing to do with it.
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Levels come from the SLF4J configuration, not from the stack's properties.
    }

    @Override
    public String getLoggerName() {
        return LOGGER_NAME;
    }
}
