package org.parley.msrp.examples.support;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for a transfer of known or unknown size. On a terminal it redraws the line in place at most
 * ten times a second; elsewhere (a pipe, a CI log) it prints one line per tenth of the transfer, so logs stay short.
 *
 * <p>Thread-safe: {@link #update} may be called from a session's event loop (an
 * {@link org.parley.msrp.core.MsrpProgressListener}) while another thread calls {@link #finish}.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastTenth = -1;
    private long done;
    private boolean finished;

    /**
     * Creates a bar that draws in place when the JVM has a terminal.
     *
     * @param out where to draw, usually {@code System.err} so that standard output stays machine-readable
     * @param label what is transferred, e.g. a file name
     * @param total the size in bytes, or -1 when unknown
     */
    public ProgressBar(PrintStream out, String label, long total) {
        this(out, label, total, System.console() != null);
    }

    /**
     * Creates a bar.
     *
     * @param out where to draw
     * @param label what is transferred
     * @param total the size in bytes, or -1 when unknown
     * @param interactive whether to redraw one line in place ({@code \r}) or print a line per tenth
     */
    public ProgressBar(PrintStream out, String label, long total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.interactive = interactive;
    }

    /**
     * Records progress and redraws when it is time to.
     *
     * @param bytes bytes transferred so far
     */
    public synchronized void update(long bytes) {
        if (finished) {
            return;
        }
        done = Math.max(done, bytes);
        if (interactive) {
            long now = System.nanoTime();
            if (now - lastDrawNanos >= REDRAW_NANOS) {
                lastDrawNanos = now;
                out.print('\r' + render(now));
                out.flush();
            }
        } else if (total > 0) {
            int tenth = (int) (done * 10 / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println(render(System.nanoTime()));
            }
        }
    }

    /**
     * Draws the final state and ends the line; later updates are ignored.
     *
     * @param outcome a word or two after the bar, e.g. "done" or "failed: 413 Request Entity Too Large"
     */
    public synchronized void finish(String outcome) {
        if (finished) {
            return;
        }
        finished = true;
        String line = render(System.nanoTime()) + "  " + outcome;
        out.println(interactive ? "\r" + line : line);
        out.flush();
    }

    /** Returns the bar as text, e.g. {@code file.bin [#######.......]  45%  22.5/50.0 MiB  118.3 MiB/s}. */
    synchronized String render(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        String rate = String.format(Locale.ROOT, "%.1f MiB/s", done / MIB / seconds);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %.1f MiB  %s", label, done / MIB, rate);
        }
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %.1f/%.1f MiB  %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done * 100 / total, done / MIB, total / MIB, rate);
    }
}
