package io.kinesishydrator.hydrate.internal;

/** The kind of stream a failed batch came from, named by the field its OnFailure record holds the batch in. */
public enum StreamType {
    KINESIS("KinesisBatchInfo"),
    DYNAMODB_STREAMS("DDBStreamBatchInfo");

    private final String batchInfoField;

    StreamType(String batchInfoField) {
        this.batchInfoField = batchInfoField;
    }

    /** The OnFailure record's field that holds the batch: {@code KinesisBatchInfo} or {@code DDBStreamBatchInfo}. */
    public String batchInfoField() {
        return batchInfoField;
    }
}
