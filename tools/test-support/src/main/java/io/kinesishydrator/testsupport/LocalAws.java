package io.kinesishydrator.testsupport;

import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.KinesisMock;
import io.kinesishydrator.local.S3Mock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * kinesis-mock and ElasticMQ (and S3Mock when asked for), started once for the whole test run and stopped at its end; test classes get
 * them with {@code @ExtendWith(LocalAws.Extension.class)} and a {@code LocalAws} parameter. kinesis-mock, like an
 * AWS account, allows 50 shards in all, so streams are deleted when their scope ends: a stream made during a
 * test after that test, one made in {@code @BeforeAll} after its class.
 */
public final class LocalAws implements AutoCloseable {
    private final KinesisMock kinesisMock;
    private final ElasticMq elasticMq;
    private final KinesisClient kinesis;
    private final SqsClient sqs;
    private final List<String> streams = new ArrayList<>();
    private int streamsBeforeTest;
    private S3Mock s3Mock;

    private LocalAws() {
        this.kinesisMock = KinesisMock.start();
        this.elasticMq = ElasticMq.start();
        this.kinesis = kinesisMock.client();
        this.sqs = elasticMq.client();
    }

    /** Resolves {@code LocalAws} parameters to the run's one instance and deletes the streams of each test and class. */
    public static final class Extension implements ParameterResolver, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LocalAws.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return of(context);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            of(context).testStarts();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            of(context).deleteStreamsOfTest();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            of(context).deleteStreamsOfClass();
        }

        private static LocalAws of(ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(LocalAws.class, type -> new LocalAws(), LocalAws.class);
        }
    }

    public KinesisMock kinesisMock() {
        return kinesisMock;
    }

    public ElasticMq elasticMq() {
        return elasticMq;
    }

    /** S3Mock, started on first use only: few tests need it, and it takes seconds to start. */
    public synchronized S3Mock s3Mock() {
        if (s3Mock == null) {
            s3Mock = S3Mock.start();
        }
        return s3Mock;
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** A new stream with a unique name, deleted when the test (or, made in {@code @BeforeAll}, the class) ends. */
    public TestStream newStream(int shards) {
        String name = "stream-" + UUID.randomUUID();
        String arn = kinesisMock.createStream(name, shards);
        synchronized (streams) {
            streams.add(arn);
        }
        return new TestStream(kinesis, arn, name);
    }

    /** A new standard queue with a unique name. */
    public TestQueue newQueue() {
        return new TestQueue(sqs, elasticMq.createQueue("dlq-" + UUID.randomUUID()));
    }

    /** A new FIFO queue with a unique name. */
    public TestQueue newFifoQueue() {
        return new TestQueue(sqs, elasticMq.createQueue("dlq-" + UUID.randomUUID() + ".fifo"));
    }

    private void testStarts() {
        synchronized (streams) {
            streamsBeforeTest = streams.size();
        }
    }

    private void deleteStreamsOfTest() {
        synchronized (streams) {
            deleteStreamsFrom(streamsBeforeTest);
        }
    }

    /** What is left at the end of a class was made in its {@code @BeforeAll}. */
    private void deleteStreamsOfClass() {
        synchronized (streams) {
            deleteStreamsFrom(0);
        }
    }

    private void deleteStreamsFrom(int first) {
        List<String> ended = streams.subList(first, streams.size());
        for (String arn : ended) {
            try {
                kinesis.deleteStream(request -> request.streamARN(arn).enforceConsumerDeletion(true));
            } catch (ResourceNotFoundException alreadyDeleted) {
                // The test deleted it itself.
            }
        }
        ended.clear();
    }

    @Override
    public void close() {
        kinesis.close();
        sqs.close();
        kinesisMock.close();
        elasticMq.close();
        if (s3Mock != null) {
            s3Mock.close();
        }
    }
}
