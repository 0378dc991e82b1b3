package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code redrive-tool produce} end to end on kinesis-mock. */
@ExtendWith(LocalAws.Extension.class)
class ProduceCommandTest {
    private final LocalAws aws;

    ProduceCommandTest(LocalAws aws) {
        this.aws = aws;
    }

    private static boolean poison(String record) {
        return record.endsWith("\"sku\":") || record.contains("\"quantity\":0,");
    }

    @Test
    void sendsTheRequestedMixOfGoodAndPoisonRecordsAtTheChosenSizes() {
        TestStream stream = aws.newStream(2);

        CommandLineRun run = CommandLineRun.produce(aws, List.of("--stream", stream.name(), "--records", "700",
                "--poison-rate", "0.2", "--record-bytes", "200-400", "--partition-keys", "9", "--seed", "7"));

        assertThat(run.exit()).as(run.printed()).isZero();
        List<String> records = stream.readAllRecords().stream().map(record -> new String(record.data(), StandardCharsets.UTF_8)).toList();
        long poison = records.stream().filter(ProduceCommandTest::poison).count();
        assertThat(records).hasSize(700).allSatisfy(record -> assertThat(record.length()).isBetween(200, 400));
        assertThat(poison).isBetween(100L, 180L);
        assertThat(run.out()).contains("records put                  700 (" + poison + " poison) in 2 PutRecords calls",
                "OK: every record was put.");
        assertThat(stream.readAllRecords()).extracting(TestStream.Written::partitionKey).allMatch(key -> key.matches("c-[0-8]"));
    }

    @Test
    void theSameSeedSendsTheSameRecords() {
        TestStream first = aws.newStream(1);
        TestStream second = aws.newStream(1);

        CommandLineRun.produce(aws, List.of("--stream", first.arn(), "--records", "50", "--seed", "3"));
        CommandLineRun.produce(aws, List.of("--stream", second.arn(), "--records", "50", "--seed", "3"));

        assertThat(second.readAllRecords()).extracting(TestStream.Written::content)
                .containsExactlyElementsOf(first.readAllRecords().stream().map(TestStream.Written::content).toList());
    }

    @Test
    void aStreamThatDoesNotExistAndBadOptionsAreClearErrors() {
        CommandLineRun unknownStream = CommandLineRun.produce(aws, List.of("--stream", "no-such-stream"));
        CommandLineRun badSize = CommandLineRun.produce(aws, List.of("--stream", "s", "--record-bytes", "500-100"));
        CommandLineRun badRate = CommandLineRun.produce(aws, List.of("--stream", "s", "--poison-rate", "2"));

        assertThat(unknownStream.exit()).isEqualTo(2);
        assertThat(unknownStream.err()).startsWith("error: stream no-such-stream does not exist in us-east-1");
        assertThat(badSize.exit()).isEqualTo(2);
        assertThat(badSize.err()).contains("--record-bytes must be from 1 to 1048576 with MIN no larger than MAX, got '500-100'");
        assertThat(badRate.exit()).isEqualTo(2);
        assertThat(badRate.err()).contains("--poison-rate must be from 0 to 1, got 2.0");
    }
}
