package io.kinesishydrator.pipeline;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A write to the played table, each of which its stream records as a change: a put, or a delete. {@code where}
 * names its line of the records file.
 */
sealed interface TableWrite {
    String where();

    /**
     * Applies the write.
     *
     * @throws IllegalArgumentException naming the line when DynamoDB refuses it (an item without the table's key)
     */
    default void applyTo(DynamoDbClient dynamoDb, String tableName) {
        try {
            switch (this) {
                case Put put -> dynamoDb.putItem(request -> request.tableName(tableName).item(put.item()));
                case Delete delete -> dynamoDb.deleteItem(request -> request.tableName(tableName).key(delete.key()));
            }
        } catch (DynamoDbException refused) {
            throw new IllegalArgumentException(where() + ": DynamoDB refused the write: " + refused.awsErrorDetails().errorMessage(),
                    refused);
        }
    }

    /** PutItem of {@code item}: an INSERT, or a MODIFY of the item with its key. */
    record Put(Map<String, AttributeValue> item, String where) implements TableWrite {
    }

    /** DeleteItem of the item with {@code key}: a REMOVE, when there is such an item. */
    record Delete(Map<String, AttributeValue> key, String where) implements TableWrite {
    }
}
