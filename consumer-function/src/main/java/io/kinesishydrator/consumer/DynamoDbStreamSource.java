package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.kinesishydrator.common.StructuredLogger;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * DynamoDB stream records as Lambda delivers them. Unlike a Kinesis record, one carries no shard id; its
 * {@code eventID} is unique to the stream record and the same on every delivery, so it stands in for the shard.
 */
final class DynamoDbStreamSource implements StreamSource<DynamodbStreamRecord> {
    static final DynamoDbStreamSource INSTANCE = new DynamoDbStreamSource();
    private static final String TABLE = ":table/";
    private static final String STREAM = "/stream/";

    private DynamoDbStreamSource() {
    }

    @Override
    public List<DynamodbStreamRecord> records(InputStream input) throws IOException {
        DynamodbEvent event = DynamoDbEventReader.read(input);
        return event == null ? null : event.getRecords();
    }

    @Override
    public String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }

    @Override
    public String missingSequenceNumber(int index) {
        return "DynamoDB stream record " + index + " has no dynamodb.SequenceNumber";
    }

    /** The table's name, from {@code arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>}. */
    @Override
    public String streamName(DynamodbStreamRecord record) {
        String streamArn = record.getEventSourceARN();
        int table = streamArn == null ? -1 : streamArn.indexOf(TABLE);
        int stream = table < 0 ? -1 : streamArn.indexOf(STREAM, table);
        return stream < 0 ? "unknown" : streamArn.substring(table + TABLE.length(), stream);
    }

    @Override
    public StructuredLogger.Line coordinates(StructuredLogger.Line line, DynamodbStreamRecord record) {
        return line.with("eventId", record.getEventID())
                .with("eventName", record.getEventName())
                .with("sequenceNumber", record.getDynamodb().getSequenceNumber())
                .with("eventSourceArn", record.getEventSourceARN());
    }

    /** The item's keys and images as the event holds them. */
    @Override
    public String payload(DynamodbStreamRecord record) {
        return record.getDynamodb().toString();
    }

    /**
     * {@code <stream ARN>/<eventID>/<sequence number>}. A DynamoDB stream record has no shard id, and its
     * {@code eventID} is unique to the stream record and carried unchanged by every redelivery.
     */
    @Override
    public String idempotencyKey(DynamodbStreamRecord record) {
        return record.getEventSourceARN() + "/" + record.getEventID() + "/" + record.getDynamodb().getSequenceNumber();
    }
}
