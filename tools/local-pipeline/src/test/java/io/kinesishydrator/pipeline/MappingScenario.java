package io.kinesishydrator.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.consumer.KinesisConsumerHandler;
import io.kinesishydrator.consumer.PermanentRecordException;
import io.kinesishydrator.consumer.ShardIds;
import io.kinesishydrator.consumer.StreamBatchProcessor;
import io.kinesishydrator.local.KinesisMock;
import io.kinesishydrator.local.LocalCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * One run of the event source mapping over a fresh stream on kinesis-mock: records written to known shards,
 * some of them poison, a consumer that fails them one way or another, and what came out.
 */
final class MappingScenario {
    static final String CONSUMER_ARN = "arn:aws:lambda:us-east-1:000000000000:function:ConsumerFunction:live";
    private static final PojoSerializer<KinesisEvent> KINESIS_EVENTS =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, MappingScenario.class.getClassLoader());

    private final KinesisMock kinesisMock;
    private final KinesisClient kinesis;
    private final String streamArn;
    private final int shards;
    final List<Written> written = new ArrayList<>();
    final List<String> onFailureRecords = new ArrayList<>();
    final PipelineStats stats = new PipelineStats();
    final ProcessingLog processing = new ProcessingLog();

    /** A record as written: shard, sequence number, and whether the consumer must fail it. */
    record Written(String shardId, String sequenceNumber, boolean poison) {
    }

    /** How the consumer fails a poison record. */
    enum Failure {
        /** The real handler: reports the first poison record as a batch item failure. */
        REPORTED,
        /** A handler that throws when its batch holds a poison record: a function error. */
        THROWN
    }

    MappingScenario(KinesisMock kinesisMock, KinesisClient kinesis, int shards) {
        this.kinesisMock = kinesisMock;
        this.kinesis = kinesis;
        this.shards = shards;
        this.streamArn = kinesisMock.createStream("scenario-" + UUID.randomUUID(), shards);
    }

    /** Writes records to shard {@code shard}; {@code poison} marks which positions fail. */
    MappingScenario write(int shard, int count, int... poison) {
        List<Integer> poisoned = Arrays.stream(poison).boxed().toList();
        String hashKey = kinesis.listShards(request -> request.streamARN(streamArn)).shards().get(shard)
                .hashKeyRange().startingHashKey();
        for (int i = 0; i < count; i++) {
            boolean isPoison = poisoned.contains(i);
            String payload = (isPoison ? "poison-" : "ok-") + shard + "-" + i;
            PutRecordResponse put = kinesis.putRecord(request -> request.streamARN(streamArn).partitionKey("pk")
                    .explicitHashKey(hashKey).data(SdkBytes.fromString(payload, StandardCharsets.UTF_8)));
            written.add(new Written(put.shardId(), put.sequenceNumber(), isPoison));
        }
        return this;
    }

    void run(EventSourceMappingSettings settings, Failure failure) {
        run(settings, handler(failure), Clock.systemUTC());
    }

    void run(EventSourceMappingSettings settings, RequestStreamHandler handler, Clock clock) {
        run(settings, new InJvmFunction(handler, Duration.ofSeconds(30)), clock);
    }

    /** A handler that answers with its own response object, as the runtime would write it. */
    void run(EventSourceMappingSettings settings, RequestHandler<KinesisEvent, StreamsEventResponse> handler, Clock clock) {
        run(settings, InJvmFunction.of(handler, KinesisEvent.class, StreamsEventResponse.class, Duration.ofSeconds(30)), clock);
    }

    private void run(EventSourceMappingSettings settings, LambdaInvoker function, Clock clock) {
        StreamEventSourceMapping mapping = new StreamEventSourceMapping(new KinesisShards(kinesis, streamArn), LocalCredentials.REGION.id(),
                settings, function, CONSUMER_ARN, discarded -> onFailureRecords.add(discarded.onFailureRecord()), stats, clock);
        mapping.start();
        mapping.runUntilDrained(() -> false, Deadline.after(Duration.ofSeconds(60), System::currentTimeMillis));
    }

    RequestStreamHandler handler(Failure failure) {
        KinesisConsumerHandler reporting = new KinesisConsumerHandler(StreamBatchProcessor.kinesis(
                        record -> {
                            if (isPoison(record)) {
                                throw new PermanentRecordException("poison");
                            }
                            processing.completed(ShardIds.fromEventId(record.getEventID()), record.getKinesis().getSequenceNumber());
                        })
                .logger(new StructuredLogger(new PrintStream(OutputStream.nullOutputStream()), "test"))
                .build(), Duration.ofSeconds(1));
        if (failure == Failure.REPORTED) {
            return reporting;
        }
        return (input, output, context) -> {
            byte[] event = input.readAllBytes();
            if (KINESIS_EVENTS.fromJson(new ByteArrayInputStream(event)).getRecords().stream().anyMatch(MappingScenario::isPoison)) {
                throw new IllegalStateException("poison in the batch");
            }
            reporting.handleRequest(new ByteArrayInputStream(event), output, context);
        };
    }

    static boolean isPoison(KinesisEvent.KinesisEventRecord record) {
        return StandardCharsets.UTF_8.decode(record.getKinesis().getData().duplicate()).toString().startsWith("poison");
    }

    String sequenceNumber(int shard, int index) {
        return written.stream().filter(w -> w.shardId().equals(shardId(shard))).skip(index).findFirst().orElseThrow().sequenceNumber();
    }

    String shardId(int shard) {
        return kinesis.listShards(request -> request.streamARN(streamArn)).shards().get(shard).shardId();
    }

    String streamArn() {
        return streamArn;
    }

    int shards() {
        return shards;
    }

    /** The OnFailure records, parsed. */
    List<Map<String, Object>> onFailure() {
        return onFailureRecords.stream().map(MappingScenario::parse).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> batchInfo(Map<String, Object> onFailure) {
        return (Map<String, Object>) onFailure.get("KinesisBatchInfo");
    }

    /** Whether an OnFailure record covers this written record. */
    boolean discarded(Written record) {
        BigInteger sequence = new BigInteger(record.sequenceNumber());
        return onFailure().stream().map(MappingScenario::batchInfo).anyMatch(info -> info.get("shardId").equals(record.shardId())
                && sequence.compareTo(new BigInteger((String) info.get("startSequenceNumber"))) >= 0
                && sequence.compareTo(new BigInteger((String) info.get("endSequenceNumber"))) <= 0);
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.std.mapFrom(json);
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }
}
