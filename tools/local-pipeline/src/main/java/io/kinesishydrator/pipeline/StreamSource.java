package io.kinesishydrator.pipeline;

/** The kinds of stream an event source mapping reads, with what differs between them in what Lambda sends. */
enum StreamSource {
    KINESIS("Kinesis stream", "KinesisBatchInfo");

    private final String description;
    private final String batchInfoField;

    StreamSource(String description, String batchInfoField) {
        this.description = description;
        this.batchInfoField = batchInfoField;
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
