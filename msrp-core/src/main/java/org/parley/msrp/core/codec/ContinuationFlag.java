package org.parley.msrp.core.codec;

/**
 * The continuation flag that ends every MSRP end-line (RFC 4975 §5.1, §9 {@code continuation-flag}).
 */
public enum ContinuationFlag {
    /** {@code $}: this chunk ends the message; also the flag of every response and bodiless request. */
    COMPLETE('$'),
    /** {@code +}: more chunks of the same message follow in later SEND requests. */
    CONTINUED('+'),
    /** {@code #}: the sender aborts the message and sends no further chunks of it (RFC 4975 §7.1). */
    ABORTED('#');

    private final char symbol;

    ContinuationFlag(char symbol) {
        this.symbol = symbol;
    }

    /**
     * Returns the character written on the wire.
     *
     * @return {@code $}, {@code +} or {@code #}
     */
    public char symbol() {
        return symbol;
    }

    /**
     * Returns the flag for a wire character.
     *
     * @param symbol the byte or character read after the transaction id of an end-line
     * @return the flag, or {@code null} when {@code symbol} is not a continuation flag
     */
    public static ContinuationFlag fromSymbol(int symbol) {
        switch (symbol) {
            case '$':
                return COMPLETE;
            case '+':
                return CONTINUED;
            case '#':
                return ABORTED;
            default:
                return null;
        }
    }
}
