package io.kinesishydrator.redrive;

import software.amazon.awssdk.core.SdkBytes;

/**
 * One record of a dead-letter message: a Kinesis record, or one user record of a record the Kinesis Producer
 * Library aggregated (then with its {@code subSequenceNumber} and, when the producer chose one, its explicit
 * hash key).
 *
 * @param subSequenceNumber the user record's place in its aggregate, or null for a plain record
 * @param explicitHashKey   the hash key the producer chose, or null; Kinesis keeps it only inside KPL aggregates
 * @param data              the record's bytes (from the message's {@code data} or {@code text}), or null when
 *                          {@code truncated}
 * @param truncated         the record was too large for a dead-letter message: only its size and digest are here
 * @param dataSha256        the digest of the bytes a truncated record had, or null
 */
public record DeadLetterRecord(String sequenceNumber, Long subSequenceNumber, String partitionKey, String explicitHashKey,
                               SdkBytes data, boolean truncated, Long dataBytes, String dataSha256) {

    /** Where the record was: its sequence number, and its sub-sequence number for a KPL user record. */
    public String position() {
        return subSequenceNumber == null ? sequenceNumber : sequenceNumber + "/" + subSequenceNumber;
    }
}
