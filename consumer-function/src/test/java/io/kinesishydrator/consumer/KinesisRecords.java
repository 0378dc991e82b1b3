package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds Kinesis event records the way Lambda delivers them: one shard, rising 56-digit sequence numbers. */
final class KinesisRecords {
    static final String SHARD = "shardId-000000000003";
    private static final BigInteger FIRST = new BigInteger("49656816489405378913405238405437897829102938471029384756");

    private final List<KinesisEventRecord> records = new ArrayList<>();

    static KinesisRecords batch() {
        return new KinesisRecords();
    }

    static String sequenceNumber(int index) {
        return FIRST.add(BigInteger.valueOf(index).shiftLeft(40)).toString();
    }

    KinesisRecords record(String payload) {
        String sequenceNumber = sequenceNumber(records.size());
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setSequenceNumber(sequenceNumber);
        kinesis.setPartitionKey("pk-" + records.size());
        kinesis.setData(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
        KinesisEventRecord record = new KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventID(SHARD + ":" + sequenceNumber);
        record.setEventSourceARN("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        records.add(record);
        return this;
    }

    KinesisRecords records(int count, String payload) {
        for (int i = 0; i < count; i++) {
            record(payload);
        }
        return this;
    }

    List<KinesisEventRecord> build() {
        return records;
    }
}
