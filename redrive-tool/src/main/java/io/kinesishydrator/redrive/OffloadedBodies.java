package io.kinesishydrator.redrive;

import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bodies of dead-letter messages offloaded to S3, which the pointers in their messages name. An object is
 * deleted only once its message is: a message left in the queue must still find its body.
 */
final class OffloadedBodies {
    // A supplier, so that a run without offloaded messages never builds an S3 client.
    private final Supplier<S3Client> s3;

    OffloadedBodies(Supplier<S3Client> s3) {
        this.s3 = s3;
    }

    /** The body, as the SQS Extended Client stored it: the message's text in UTF-8. */
    String read(PayloadPointer pointer) {
        return s3.get().getObjectAsBytes(request -> request.bucket(pointer.bucket()).key(pointer.key())).asUtf8String();
    }

    void delete(PayloadPointer pointer) {
        s3.get().deleteObject(request -> request.bucket(pointer.bucket()).key(pointer.key()));
    }
}
