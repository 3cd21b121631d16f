package org.parley.msrp.core.codec;

/**
 * The limits of a {@link MsrpFrameDecoder}: how much of a frame it reads before it gives up on the frame, and how
 * large the body pieces it emits may be. Immutable; start from {@link #DEFAULT} and change single values with the
 * {@code with*} methods.
 *
 * <table>
 * <caption>Limits and their defaults</caption>
 * <tr><th>Limit</th><th>Default</th><th>Meaning</th></tr>
 * <tr><td>{@link #maxStartLineLength()}</td><td>{@value #DEFAULT_MAX_START_LINE_LENGTH}</td>
 *     <td>bytes of the start line, without its CRLF</td></tr>
 * <tr><td>{@link #maxHeaderSize()}</td><td>{@value #DEFAULT_MAX_HEADER_SIZE}</td>
 *     <td>bytes of all header lines together, CRLFs included; paths through relays make header sections
 *     long</td></tr>
 * <tr><td>{@link #maxHeaderCount()}</td><td>{@value #DEFAULT_MAX_HEADER_COUNT}</td>
 *     <td>number of header lines</td></tr>
 * <tr><td>{@link #maxChunkSize()}</td><td>{@value #DEFAULT_MAX_CHUNK_SIZE}</td>
 *     <td>largest body piece ({@link MsrpContent}) emitted; bodies of any size stream in pieces of at most
 *     this</td></tr>
 * <tr><td>{@link #maxTransactionIdLength()}</td><td>{@value #DEFAULT_MAX_TRANSACTION_ID_LENGTH}</td>
 *     <td>longest transaction id accepted. RFC 4975 §9 has senders use 4 to 32 characters; the decoder also
 *     accepts shorter ones, from 1 character, because lenient peers send them</td></tr>
 * <tr><td>{@link #requirePaths()}</td><td>{@code true}</td>
 *     <td>whether a request without To-Path or From-Path fails (RFC 4975 §9 requires both); turn off only to read
 *     fragments such as RFC 4975 Figure 3</td></tr>
 * </table>
 *
 * @param maxStartLineLength bytes of the start line, without CRLF; at least 16
 * @param maxHeaderSize bytes of all header lines, CRLFs included; at least 64
 * @param maxHeaderCount number of header lines; at least 2
 * @param maxChunkSize largest body piece emitted; at least 1
 * @param maxTransactionIdLength longest transaction id accepted; 4 to 255
 * @param requirePaths whether requests must carry To-Path and From-Path
 */
public record MsrpDecoderConfig(int maxStartLineLength, int maxHeaderSize, int maxHeaderCount, int maxChunkSize,
                                int maxTransactionIdLength, boolean requirePaths) {

    /** Default {@link #maxStartLineLength()}. */
    public static final int DEFAULT_MAX_START_LINE_LENGTH = 1024;
    /** Default {@link #maxHeaderSize()}. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 16384;
    /** Default {@link #maxHeaderCount()}. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 64;
    /** Default {@link #maxChunkSize()}. */
    public static final int DEFAULT_MAX_CHUNK_SIZE = 16384;
    /** Default {@link #maxTransactionIdLength()}: the RFC 4975 §9 maximum. */
    public static final int DEFAULT_MAX_TRANSACTION_ID_LENGTH = MsrpIdentifiers.MAX_IDENT_LENGTH;

    /** The defaults listed in the class description. */
    public static final MsrpDecoderConfig DEFAULT = new MsrpDecoderConfig(DEFAULT_MAX_START_LINE_LENGTH,
            DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_CHUNK_SIZE,
            DEFAULT_MAX_TRANSACTION_ID_LENGTH, true);

    /**
     * Validates the limits.
     *
     * @param maxStartLineLength bytes of the start line, without CRLF; at least 16
     * @param maxHeaderSize bytes of all header lines, CRLFs included; at least 64
     * @param maxHeaderCount number of header lines; at least 2
     * @param maxChunkSize largest body piece emitted; at least 1
     * @param maxTransactionIdLength longest transaction id accepted; 4 to 255
     * @param requirePaths whether requests must carry To-Path and From-Path
     * @throws IllegalArgumentException naming the first limit out of its range
     */
    public MsrpDecoderConfig {
        requireAtLeast("maxStartLineLength", maxStartLineLength, 16);
        requireAtLeast("maxHeaderSize", maxHeaderSize, 64);
        requireAtLeast("maxHeaderCount", maxHeaderCount, 2);
        requireAtLeast("maxChunkSize", maxChunkSize, 1);
        requireAtLeast("maxTransactionIdLength", maxTransactionIdLength, MsrpIdentifiers.MIN_IDENT_LENGTH);
        if (maxTransactionIdLength > 255) {
            throw new IllegalArgumentException("maxTransactionIdLength must be at most 255: " + maxTransactionIdLength);
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    /**
     * Returns a copy with another start-line limit.
     *
     * @param value bytes of the start line, without CRLF; at least 16
     * @return the new configuration
     */
    public MsrpDecoderConfig withMaxStartLineLength(int value) {
        return new MsrpDecoderConfig(value, maxHeaderSize, maxHeaderCount, maxChunkSize, maxTransactionIdLength,
                requirePaths);
    }

    /**
     * Returns a copy with another header-size limit.
     *
     * @param value bytes of all header lines, CRLFs included; at least 64
     * @return the new configuration
     */
    public MsrpDecoderConfig withMaxHeaderSize(int value) {
        return new MsrpDecoderConfig(maxStartLineLength, value, maxHeaderCount, maxChunkSize, maxTransactionIdLength,
                requirePaths);
    }

    /**
     * Returns a copy with another header-count limit.
     *
     * @param value number of header lines; at least 2
     * @return the new configuration
     */
    public MsrpDecoderConfig withMaxHeaderCount(int value) {
        return new MsrpDecoderConfig(maxStartLineLength, maxHeaderSize, value, maxChunkSize, maxTransactionIdLength,
                requirePaths);
    }

    /**
     * Returns a copy with another body-piece size.
     *
     * @param value largest body piece emitted; at least 1
     * @return the new configuration
     */
    public MsrpDecoderConfig withMaxChunkSize(int value) {
        return new MsrpDecoderConfig(maxStartLineLength, maxHeaderSize, maxHeaderCount, value, maxTransactionIdLength,
                requirePaths);
    }

    /**
     * Returns a copy with another transaction-id limit.
     *
     * @param value longest transaction id accepted; 4 to 255
     * @return the new configuration
     */
    public MsrpDecoderConfig withMaxTransactionIdLength(int value) {
        return new MsrpDecoderConfig(maxStartLineLength, maxHeaderSize, maxHeaderCount, maxChunkSize, value,
                requirePaths);
    }

    /**
     * Returns a copy that does or does not require To-Path and From-Path on requests.
     *
     * @param value whether requests must carry both paths
     * @return the new configuration
     */
    public MsrpDecoderConfig withRequirePaths(boolean value) {
        return new MsrpDecoderConfig(maxStartLineLength, maxHeaderSize, maxHeaderCount, maxChunkSize,
                maxTransactionIdLength, value);
    }
}
