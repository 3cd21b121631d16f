package org.parley.msrp.core;

/**
 * Told how far an outgoing message has got. Called on the session's event loop; must return quickly and must not
 * block.
 */
@FunctionalInterface
public interface MsrpProgressListener {

    /**
     * Reports progress.
     *
     * @param messageId the message's Message-ID
     * @param bytesSent bytes written to the connection so far
     * @param bytesAcknowledged bytes the peer has confirmed, by 200 responses or success REPORTs
     * @param totalBytes the body length, or -1 while unknown
     */
    void onProgress(String messageId, long bytesSent, long bytesAcknowledged, long totalBytes);
}
