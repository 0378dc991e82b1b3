package io.kinesishydrator.hydrate;

/** The kind of stream a failed batch came from, named by the field its OnFailure record holds the batch in. */
public enum StreamSource {
    KINESIS("KinesisBatchInfo"),
    DYNAMODB_STREAMS("DDBStreamBatchInfo");

    private final String batchInfoField;

    StreamSource(String batchInfoField) {
        this.batchInfoField = batchInfoField;
    }

    /** The OnFailure record's field that holds the batch: {@code KinesisBatchInfo} or {@code DDBStreamBatchInfo}. */
    public String batchInfoField() {
        return batchInfoField;
    }
}
