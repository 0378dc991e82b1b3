/**
 * How the hydrate works, not what it offers: the notification's parser ({@link
 * io.kinesishydrator.hydrate.internal.FailureNotificationParser}), the range readers ({@link
 * io.kinesishydrator.hydrate.internal.KinesisRangeReader}, {@link
 * io.kinesishydrator.hydrate.internal.DynamoDbStreamRangeReader}), the dead-letter message's composer and writer
 * ({@link io.kinesishydrator.hydrate.internal.DeadLetterComposer}, {@link
 * io.kinesishydrator.hydrate.internal.DeadLetterWriter}). Classes here are public only so that {@code
 * io.kinesishydrator.hydrate} can wire them; they may change without notice. The function's API is in {@code
 * io.kinesishydrator.hydrate}: its handlers, {@code HydratorFactory}, {@code Hydrator} and the messages it sends.
 */
package io.kinesishydrator.hydrate.internal;
