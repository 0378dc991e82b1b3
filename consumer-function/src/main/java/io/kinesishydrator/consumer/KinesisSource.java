package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.common.StructuredLogger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Kinesis records as Lambda delivers them: the shard id inside {@code eventID}, the data as bytes. */
final class KinesisSource implements StreamSource<KinesisEventRecord> {
    static final KinesisSource INSTANCE = new KinesisSource();

    private KinesisSource() {
    }

    @Override
    public List<KinesisEventRecord> records(InputStream input) throws IOException {
        KinesisEvent event = KinesisEventReader.read(input);
        return event == null ? null : event.getRecords();
    }

    @Override
    public String sequenceNumber(KinesisEventRecord record) {
        return record.getKinesis() == null ? null : record.getKinesis().getSequenceNumber();
    }

    @Override
    public String missingSequenceNumber(int index) {
        return "Kinesis event record " + index + " has no kinesis.sequenceNumber";
    }

    @Override
    public String streamName(KinesisEventRecord record) {
        String streamArn = record.getEventSourceARN();
        return streamArn == null ? "unknown" : streamArn.substring(streamArn.lastIndexOf('/') + 1);
    }

    @Override
    public StructuredLogger.Line coordinates(StructuredLogger.Line line, KinesisEventRecord record) {
        return line.with("shardId", ShardIds.fromEventId(record.getEventID()))
                .with("sequenceNumber", record.getKinesis().getSequenceNumber())
                .with("partitionKey", record.getKinesis().getPartitionKey())
                .with("eventSourceArn", record.getEventSourceARN());
    }

    /** The record's data as text when it is UTF-8, else base64. */
    @Override
    public String payload(KinesisEventRecord record) {
        ByteBuffer data = record.getKinesis().getData();
        if (data == null) {
            return null;
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException binary) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

    /**
     * {@code <stream ARN>/<shard id>/<sequence number>}: a sequence number is unique within its shard, and a
     * redelivery carries the same three. A record put again (a producer's retry, a redrive) gets a new one.
     */
    @Override
    public String idempotencyKey(KinesisEventRecord record) {
        return record.getEventSourceARN() + "/" + ShardIds.fromEventId(record.getEventID()) + "/"
                + record.getKinesis().getSequenceNumber();
    }
}
