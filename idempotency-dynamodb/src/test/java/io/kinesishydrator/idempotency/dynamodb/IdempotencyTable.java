package io.kinesishydrator.idempotency.dynamodb;

import io.kinesishydrator.local.DynamoDbLocal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The idempotency table as template.yaml declares it, on DynamoDB Local. */
final class IdempotencyTable {
    private final DynamoDbLocal dynamoDb;
    private final String name;

    private IdempotencyTable(DynamoDbLocal dynamoDb, String name) {
        this.dynamoDb = dynamoDb;
        this.name = name;
    }

    static IdempotencyTable create(DynamoDbLocal dynamoDb, String name) {
        dynamoDb.dynamoDb().createTable(request -> request.tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return new IdempotencyTable(dynamoDb, name);
    }

    DynamoDbIdempotencyStore store() {
        return new DynamoDbIdempotencyStore(dynamoDb.dynamoDb(), name);
    }

    Map<String, AttributeValue> item(String key) {
        return dynamoDb.dynamoDb().getItem(request -> request.tableName(name).key(Map.of("id", AttributeValue.fromS(key)))
                .consistentRead(true)).item();
    }

    int itemCount() {
        return dynamoDb.dynamoDb().scan(request -> request.tableName(name)).count();
    }
}
