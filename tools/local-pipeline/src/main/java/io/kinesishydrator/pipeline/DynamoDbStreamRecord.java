package io.kinesishydrator.pipeline;

import java.time.Instant;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** A DynamoDB stream record, as the DynamoDB Streams API's GetRecords returns it. */
record DynamoDbStreamRecord(Record record) implements StreamRecord {
    /** The event's fields besides the keys and images: names, ids, the stream's ARN. */
    private static final long ENVELOPE_BYTES = 512;

    @Override
    public String sequenceNumber() {
        return record.dynamodb().sequenceNumber();
    }

    /** DynamoDB Streams gives the change's creation time, in whole seconds. */
    @Override
    public Instant approximateArrival() {
        return record.dynamodb().approximateCreationDateTime();
    }

    /** The item's key values (a string, a number, or a note for binary), which place it as a partition key would. */
    String keyValues() {
        return record.dynamodb().keys().values().stream()
                .map(value -> value.s() != null ? value.s() : value.n() != null ? value.n() : "(binary)")
                .collect(Collectors.joining("|"));
    }

    /** The keys and images, whose stored size is {@code SizeBytes}, about double once typed as DynamoDB JSON. */
    @Override
    public long eventBytes() {
        return record.dynamodb().sizeBytes() * 2 + ENVELOPE_BYTES;
    }
}
