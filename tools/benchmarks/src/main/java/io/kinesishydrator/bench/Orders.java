package io.kinesishydrator.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Kinesis batches of ~1 KiB JSON orders, shaped as Lambda's Java runtime hands them to a handler. */
final class Orders {
    static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
    static final int TARGET_BYTES = 1024;
    private static final BigInteger FIRST_SEQUENCE = new BigInteger("49656816489405378913405238405437897829102939570541012532");

    private Orders() {
    }

    /** A valid order of about {@link #TARGET_BYTES} bytes; the fields the consumer ignores make up the size. */
    static byte[] json(int index) {
        return json(index, TARGET_BYTES);
    }

    /** A valid order of about {@code targetBytes} bytes. */
    static byte[] json(int index, int targetBytes) {
        String head = "{\"orderId\":\"o-" + index + "\",\"customerId\":\"c-" + (index % 997) + "\",\"sku\":\"SKU-" + (index % 131)
                + "\",\"quantity\":" + (1 + index % 9) + ",\"unitPrice\":" + (index % 500) + "." + (index % 100 / 10) + "9"
                + ",\"currency\":\"EUR\",\"createdAt\":\"2025-11-26T20:46:41.123Z\""
                + ",\"shippingAddress\":{\"name\":\"Ada Lovelace\",\"street\":\"12 St James's Square\",\"city\":\"London\","
                + "\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\"}"
                + ",\"tags\":[\"web\",\"express\",\"gift\"],\"note\":\"";
        String tail = "\"}";
        StringBuilder json = new StringBuilder(targetBytes).append(head);
        while (json.length() + tail.length() < targetBytes) {
            json.append((char) ('a' + (json.length() % 26)));
        }
        return json.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<KinesisEventRecord> batch(int size) {
        List<KinesisEventRecord> records = new ArrayList<>(size);
        Date arrival = new Date(1_764_189_201_123L);
        for (int index = 0; index < size; index++) {
            String sequenceNumber = FIRST_SEQUENCE.add(BigInteger.valueOf(index)).toString();
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setKinesisSchemaVersion("1.0");
            kinesis.setPartitionKey("c-" + (index % 997));
            kinesis.setSequenceNumber(sequenceNumber);
            kinesis.setApproximateArrivalTimestamp(arrival);
            // Lambda's serializer decodes the base64 data into a wrapped heap array, position 0.
            kinesis.setData(ByteBuffer.wrap(json(index)));
            KinesisEventRecord record = new KinesisEventRecord();
            record.setKinesis(kinesis);
            record.setEventSource("aws:kinesis");
            record.setEventVersion("1.0");
            record.setEventID("shardId-000000000000:" + sequenceNumber);
            record.setEventName("aws:kinesis:record");
            record.setInvokeIdentityArn("arn:aws:iam::000000000000:role/consumer");
            record.setAwsRegion("us-east-1");
            record.setEventSourceARN(STREAM_ARN);
            records.add(record);
        }
        return records;
    }
}
