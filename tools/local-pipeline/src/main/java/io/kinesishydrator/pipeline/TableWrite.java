package io.kinesishydrator.pipeline;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A write to the played table, each of which its stream records as a change: a put, or a delete. */
sealed interface TableWrite {
    void applyTo(DynamoDbClient dynamoDb, String tableName);

    /** PutItem of {@code item}: an INSERT, or a MODIFY of the item with its key. */
    record Put(Map<String, AttributeValue> item) implements TableWrite {
        @Override
        public void applyTo(DynamoDbClient dynamoDb, String tableName) {
            dynamoDb.putItem(request -> request.tableName(tableName).item(item));
        }
    }

    /** DeleteItem of the item with {@code key}: a REMOVE, when there is such an item. */
    record Delete(Map<String, AttributeValue> key) implements TableWrite {
        @Override
        public void applyTo(DynamoDbClient dynamoDb, String tableName) {
            dynamoDb.deleteItem(request -> request.tableName(tableName).key(key));
        }
    }
}
