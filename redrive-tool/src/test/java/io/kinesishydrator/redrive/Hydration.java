package io.kinesishydrator.redrive;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.hydrate.Hydrator;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.util.List;

/**
 * Dead-letter messages made as production makes them: the real hydrate reads a failed range back from a stream
 * on kinesis-mock and sends it to a queue on ElasticMQ, split into parts when it exceeds {@code maxMessageBytes}.
 */
final class Hydration {
    private final Hydrator hydrator;

    Hydration(LocalAws aws, TestQueue queue, int maxMessageBytes) {
        this.hydrator = HydratorFactory.create(region -> aws.kinesis(), aws.sqs(), queue.url(), maxMessageBytes);
    }

    /** Hydrates the OnFailure record of {@code range}, consecutive records of one shard, first to last, on {@code condition}. */
    Hydrator.HydrationResult failed(TestStream stream, List<TestStream.Written> range, String condition) {
        String onFailureRecord = OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).condition(condition).json();
        return hydrator.hydrate(onFailureRecord, Deadline.none(), Deadline.none());
    }

    /** What the hydrate does with a notification it cannot parse: it goes to the queue as received. */
    void unparseable(String notification) {
        hydrator.hydrate(notification, Deadline.none(), Deadline.none());
    }
}
