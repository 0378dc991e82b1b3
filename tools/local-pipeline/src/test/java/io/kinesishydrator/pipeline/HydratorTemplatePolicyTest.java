package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hydrator application's IAM policies, resolved with given stream ARNs, name exactly those ARNs: each service's
 * read actions on that service's streams only, never a "*" or a stream that was not passed in. The payload bucket's
 * objects are written by the hydrate only, and read and deleted by the redrive's managed policy only.
 */
class HydratorTemplatePolicyTest {
    // Surefire runs in the module directory; the template is the repository's.
    private static final Path HYDRATOR_TEMPLATE = Path.of("../..", "hydrator", "template.yaml");

    private static final String ORDERS = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
    private static final String CLICKS_IN_EU = "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks";
    private static final String CUSTOMERS_TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/customers/stream/2025-11-26T20:46:41.123";
    private static final String INVOICES_TABLE_IN_EU = "arn:aws:dynamodb:eu-west-1:123456789012:table/invoices/stream/2025-11-27T08:00:00.000";
    private static final String CROSS_ACCOUNT_ROLE = "arn:aws:iam::210987654321:role/stream-reader";
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String EXISTING_QUEUE = "arn:aws:sqs:us-east-1:123456789012:failed-orders";
    private static final String PAYLOAD_OBJECTS = "<PayloadBucket.Arn>/*";

    @Test
    void eachStreamKindIsReadOnExactlyItsOwnArns() {
        List<Statement> statements = statements(Map.of(
                "KinesisStreamArns", ORDERS + "," + CLICKS_IN_EU,
                "DynamoDbStreamArns", CUSTOMERS_TABLE + "," + INVOICES_TABLE_IN_EU,
                "KmsKeyArn", KMS_KEY));

        assertThat(resourcesOf(statements, "kinesis:")).containsExactlyInAnyOrder(ORDERS, CLICKS_IN_EU);
        assertThat(actionsOf(statements, "kinesis:")).containsExactlyInAnyOrder("kinesis:GetShardIterator", "kinesis:GetRecords");
        assertThat(resourcesOf(statements, "dynamodb:")).containsExactlyInAnyOrder(CUSTOMERS_TABLE, INVOICES_TABLE_IN_EU);
        assertThat(actionsOf(statements, "dynamodb:")).containsExactlyInAnyOrder(
                "dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords");
        assertThat(resourcesOf(statements, "sts:")).isEmpty();
        assertThat(resourcesOf(statements, "kms:")).containsExactly(KMS_KEY);
        assertOnlyOwnResourcesOr(statements, Set.of(ORDERS, CLICKS_IN_EU, CUSTOMERS_TABLE, INVOICES_TABLE_IN_EU, KMS_KEY));
    }

    @Test
    void aKindWithoutStreamsGetsNoReadPermission() {
        List<Statement> kinesisOnly = statements(Map.of("KinesisStreamArns", ORDERS));
        List<Statement> dynamoDbOnly = statements(Map.of("DynamoDbStreamArns", CUSTOMERS_TABLE));

        assertThat(resourcesOf(kinesisOnly, "kinesis:")).containsExactly(ORDERS);
        assertThat(actionsOf(kinesisOnly, "dynamodb:")).isEmpty();
        assertThat(resourcesOf(dynamoDbOnly, "dynamodb:")).containsExactly(CUSTOMERS_TABLE);
        assertThat(actionsOf(dynamoDbOnly, "kinesis:")).isEmpty();
        assertOnlyOwnResourcesOr(kinesisOnly, Set.of(ORDERS));
        assertOnlyOwnResourcesOr(dynamoDbOnly, Set.of(CUSTOMERS_TABLE));
    }

    @Test
    void withoutOptionsThereIsNoAssumeRoleNorKmsPermission() {
        List<Statement> statements = statements(Map.of("KinesisStreamArns", ORDERS));

        assertThat(actionsOf(statements, "sts:")).isEmpty();
        assertThat(actionsOf(statements, "kms:")).isEmpty();
    }

    @Test
    void aCrossAccountRoleIsTheOnlyRoleAssumedAndReachesTheFunction() {
        Map<String, String> parameters = Map.of("KinesisStreamArns", ORDERS, "CrossAccountRoleArn", CROSS_ACCOUNT_ROLE);
        List<Statement> statements = statements(parameters);

        assertThat(actionsOf(statements, "sts:")).containsExactly("sts:AssumeRole");
        assertThat(resourcesOf(statements, "sts:")).containsExactly(CROSS_ACCOUNT_ROLE);
        assertOnlyOwnResourcesOr(statements, Set.of(ORDERS, CROSS_ACCOUNT_ROLE));
        assertThat(hydrateEnvironment(parameters)).containsEntry("CROSS_ACCOUNT_ROLE_ARN", CROSS_ACCOUNT_ROLE);
        assertThat(hydrateEnvironment(Map.of("KinesisStreamArns", ORDERS))).doesNotContainKey("CROSS_ACCOUNT_ROLE_ARN");
    }

    @Test
    void anExistingDeadLetterQueueIsTheOnlyQueueSentToBesidesTheFailureQueueContinuationsGoTo() {
        Map<String, String> parameters = Map.of("KinesisStreamArns", ORDERS, "ExistingDeadLetterQueueArn", EXISTING_QUEUE);
        List<Statement> statements = statements(parameters);

        assertThat(resourcesOf(statements, "sqs:SendMessage")).containsExactlyInAnyOrder(EXISTING_QUEUE, "<FailureQueue.Arn>");
        assertThat(hydrateEnvironment(parameters)).containsEntry("CONTINUATION_QUEUE_URL", "<FailureQueue>");
        assertOnlyOwnResourcesOr(statements, Set.of(ORDERS, EXISTING_QUEUE));
    }

    @Test
    void theHydrateMayOnlyPutObjectsIntoThePayloadBucketAndIsToldItsName() {
        Map<String, String> parameters = Map.of("KinesisStreamArns", ORDERS);
        List<Statement> statements = statements(parameters);

        assertThat(actionsOf(statements, "s3:PutObject")).containsExactly("s3:PutObject");
        assertThat(resourcesOf(statements, "s3:PutObject")).containsExactly(PAYLOAD_OBJECTS);
        assertThat(statements).filteredOn(statement -> statement.resources().contains(PAYLOAD_OBJECTS))
                .singleElement().extracting(Statement::actions).isEqualTo(List.of("s3:PutObject"));
        assertThat(hydrateEnvironment(parameters)).containsEntry("PAYLOAD_BUCKET", "<PayloadBucket>");
    }

    @Test
    void theRedrivePolicyReadsAndDeletesOffloadedMessagesAndPutsBackIntoExactlyTheListedKinesisStreams() {
        List<Statement> statements = redriveStatements(Map.of("KinesisStreamArns", ORDERS + "," + CLICKS_IN_EU,
                "DynamoDbStreamArns", CUSTOMERS_TABLE, "ExistingDeadLetterQueueArn", EXISTING_QUEUE, "KmsKeyArn", KMS_KEY));

        assertThat(resourcesOf(statements, "s3:")).containsExactly(PAYLOAD_OBJECTS);
        assertThat(actionsOf(statements, "s3:")).containsExactlyInAnyOrder("s3:GetObject", "s3:DeleteObject");
        assertThat(resourcesOf(statements, "sqs:")).containsExactly(EXISTING_QUEUE);
        assertThat(actionsOf(statements, "sqs:")).containsExactlyInAnyOrder("sqs:GetQueueUrl", "sqs:GetQueueAttributes",
                "sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage");
        assertThat(resourcesOf(statements, "kinesis:")).containsExactlyInAnyOrder(ORDERS, CLICKS_IN_EU);
        assertThat(actionsOf(statements, "kinesis:")).containsExactlyInAnyOrder(
                "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:PutRecords");
        assertThat(resourcesOf(statements, "kms:")).containsExactly(KMS_KEY);
        assertThat(actionsOf(statements, "dynamodb:")).isEmpty();
        assertOnlyOwnResourcesOr(statements, Set.of(ORDERS, CLICKS_IN_EU, EXISTING_QUEUE, KMS_KEY));
    }

    @Test
    void withoutKinesisStreamsOrAKeyTheRedrivePolicyPutsNothingBack() {
        List<Statement> statements = redriveStatements(Map.of("DynamoDbStreamArns", CUSTOMERS_TABLE));

        assertThat(actionsOf(statements, "kinesis:")).isEmpty();
        assertThat(actionsOf(statements, "kms:")).isEmpty();
        assertThat(resourcesOf(statements, "sqs:")).containsExactly("<DeadLetterQueue.Arn>");
        assertOnlyOwnResourcesOr(statements, Set.of());
    }

    /** Every resource is one the template creates (a placeholder such as {@code <FailureQueue.Arn>}) or one of {@code passed}. */
    private static void assertOnlyOwnResourcesOr(List<Statement> statements, Set<String> passed) {
        assertThat(statements).isNotEmpty().allSatisfy(statement -> assertThat(statement.resources())
                .isNotEmpty()
                .allSatisfy(resource -> assertThat(resource.startsWith("<") || passed.contains(resource))
                        .as("%s of %s is neither a resource of the template nor a value passed in", resource, statement)
                        .isTrue()));
    }

    private static Set<String> resourcesOf(List<Statement> statements, String actionPrefix) {
        Set<String> resources = new HashSet<>();
        statements.stream().filter(statement -> statement.actions().stream().anyMatch(action -> action.startsWith(actionPrefix)))
                .forEach(statement -> resources.addAll(statement.resources()));
        return resources;
    }

    private static Set<String> actionsOf(List<Statement> statements, String actionPrefix) {
        Set<String> actions = new HashSet<>();
        statements.forEach(statement -> statement.actions().stream().filter(action -> action.startsWith(actionPrefix))
                .forEach(actions::add));
        return actions;
    }

    /** Every Allow statement of the managed policy for the redrive. */
    private static List<Statement> redriveStatements(Map<String, String> parameters) {
        Map<?, ?> policy = ResolvedTemplate.of(HYDRATOR_TEMPLATE, parameters).resourcesOfType("AWS::IAM::ManagedPolicy")
                .get("RedriveManagedPolicy");
        return allowStatements(List.of((Map<?, ?>) properties(policy).get("PolicyDocument")));
    }

    /** Every Allow statement of the roles' inline policies and of the stand-alone role policies. */
    private static List<Statement> statements(Map<String, String> parameters) {
        ResolvedTemplate template = ResolvedTemplate.of(HYDRATOR_TEMPLATE, parameters);
        List<Map<?, ?>> documents = new ArrayList<>();
        template.resourcesOfType("AWS::IAM::Role").values().forEach(role -> ((List<?>) properties(role).get("Policies"))
                .forEach(policy -> documents.add((Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument"))));
        template.resourcesOfType("AWS::IAM::RolePolicy").values()
                .forEach(policy -> documents.add((Map<?, ?>) properties(policy).get("PolicyDocument")));
        template.resourcesOfType("AWS::IAM::Policy").values()
                .forEach(policy -> documents.add((Map<?, ?>) properties(policy).get("PolicyDocument")));
        return allowStatements(documents);
    }

    private static List<Statement> allowStatements(List<Map<?, ?>> documents) {
        List<Statement> statements = new ArrayList<>();
        documents.forEach(document -> ((List<?>) document.get("Statement")).forEach(statement -> {
            Map<?, ?> fields = (Map<?, ?>) statement;
            assertThat(fields.get("Effect")).isEqualTo("Allow");
            assertThat(strings(List.copyOf(fields.keySet()))).doesNotContain("NotAction", "NotResource");
            statements.add(new Statement(strings(fields.get("Action")), strings(fields.get("Resource"))));
        }));
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hydrateEnvironment(Map<String, String> parameters) {
        Map<?, ?> function = ResolvedTemplate.of(HYDRATOR_TEMPLATE, parameters).resourcesOfType("AWS::Serverless::Function")
                .get("HydrateFunction");
        return (Map<String, Object>) ((Map<?, ?>) properties(function).get("Environment")).get("Variables");
    }

    private static Map<?, ?> properties(Map<?, ?> resource) {
        return (Map<?, ?>) resource.get("Properties");
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    private record Statement(List<String> actions, List<String> resources) {
    }
}
