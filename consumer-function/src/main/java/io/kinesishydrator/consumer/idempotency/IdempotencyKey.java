package io.kinesishydrator.consumer.idempotency;

/**
 * The key a record is remembered by. It must be the same on every delivery of the record (so never a time or a
 * random value) and differ between records that must each be processed. The default is the record's place in
 * its stream; a business key (an order id in the payload) also catches a producer that sent the same thing twice.
 *
 * <p>Named in {@code IDEMPOTENCY_KEY}, an implementation needs a public no-argument constructor and must
 * implement this interface directly, with its record type as the type argument.
 */
@FunctionalInterface
public interface IdempotencyKey<R> {
    String of(R record);
}
