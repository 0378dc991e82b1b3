package io.kinesishydrator.pipeline;

/** The kinds of stream an event source mapping reads, with what differs between them in what Lambda sends. */
enum StreamSource {
    KINESIS("Kinesis stream", "kinesis-mock", "KinesisBatchInfo"),
    // The OnFailure record's fields as in "Retaining discarded records for a DynamoDB event source in Lambda",
    // https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html: KinesisBatchInfo's, under this name.
    DYNAMODB("DynamoDB table stream", "DynamoDB Local", "DDBStreamBatchInfo");

    private final String description;
    private final String server;
    private final String batchInfoField;

    StreamSource(String description, String server, String batchInfoField) {
        this.description = description;
        this.server = server;
        this.batchInfoField = batchInfoField;
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
