package io.kinesishydrator.redrive;

import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.KinesisMock;
import io.kinesishydrator.local.LocalCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * kinesis-mock and ElasticMQ, started once for the whole test run and stopped at its end; test classes get
 * them with {@code @ExtendWith(LocalAws.Extension.class)} and a {@code LocalAws} parameter. The streams a test
 * creates are deleted after it, because kinesis-mock, like an AWS account, allows 50 shards in all.
 */
final class LocalAws implements AutoCloseable {
    private final KinesisMock kinesisMock;
    private final ElasticMq elasticMq;
    private final KinesisClient kinesis;
    private final SqsClient sqs;
    private final List<String> streams = new ArrayList<>();

    private LocalAws() {
        this.kinesisMock = KinesisMock.start();
        this.elasticMq = ElasticMq.start();
        this.kinesis = kinesisMock.client();
        this.sqs = elasticMq.client();
    }

    /** Resolves {@code LocalAws} parameters to the run's one instance and deletes each test's streams after it. */
    static final class Extension implements ParameterResolver, AfterEachCallback {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LocalAws.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(LocalAws.class, type -> new LocalAws(), LocalAws.class);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            LocalAws aws = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).get(LocalAws.class, LocalAws.class);
            if (aws != null) {
                aws.deleteStreams();
            }
        }
    }

    KinesisMock kinesisMock() {
        return kinesisMock;
    }

    KinesisClient kinesis() {
        return kinesis;
    }

    SqsClient sqs() {
        return sqs;
    }

    /** A new stream with a unique name, deleted after the test. */
    TestStream newStream(int shards) {
        String name = "stream-" + UUID.randomUUID();
        String arn = kinesisMock.createStream(name, shards);
        synchronized (streams) {
            streams.add(arn);
        }
        return new TestStream(kinesis, arn, name);
    }

    /** A new standard queue with a unique name. */
    TestQueue newQueue() {
        return new TestQueue(sqs, elasticMq.createQueue("dlq-" + UUID.randomUUID()));
    }

    /** The options that point a command at kinesis-mock. */
    List<String> kinesisOptions() {
        return List.of("--region", LocalCredentials.REGION.id(), "--kinesis-endpoint-url", kinesisMock.endpoint().toString());
    }

    /** The options that point a command at kinesis-mock and ElasticMQ. */
    List<String> kinesisAndSqsOptions() {
        List<String> options = new ArrayList<>(kinesisOptions());
        options.addAll(List.of("--sqs-endpoint-url", elasticMq.endpoint().toString()));
        return options;
    }

    private void deleteStreams() {
        synchronized (streams) {
            for (String arn : streams) {
                try {
                    kinesis.deleteStream(request -> request.streamARN(arn).enforceConsumerDeletion(true));
                } catch (ResourceNotFoundException alreadyDeleted) {
                    // The test deleted it itself.
                }
            }
            streams.clear();
        }
    }

    @Override
    public void close() {
        kinesis.close();
        sqs.close();
        kinesisMock.close();
        elasticMq.close();
    }
}
