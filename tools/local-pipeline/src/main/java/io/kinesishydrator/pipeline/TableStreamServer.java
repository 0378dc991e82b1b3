package io.kinesishydrator.pipeline;

import io.kinesishydrator.local.DynamoDbLocalServer;
import io.kinesishydrator.local.LocalCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The played table, created as the template defines it, and its stream, on DynamoDB Local over HTTP. */
final class TableStreamServer implements PlayedStream {
    private final DynamoDbLocalServer server;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final TableDefinition table;
    private final String streamArn;

    private TableStreamServer(DynamoDbLocalServer server, TableDefinition table) {
        this.server = server;
        this.dynamoDb = server.dynamoDb();
        this.streams = server.streams();
        this.table = table;
        this.streamArn = table.create(dynamoDb);
    }

    /** Starts DynamoDB Local on {@code port} (0: a free one) and creates {@code table} in it, with its stream. */
    static TableStreamServer start(int port, TableDefinition table) {
        DynamoDbLocalServer server = port > 0 ? DynamoDbLocalServer.start(port) : DynamoDbLocalServer.start();
        try {
            return new TableStreamServer(server, table);
        } catch (RuntimeException failed) {
            server.close();
            throw failed;
        }
    }

    String streamArn() {
        return streamArn;
    }

    @Override
    public StreamShards shards() {
        return new DynamoDbStreamShards(streams, streamArn);
    }

    /** The functions may use the table itself as well as read its stream (the hydrate does). */
    @Override
    public Map<String, String> functionEndpoints() {
        String endpoint = server.endpoint().toString();
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint, "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", endpoint);
    }

    @Override
    public String describe() {
        return "DynamoDB (DynamoDB Local) " + server.endpoint() + "   table " + table.tableName() + ", stream " + streamArn;
    }

    /**
     * Applies {@code writes} in order, then reads the stream's records back from every shard's start: a write answers
     * with no sequence number, and a write that changes nothing (the delete of a missing item) leaves no record.
     */
    List<DemoProducer.Produced> write(List<TableWrite> writes) {
        writes.forEach(write -> write.applyTo(dynamoDb, table.tableName()));
        StreamShards shards = shards();
        List<DemoProducer.Produced> produced = new ArrayList<>();
        for (String shardId : shards.shardIds()) {
            String iterator = shards.iterator(shardId, "TRIM_HORIZON");
            while (iterator != null) {
                StreamShards.ShardPage page = shards.read(iterator, 1_000);
                for (StreamRecord record : page.records()) {
                    // A table's stream holds DynamoDB stream records only; the data is the record as the event holds it.
                    DynamoDbStreamRecord change = (DynamoDbStreamRecord) record;
                    produced.add(new DemoProducer.Produced(shardId, record.sequenceNumber(), change.keyValues(),
                            DynamoDbEventJson.of(change.record(), streamArn, LocalCredentials.REGION.id()), false));
                }
                iterator = page.caughtUp() ? null : page.nextIterator();
            }
        }
        return produced;
    }

    @Override
    public void close() {
        dynamoDb.close();
        streams.close();
        server.close();
    }
}
