package io.kinesishydrator.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The kinds of stream an event source mapping reads, with what differs between them in what Lambda sends. */
enum StreamSource {
    // The OnFailure record's arrival times: milliseconds for Kinesis, whole seconds for DynamoDB, as AWS writes them
    // (the developer guide's samples, and LocalStack's snapshots recorded against AWS, whose placeholders keep the
    // format: <timestamp:...01.000Z> in test_lambda_integration_kinesis, <timestamp:...01Z> in _dynamodbstreams).
    KINESIS("Kinesis stream", "kinesis-mock", "KinesisBatchInfo", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"),
    // The OnFailure record's fields as in "Retaining discarded records for a DynamoDB event source in Lambda",
    // https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html: KinesisBatchInfo's, under this name.
    DYNAMODB("DynamoDB table stream", "DynamoDB Local", "DDBStreamBatchInfo", "yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final String description;
    private final String server;
    private final String batchInfoField;
    private final DateTimeFormatter arrivalFormat;

    StreamSource(String description, String server, String batchInfoField, String arrivalPattern) {
        this.description = description;
        this.server = server;
        this.batchInfoField = batchInfoField;
        this.arrivalFormat = DateTimeFormatter.ofPattern(arrivalPattern).withZone(ZoneOffset.UTC);
    }

    /** A record's arrival as the OnFailure record writes it. */
    String arrival(Instant arrival) {
        return arrivalFormat.format(arrival);
    }

    /** The local server that plays it. */
    String server() {
        return server;
    }

    /** What the reports call it. */
    String description() {
        return description;
    }

    /** The OnFailure record's field that says where the discarded records were. */
    String batchInfoField() {
        return batchInfoField;
    }
}
