package org.parley.msrp.examples.cli;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as the user gave them: {@code --timeout 0.5} reads back as "0.5 s", not "0 s". */
final class Durations {

    private Durations() {
    }

    /**
     * Formats a duration in seconds, to the millisecond, without trailing zeros.
     *
     * @param duration the duration
     * @return for example "30 s" or "0.25 s"
     */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
