package io.kinesishydrator.hydrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.hydrate.internal.MalformedNotificationException;
import io.kinesishydrator.hydrate.internal.StreamArn;
import io.kinesishydrator.hydrate.internal.StreamType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** Which client a stream gets, by its region and account; the clients here are labels, built as asked for. */
class StreamClientsTest {
    private static final CrossAccountRole ROLE = CrossAccountRole.parse("arn:aws:iam::111111111111:role/stream-reader");

    private final List<String> built = new CopyOnWriteArrayList<>();
    private final Function<Region, String> own = region -> "own " + region.id();

    private Function<Region, String> assumedBuilder() {
        return region -> {
            built.add(region.id());
            return "assumed " + region.id();
        };
    }

    private static StreamArn stream(String account, String region) throws MalformedNotificationException {
        return StreamArn.parse("arn:aws:kinesis:" + region + ":" + account + ":stream/orders", StreamType.KINESIS);
    }

    @Test
    void theRolesAccountsStreamsGetTheAssumedClientOfTheirRegionAndEveryOtherStreamTheOwnOne() throws Exception {
        StreamClients<String> clients = StreamClients.of(Optional.of(ROLE), own, assumedBuilder());

        assertThat(clients.apply(stream("111111111111", "eu-west-1"))).isEqualTo("assumed eu-west-1");
        assertThat(clients.apply(stream("111111111111", "us-east-1"))).isEqualTo("assumed us-east-1");
        assertThat(clients.apply(stream("222222222222", "eu-west-1"))).isEqualTo("own eu-west-1");
    }

    @Test
    void anAssumedClientIsBuiltOncePerRegionAndOnlyForAStreamOfTheRolesAccount() throws Exception {
        StreamClients<String> clients = StreamClients.of(Optional.of(ROLE), own, assumedBuilder());

        clients.apply(stream("222222222222", "eu-west-1"));
        assertThat(built).isEmpty();
        clients.apply(stream("111111111111", "eu-west-1"));
        clients.apply(stream("111111111111", "eu-west-1"));
        assertThat(built).containsExactly("eu-west-1");
    }

    @Test
    void withoutARoleEveryStreamGetsTheOwnClient() throws Exception {
        StreamClients<String> clients = StreamClients.of(Optional.empty(), own, assumedBuilder());

        assertThat(clients.apply(stream("111111111111", "eu-west-1"))).isEqualTo("own eu-west-1");
        assertThat(built).isEmpty();
    }
}
