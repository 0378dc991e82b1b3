package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.local.S3Mock;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 bucket as the OnFailure destination, on S3Mock: each discarded batch becomes an object as Lambda writes
 * it, and, as S3Mock sends no event notifications, this delivers the {@code ObjectCreated:Put} notification the
 * bucket's configuration would, invoking the hydrate asynchronously with one S3 event per object.
 */
final class FailureBucket implements OnFailureDestination {
    private static final String BUCKET = PlayedResources.FAILURE_NAME;
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    /** Written back with its nulls: the OnFailure record's {@code "functionError": null} stays as the mapping wrote it. */
    private static final JSON JSON_WITH_NULLS = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss").withZone(ZoneOffset.UTC);

    private final S3Mock server;
    private final S3Client s3;
    private final HydrateFunction hydrate;
    private final Clock clock;
    private final String eventSourceMappingUuid = UUID.randomUUID().toString();
    private final Queue<Written> notificationsDue = new ConcurrentLinkedQueue<>();

    /** An object put, and what its notification says of it. */
    private record Written(String key, long size, String eTag, Instant at) {
    }

    private FailureBucket(S3Mock server, Function<URI, HydrateFunction> hydrate, Clock clock) {
        this.server = server;
        this.s3 = server.client();
        this.s3.createBucket(request -> request.bucket(BUCKET));
        this.s3.createBucket(request -> request.bucket(PlayedResources.PAYLOAD_NAME));
        this.hydrate = hydrate.apply(server.endpoint());
        this.clock = clock;
    }

    /**
     * Starts S3Mock (on {@code port}, or a free one for 0) with the bucket.
     *
     * @param hydrate the hydrate, given the S3 endpoint it reads the objects from
     */
    static FailureBucket start(int port, Function<URI, HydrateFunction> hydrate, Clock clock) {
        S3Mock server = port > 0 ? S3Mock.start(port) : S3Mock.start();
        try {
            return new FailureBucket(server, hydrate, clock);
        } catch (RuntimeException failed) {
            server.close();
            throw failed;
        }
    }

    @Override
    public OnFailureDestinationType type() {
        return OnFailureDestinationType.S3;
    }

    /**
     * Puts the object as Lambda names and fills it, per "Retain discarded batch records for a Kinesis Data Streams
     * event source" (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html): the key
     * {@code aws/lambda/<ESM-UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>}, the body the OnFailure
     * record plus {@code payload}, the invocation event as a JSON string.
     */
    @Override
    public void send(DiscardedBatch batch) {
        Instant now = clock.instant();
        String key = "aws/lambda/" + eventSourceMappingUuid + "/" + batch.shardId() + "/" + DAY.format(now) + "/"
                + SECOND.format(now) + "-" + UUID.randomUUID();
        byte[] body = objectBody(batch).getBytes(StandardCharsets.UTF_8);
        String eTag = s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(body)).eTag();
        notificationsDue.add(new Written(key, body.length, eTag.replace("\"", ""), now));
    }

    private static String objectBody(DiscardedBatch batch) {
        try {
            Map<String, Object> object = new LinkedHashMap<>(JSON_WITH_NULLS.mapFrom(batch.onFailureRecord()));
            object.put("payload", batch.invocationEvent());
            return JSON_WITH_NULLS.asString(object);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    @Override
    public Delivered deliverPending() {
        int notifications = 0;
        int failures = 0;
        for (Written written = notificationsDue.poll(); written != null; written = notificationsDue.poll()) {
            failures += hydrate.invokeAsynchronously(notification(written)) ? 0 : 1;
            notifications++;
        }
        return new Delivered(notifications, failures);
    }

    /** S3's event notification for one object; S3 writes the key URL-encoded, its slashes kept. */
    private static String notification(Written written) {
        String encodedKey = Arrays.stream(written.key().split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8)).collect(Collectors.joining("/"));
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            json.writeStartObject();
            json.writeStringField("eventVersion", "2.1");
            json.writeStringField("eventSource", "aws:s3");
            json.writeStringField("awsRegion", LocalCredentials.REGION.id());
            json.writeStringField("eventTime", written.at().toString());
            json.writeStringField("eventName", "ObjectCreated:Put");
            json.writeObjectFieldStart("userIdentity");
            json.writeStringField("principalId", "AWS:AROALOCALPIPELINE:awslambda");
            json.writeEndObject();
            json.writeObjectFieldStart("requestParameters");
            json.writeStringField("sourceIPAddress", "127.0.0.1");
            json.writeEndObject();
            json.writeObjectFieldStart("responseElements");
            json.writeStringField("x-amz-request-id", UUID.randomUUID().toString());
            json.writeStringField("x-amz-id-2", UUID.randomUUID().toString());
            json.writeEndObject();
            json.writeObjectFieldStart("s3");
            json.writeStringField("s3SchemaVersion", "1.0");
            json.writeStringField("configurationId", "hydrate-on-failure-objects");
            json.writeObjectFieldStart("bucket");
            json.writeStringField("name", BUCKET);
            json.writeObjectFieldStart("ownerIdentity");
            json.writeStringField("principalId", "LOCALPIPELINE");
            json.writeEndObject();
            json.writeStringField("arn", "arn:aws:s3:::" + BUCKET);
            json.writeEndObject();
            json.writeObjectFieldStart("object");
            json.writeStringField("key", encodedKey);
            json.writeNumberField("size", written.size());
            json.writeStringField("eTag", written.eTag());
            json.writeStringField("sequencer", Long.toHexString(written.at().toEpochMilli()).toUpperCase());
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    @Override
    public List<String> endpoints() {
        return List.of("S3 (S3Mock)             " + server.endpoint() + "   failure bucket " + BUCKET
                + " (keys aws/lambda/" + eventSourceMappingUuid + "/...)");
    }

    @Override
    public void close() {
        s3.close();
        server.close();
    }
}
