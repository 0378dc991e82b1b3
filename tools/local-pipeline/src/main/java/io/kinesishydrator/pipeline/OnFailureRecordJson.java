package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * The record a stream's event source mapping sends its OnFailure destination, in AWS's format: where the
 * discarded records were (shard, first and last sequence number, count), never their data. A Kinesis stream's
 * holds them in {@code KinesisBatchInfo}, a DynamoDB table stream's in {@code DDBStreamBatchInfo} with the same
 * fields ({@link StreamSource#batchInfoField()}).
 */
final class OnFailureRecordJson {
    static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";
    static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";
    private static final JsonFactory JSON = new JsonFactory();
    // Always milliseconds, as AWS writes it for both streams ("2019-11-14T00:38:06.021Z" in the developer guide's
    // sample; <timestamp:...01.000Z> in LocalStack's snapshots recorded against AWS).
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private OnFailureRecordJson() {
    }

    /**
     * @param functionError for {@code RetryAttemptsExhausted}: "Unhandled" when the last invocation threw, null when
     *                      it returned a partial failure; {@code RecordAgeExceeded} has no response context at all
     */
    static String of(StreamSource source, String condition, List<StreamRecord> records, int invokeCount, String functionError,
                     String shardId, String streamArn, String functionArn, Instant now) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("requestId", UUID.randomUUID().toString());
            json.writeStringField("functionArn", functionArn);
            json.writeStringField("condition", condition);
            json.writeNumberField("approximateInvokeCount", invokeCount);
            json.writeEndObject();
            if (!RECORD_AGE_EXCEEDED.equals(condition)) {
                json.writeObjectFieldStart("responseContext");
                json.writeNumberField("statusCode", 200);
                json.writeStringField("executedVersion", "$LATEST");
                json.writeStringField("functionError", functionError);
                json.writeEndObject();
            }
            json.writeStringField("version", "1.0");
            json.writeStringField("timestamp", TIMESTAMP.format(now));
            json.writeObjectFieldStart(source.batchInfoField());
            json.writeStringField("shardId", shardId);
            json.writeStringField("startSequenceNumber", records.get(0).sequenceNumber());
            json.writeStringField("endSequenceNumber", records.get(records.size() - 1).sequenceNumber());
            json.writeStringField("approximateArrivalOfFirstRecord", source.arrival(records.get(0).approximateArrival()));
            json.writeStringField("approximateArrivalOfLastRecord",
                    source.arrival(records.get(records.size() - 1).approximateArrival()));
            json.writeNumberField("batchSize", records.size());
            json.writeStringField("streamArn", streamArn);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }
}
