package org.parley.msrp.core;

/**
 * The outcome of a successful send.
 *
 * @param messageId the Message-ID the message was sent with
 * @param size the number of body bytes sent
 * @param chunks the number of SEND requests it took
 * @param confirmedBySuccessReport whether success REPORTs confirmed every byte (Success-Report yes)
 */
public record MsrpSendResult(String messageId, long size, int chunks, boolean confirmedBySuccessReport) {
}
