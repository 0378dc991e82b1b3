package io.kinesishydrator.redrive;

import io.kinesishydrator.testsupport.TestStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Records as producers write them: JSON of assorted sizes, some binary, on a handful of partition keys. */
final class Payloads {
    private Payloads() {
    }

    static List<TestStream.Payload> mixed(int count, long seed) {
        Random random = new Random(seed);
        List<TestStream.Payload> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data;
            if (i % 5 == 4) {
                data = new byte[1 + random.nextInt(400)];
                random.nextBytes(data);
            } else {
                data = ("{\"orderId\":\"o-" + i + "\",\"note\":\"" + "n".repeat(random.nextInt(1500)) + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            payloads.add(new TestStream.Payload("customer-" + random.nextInt(17), data));
        }
        return payloads;
    }

    /** The records of each shard, in order, as partition key and bytes: what a consumer of the shard sees. */
    static Map<String, List<String>> contentByShard(List<TestStream.Written> records) {
        return records.stream().collect(Collectors.groupingBy(TestStream.Written::shardId, TreeMap::new,
                Collectors.mapping(TestStream.Written::content, Collectors.toList())));
    }

    /** The records of each shard of {@code written}, in order: ranges that fail as a whole. */
    static Map<String, List<TestStream.Written>> byShard(List<TestStream.Written> written) {
        return written.stream().collect(Collectors.groupingBy(TestStream.Written::shardId, TreeMap::new, Collectors.toList()));
    }
}
