package io.kinesishydrator.hydrate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * One Kinesis client per region, built on first use and kept for the life of the execution environment.
 * Endpoints and credentials come from the standard configuration ({@code AWS_ENDPOINT_URL_KINESIS}, ...).
 */
final class KinesisClients implements Function<Region, KinesisClient> {
    private final SdkHttpClient http;
    private final Map<Region, KinesisClient> clients = new ConcurrentHashMap<>();

    KinesisClients(SdkHttpClient http) {
        this.http = http;
    }

    @Override
    public KinesisClient apply(Region region) {
        return clients.computeIfAbsent(region, r -> KinesisClient.builder().region(r).httpClient(http).build());
    }
}
