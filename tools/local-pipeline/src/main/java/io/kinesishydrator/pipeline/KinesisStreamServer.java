package io.kinesishydrator.pipeline;

import io.kinesishydrator.local.KinesisMock;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The played Kinesis stream, on kinesis-mock. */
final class KinesisStreamServer implements PlayedStream {
    private final KinesisMock server;
    private final KinesisClient kinesis;
    private final String streamArn;

    private KinesisStreamServer(KinesisMock server, String name, int shards) {
        this.server = server;
        this.kinesis = server.client();
        this.streamArn = server.createStream(name, shards);
    }

    /** Starts kinesis-mock on {@code port} (0: a free one) with the stream {@code name} of {@code shards} shards. */
    static KinesisStreamServer start(int port, String name, int shards) {
        KinesisMock server = port > 0 ? KinesisMock.start(port) : KinesisMock.start();
        try {
            return new KinesisStreamServer(server, name, shards);
        } catch (RuntimeException failed) {
            server.close();
            throw failed;
        }
    }

    KinesisClient kinesis() {
        return kinesis;
    }

    String streamArn() {
        return streamArn;
    }

    String endpoint() {
        return server.endpoint().toString();
    }

    @Override
    public StreamShards shards() {
        return new KinesisShards(kinesis, streamArn);
    }

    @Override
    public Map<String, String> functionEndpoints() {
        return Map.of("AWS_ENDPOINT_URL_KINESIS", endpoint());
    }

    @Override
    public String describe() {
        return "Kinesis (kinesis-mock)  " + endpoint() + "   stream " + streamArn;
    }

    @Override
    public void close() {
        kinesis.close();
        server.close();
    }
}
