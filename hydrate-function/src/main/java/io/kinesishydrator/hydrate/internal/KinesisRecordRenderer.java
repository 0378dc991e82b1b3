package io.kinesishydrator.hydrate.internal;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A Kinesis record as metadata and its bytes, as {@code text} when they are UTF-8 and as base64 {@code data}
 * when not (see {@link DeadLetterComposer}); a record the Kinesis Producer Library aggregated becomes its user
 * records, each with its own sub-sequence number and keys.
 */
public final class KinesisRecordRenderer implements RecordRenderer<Record> {
    public static final KinesisRecordRenderer INSTANCE = new KinesisRecordRenderer(false);
    private static final KinesisRecordRenderer KEEPING_OVERSIZED = new KinesisRecordRenderer(true);

    private final boolean keepOversized;

    private KinesisRecordRenderer(boolean keepOversized) {
        this.keepOversized = keepOversized;
    }

    @Override
    public KinesisRecordRenderer keepingOversized() {
        return KEEPING_OVERSIZED;
    }

    @Override
    public String sequenceNumber(Record record) {
        return record.sequenceNumber();
    }

    @Override
    public List<String> render(Record record, int budget) {
        List<KplAggregatedRecords.UserRecord> userRecords = KplAggregatedRecords.deaggregate(record.data().asByteArrayUnsafe());
        if (userRecords.isEmpty()) {
            return List.of(RecordJson.fitting(record, null, budget, keepOversized));
        }
        List<String> rendered = new ArrayList<>(userRecords.size());
        for (KplAggregatedRecords.UserRecord userRecord : userRecords) {
            rendered.add(RecordJson.fitting(record, userRecord, budget, keepOversized));
        }
        return rendered;
    }
}
