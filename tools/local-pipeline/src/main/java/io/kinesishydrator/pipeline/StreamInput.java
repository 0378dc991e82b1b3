package io.kinesishydrator.pipeline;

import io.kinesishydrator.common.ProgressLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** What a run writes into the played stream: the demo orders, or a records file's Kinesis records or table writes. */
sealed interface StreamInput {
    /** What is written, for the header's progress line. */
    String describe();

    /** Writes the input and runs the flow on {@code pipeline} until every record is settled. */
    PipelineResult run(LocalPipeline pipeline, EventSourceMappingSettings settings, Duration timeout, ProgressLine progress);

    /**
     * The input for {@code source}: a Kinesis stream takes the demo orders or {@code recordsFile}'s records; a table
     * takes {@code recordsFile}'s writes, and has no demo data.
     *
     * @throws IllegalArgumentException for a table without a records file, or a records file line that is not valid
     */
    static StreamInput of(StreamSource source, Path recordsFile, int records, double poisonRate, long seed) {
        if (source == StreamSource.DYNAMODB) {
            if (recordsFile == null) {
                throw new IllegalArgumentException("the consumer's DynamoDB event reads a table's stream, which takes its "
                        + "writes from --records-file: {\"Item\": {...}} to put an item or {\"Key\": {...}} to delete one, "
                        + "in DynamoDB JSON, a line each");
            }
            return new TableWrites(RecordsFile.readTableWrites(recordsFile), recordsFile);
        }
        return recordsFile == null ? new DemoOrders(records, poisonRate, seed)
                : new KinesisRecords(RecordsFile.read(recordsFile), recordsFile);
    }

    /** The example's demo orders, some of them poison. */
    record DemoOrders(int records, double poisonRate, long seed) implements StreamInput {
        @Override
        public String describe() {
            return "producing " + Counted.of(records, "record");
        }

        @Override
        public PipelineResult run(LocalPipeline pipeline, EventSourceMappingSettings settings, Duration timeout, ProgressLine progress) {
            return pipeline.run(records, poisonRate, seed, settings, timeout, progress);
        }
    }

    /** A records file's records, put into the Kinesis stream. */
    record KinesisRecords(List<PutRecordsRequestEntry> records, Path file) implements StreamInput {
        @Override
        public String describe() {
            return "producing " + Counted.of(records.size(), "record") + " from " + file;
        }

        @Override
        public PipelineResult run(LocalPipeline pipeline, EventSourceMappingSettings settings, Duration timeout, ProgressLine progress) {
            return pipeline.run(records, settings, timeout, progress);
        }
    }

    /** A records file's puts and deletes, applied to the table, whose stream records them. */
    record TableWrites(List<TableWrite> writes, Path file) implements StreamInput {
        @Override
        public String describe() {
            return "writing " + Counted.of(writes.size(), "put or delete", "puts and deletes") + " from " + file + " to the table";
        }

        @Override
        public PipelineResult run(LocalPipeline pipeline, EventSourceMappingSettings settings, Duration timeout, ProgressLine progress) {
            return pipeline.runTableWrites(writes, settings, timeout, progress);
        }
    }
}
