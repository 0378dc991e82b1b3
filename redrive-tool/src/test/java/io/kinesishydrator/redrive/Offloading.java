package io.kinesishydrator.redrive;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.kinesishydrator.hydrate.DeadLetterMessage;
import io.kinesishydrator.hydrate.internal.DeadLetterComposer;
import io.kinesishydrator.hydrate.internal.DeadLetterPacker;
import io.kinesishydrator.hydrate.internal.FailureNotificationParser;
import io.kinesishydrator.hydrate.internal.KinesisRecordRenderer;
import io.kinesishydrator.hydrate.internal.RangeRead;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Dead-letter messages offloaded to S3 as the hydrate offloads them, by the SQS Extended Client itself: the body
 * in an object of a bucket on S3Mock, the client's pointer to it in the queue. The bodies are the hydrate's own
 * composer's, with room for records up to Kinesis' 10 MiB.
 */
final class Offloading implements AutoCloseable {
    private static final int LARGEST_BODY = 32 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket = "payloads-" + UUID.randomUUID();
    private final SqsClient writer;

    Offloading(LocalAws aws) {
        this.s3 = aws.s3Mock().client();
        s3.createBucket(request -> request.bucket(bucket));
        // Every message it sends goes through S3, however small: a test offloads a message by sending it here.
        this.writer = new AmazonSQSExtendedClient(aws.sqs(),
                new ExtendedClientConfiguration().withPayloadSupportEnabled(s3, bucket).withAlwaysThroughS3(true));
    }

    /** Bodies for a test none of whose messages is offloaded: reading one fails the test. */
    static OffloadedBodies none() {
        return new OffloadedBodies(() -> {
            throw new IllegalStateException("no message of this test is offloaded, yet the redrive reached for S3");
        });
    }

    /** The bodies the redrive reads from this bucket, through {@code s3}. */
    static OffloadedBodies bodies(S3Client s3) {
        return new OffloadedBodies(() -> s3);
    }

    S3Client s3() {
        return s3;
    }

    /** The dead-letter message of the failed batch {@code range}, consecutive records of one shard of {@code stream}. */
    static String deadLetterBody(TestStream stream, List<TestStream.Written> range) throws Exception {
        String onFailureRecord = OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range)
                .condition(OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED).json();
        List<Record> records = range.stream().map(written -> Record.builder().sequenceNumber(written.sequenceNumber())
                .partitionKey(written.partitionKey()).data(SdkBytes.fromByteArray(written.data()))
                .approximateArrivalTimestamp(Instant.now()).build()).toList();
        List<DeadLetterMessage> messages = new ArrayList<>();
        DeadLetterPacker<Record> packer = new DeadLetterComposer(LARGEST_BODY).packer(new FailureNotificationParser().parse(onFailureRecord),
                KinesisRecordRenderer.INSTANCE, null, null, messages::add);
        records.forEach(packer::add);
        packer.finish(new RangeRead(records.size(), records.getLast().sequenceNumber(), List.of(), List.of(), false));
        if (messages.size() != 1) {
            throw new IllegalStateException("the batch took " + messages.size() + " messages, not one");
        }
        return messages.get(0).body();
    }

    /** Sends {@code body} to {@code queue} offloaded: the object in S3, the pointer in the queue. */
    void send(TestQueue queue, String body) {
        writer.sendMessage(request -> request.queueUrl(queue.url()).messageBody(body));
    }

    /** The keys of the objects in the bucket: one per offloaded message not yet redriven. */
    List<String> objectKeys() {
        return s3.listObjectsV2(request -> request.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    void deleteObject(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    /** Closes the S3 client, not the writer: it wraps the SQS client the whole run shares. */
    @Override
    public void close() {
        s3.close();
    }
}
