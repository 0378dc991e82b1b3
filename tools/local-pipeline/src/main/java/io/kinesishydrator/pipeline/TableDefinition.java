package io.kinesishydrator.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * What of a template's {@code AWS::DynamoDB::Table} the local run needs to create it with its stream: its key
 * schema, the key attributes' types and the stream's view type. The local table is named after its logical id.
 */
record TableDefinition(String tableName, List<KeySchemaElement> keySchema, List<AttributeDefinition> keyAttributes,
                       StreamViewType streamViewType) {

    /** Reads {@code logicalId} of {@code context}; a table without a stream is an error, as there is nothing to play. */
    static TableDefinition read(TemplateContext context, String logicalId) {
        Map<?, ?> properties = context.properties(logicalId);
        String where = context.template() + ": " + logicalId;
        List<KeySchemaElement> keySchema = new ArrayList<>();
        for (Map<?, ?> key : maps(context.resolve(properties.get("KeySchema"), logicalId + ".KeySchema"), where + " KeySchema")) {
            keySchema.add(KeySchemaElement.builder().attributeName(text(key, "AttributeName", where + " KeySchema"))
                    .keyType(text(key, "KeyType", where + " KeySchema")).build());
        }
        if (keySchema.isEmpty()) {
            throw new IllegalArgumentException(where + " has no KeySchema");
        }
        return new TableDefinition(logicalId, keySchema, keyAttributes(context, logicalId, keySchema, where),
                streamViewType(context, logicalId, where));
    }

    /**
     * The definitions of the key's attributes only: the template may define more, for its indexes, which the local
     * table does not have, and CreateTable refuses a definition no key uses.
     */
    private static List<AttributeDefinition> keyAttributes(TemplateContext context, String logicalId,
                                                           List<KeySchemaElement> keySchema, String where) {
        Set<String> keyNames = keySchema.stream().map(KeySchemaElement::attributeName).collect(Collectors.toSet());
        List<AttributeDefinition> definitions = new ArrayList<>();
        Object declared = context.resolve(context.properties(logicalId).get("AttributeDefinitions"), logicalId + ".AttributeDefinitions");
        for (Map<?, ?> attribute : maps(declared, where + " AttributeDefinitions")) {
            String name = text(attribute, "AttributeName", where + " AttributeDefinitions");
            if (keyNames.contains(name)) {
                definitions.add(AttributeDefinition.builder().attributeName(name)
                        .attributeType(text(attribute, "AttributeType", where + " AttributeDefinitions")).build());
            }
        }
        if (definitions.size() != keyNames.size()) {
            throw new IllegalArgumentException(where + " AttributeDefinitions must define every KeySchema attribute, " + keyNames);
        }
        return definitions;
    }

    private static StreamViewType streamViewType(TemplateContext context, String logicalId, String where) {
        Object specification = context.resolve(context.properties(logicalId).get("StreamSpecification"), logicalId + ".StreamSpecification");
        if (!(specification instanceof Map<?, ?> stream) || stream.get("StreamViewType") == null) {
            throw new IllegalArgumentException(where + " has no StreamSpecification.StreamViewType: a table without a stream "
                    + "gives a DynamoDB event nothing to read");
        }
        StreamViewType viewType = StreamViewType.fromValue(String.valueOf(stream.get("StreamViewType")));
        if (viewType == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException(where + " StreamSpecification.StreamViewType must be one of "
                    + StreamViewType.knownValues() + ", got " + stream.get("StreamViewType"));
        }
        return viewType;
    }

    /** Creates the table, on demand, with its stream; returns the stream's ARN. */
    String create(DynamoDbClient dynamoDb) {
        return dynamoDb.createTable(request -> request.tableName(tableName).keySchema(keySchema)
                        .attributeDefinitions(keyAttributes).billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(streamViewType)))
                .tableDescription().latestStreamArn();
    }

    private static List<Map<?, ?>> maps(Object value, String where) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list, got " + value);
        }
        List<Map<?, ?>> maps = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(where + " must be a list of mappings, got " + item);
            }
            maps.add(map);
        }
        return maps;
    }

    private static String text(Map<?, ?> map, String field, String where) {
        if (!(map.get(field) instanceof String text)) {
            throw new IllegalArgumentException(where + " needs " + field + " in each entry, got " + map);
        }
        return text;
    }
}
