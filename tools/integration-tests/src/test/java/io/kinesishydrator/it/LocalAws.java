package io.kinesishydrator.it;

import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.KinesisMock;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * kinesis-mock and ElasticMQ, started once for the whole test run and stopped at its end; test classes get
 * them with {@code @ExtendWith(LocalAws.class)} and a {@code LocalAws} parameter.
 */
public final class LocalAws implements ParameterResolver, AutoCloseable {
    private final KinesisMock kinesisMock;
    private final ElasticMq elasticMq;
    private final KinesisClient kinesis;
    private final SqsClient sqs;

    public LocalAws() {
        this(KinesisMock.start(), ElasticMq.start());
    }

    private LocalAws(KinesisMock kinesisMock, ElasticMq elasticMq) {
        this.kinesisMock = kinesisMock;
        this.elasticMq = elasticMq;
        this.kinesis = kinesisMock.client();
        this.sqs = elasticMq.client();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalAws.class, type -> new LocalAws(), LocalAws.class);
    }

    public KinesisMock kinesisMock() {
        return kinesisMock;
    }

    public ElasticMq elasticMq() {
        return elasticMq;
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** A new stream with a unique name. */
    public TestStream newStream(int shards) {
        String name = "stream-" + UUID.randomUUID();
        return new TestStream(kinesis, kinesisMock.createStream(name, shards), name);
    }

    /** A new queue with a unique name; FIFO when {@code fifo}. */
    public TestQueue newQueue(boolean fifo) {
        String name = "dlq-" + UUID.randomUUID() + (fifo ? ".fifo" : "");
        return new TestQueue(sqs, elasticMq.createQueue(name));
    }

    @Override
    public void close() {
        kinesis.close();
        sqs.close();
        kinesisMock.close();
        elasticMq.close();
    }
}
