package io.kinesishydrator.hydrate.internal;

/** An object in S3, by bucket and (decoded) key. */
public record S3ObjectReference(String bucket, String key) {
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
