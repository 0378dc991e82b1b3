package io.kinesishydrator.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local embedded in this JVM, in memory, with DynamoDB Streams. Its clients call the engine directly,
 * without HTTP, and it can move its clock forward, which is how tests reach the streams' 24-hour retention and
 * 15-minute iterator expiry.
 *
 * <p>It needs SQLite's native library: the system property {@code sqlite4java.library.path} must name the folder
 * holding {@code libsqlite4java-linux-amd64-*.so} (the modules that use it copy it there with the dependency
 * plugin). Its telemetry is switched off: nothing leaves the machine.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private static final String NATIVE_LIBRARY_PATH = "sqlite4java.library.path";

    private final AmazonDynamoDBLocal engine;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;

    private DynamoDbLocal(AmazonDynamoDBLocal engine) {
        this.engine = engine;
        this.dynamoDb = engine.dynamoDbClient();
        this.streams = engine.dynamoDbStreamsClient();
    }

    public static DynamoDbLocal start() {
        requireNativeLibrary();
        // true disables telemetry; in-memory is the embedded engine's default.
        return new DynamoDbLocal(DynamoDBEmbedded.create(true));
    }

    static void requireNativeLibrary() {
        String nativePath = System.getProperty(NATIVE_LIBRARY_PATH);
        if (nativePath == null || !Files.isDirectory(Path.of(nativePath))) {
            throw new LocalServerException("DynamoDB Local needs SQLite's native library: set -D" + NATIVE_LIBRARY_PATH
                    + " to the folder holding libsqlite4java-linux-amd64-*.so (now: " + nativePath + ")");
        }
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    /**
     * Creates a table keyed by the string attribute {@code hashKey}, with a {@code NEW_AND_OLD_IMAGES} stream,
     * and returns the stream's ARN.
     */
    public String createTableWithStream(String tableName, String hashKey) {
        return createTableWithStream(dynamoDb, tableName, hashKey);
    }

    /** {@link #createTableWithStream(String, String)} through any client, an HTTP one to {@link DynamoDbLocalServer} too. */
    public static String createTableWithStream(DynamoDbClient dynamoDb, String tableName, String hashKey) {
        return dynamoDb.createTable(request -> request
                        .tableName(tableName)
                        .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName(hashKey).attributeType(ScalarAttributeType.S).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(stream -> stream.streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    /** Moves the engine's clock forward: stream records and shard iterators age by {@code time}. */
    public void advanceClock(Duration time) {
        engine.dilateEventTimes(time.toMillis());
    }

    @Override
    public void close() {
        // shutdown() leaves worker threads behind that keep the JVM alive; shutdownNow() does not.
        engine.shutdownNow();
    }
}
