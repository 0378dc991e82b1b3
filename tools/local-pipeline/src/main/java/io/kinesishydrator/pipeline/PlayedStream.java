package io.kinesishydrator.pipeline;

import java.util.Map;

/**
 * The stream the run plays, on its local server: a Kinesis stream on kinesis-mock, or a table's stream on DynamoDB
 * Local.
 */
sealed interface PlayedStream extends AutoCloseable permits KinesisStreamServer, TableStreamServer {
    StreamShards shards();

    /** The {@code AWS_ENDPOINT_URL_<SERVICE>} variables by which the functions reach the server. */
    Map<String, String> functionEndpoints();

    /** The server, its endpoint and the stream, for a look with the AWS CLI. */
    String describe();

    @Override
    void close();
}
