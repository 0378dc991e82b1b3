package io.kinesishydrator.hydrate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;

/**
 * One client per region, built on first use and kept for the life of the execution environment: a failed
 * batch's stream may be in another region than the function. Endpoints and credentials come from the standard
 * configuration ({@code AWS_ENDPOINT_URL_KINESIS}, {@code AWS_ENDPOINT_URL_DYNAMODB_STREAMS}, ...).
 *
 * @param <C> the client type
 */
final class RegionalClients<C> implements Function<Region, C> {
    private final Function<Region, C> builder;
    private final Map<Region, C> clients = new ConcurrentHashMap<>();

    RegionalClients(Function<Region, C> builder) {
        this.builder = builder;
    }

    @Override
    public C apply(Region region) {
        return clients.computeIfAbsent(region, builder);
    }
}
