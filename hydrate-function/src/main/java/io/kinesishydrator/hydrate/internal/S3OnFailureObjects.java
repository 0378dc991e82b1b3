package io.kinesishydrator.hydrate.internal;

import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Gets the objects of an S3 OnFailure destination. An object that is gone, or not an object this destination
 * writes, is a {@link MalformedNotificationException}: no retry brings it back. Any other failure (throttling,
 * a server error, access denied) propagates once the client's own retries are spent, so that the invocation is
 * retried and the S3 event is not lost.
 */
public final class S3OnFailureObjects {
    private final Supplier<S3Client> s3;

    /** @param s3 asked on the first object only, so a function that never gets an S3 event never builds the client */
    public S3OnFailureObjects(Supplier<S3Client> s3) {
        this.s3 = s3;
    }

    public S3OnFailureObject get(S3ObjectReference object) throws MalformedNotificationException {
        String text;
        try {
            text = s3.get().getObjectAsBytes(request -> request.bucket(object.bucket()).key(object.key())).asUtf8String();
        } catch (NoSuchKeyException | NoSuchBucketException gone) {
            throw new MalformedNotificationException("the object is gone (" + gone.awsErrorDetails().errorCode() + ")", gone);
        }
        return S3OnFailureObject.parse(text);
    }
}
