package io.kinesishydrator.redrive;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The tool's AWS clients, on one HTTP client: SQS and S3 in the default region, Kinesis in every region a stream
 * ARN names. An endpoint left null comes from the SDK's standard settings ({@code AWS_ENDPOINT_URL_KINESIS}, ...).
 */
final class AwsClients implements AutoCloseable {
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI kinesisEndpoint;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;
    private final Map<Region, KinesisClient> kinesis = new ConcurrentHashMap<>();
    private SqsClient sqs;
    private S3Client s3;

    AwsClients(Region region, AwsCredentialsProvider credentials, URI kinesisEndpoint, URI sqsEndpoint, URI s3Endpoint) {
        this.region = region;
        this.credentials = credentials;
        this.kinesisEndpoint = kinesisEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.s3Endpoint = s3Endpoint;
    }

    Region region() {
        return region;
    }

    synchronized SqsClient sqs() {
        if (sqs == null) {
            SqsClientBuilder builder = SqsClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
            if (sqsEndpoint != null) {
                builder.endpointOverride(sqsEndpoint);
            }
            sqs = builder.build();
        }
        return sqs;
    }

    /**
     * S3 for the buckets that offloaded messages name, in whatever region each is: a pointer names no region.
     * At an endpoint given here (a local server) bucket names are not host names, so addresses are path-style.
     */
    synchronized S3Client s3() {
        if (s3 == null) {
            S3ClientBuilder builder = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http);
            if (s3Endpoint != null) {
                builder.endpointOverride(s3Endpoint).forcePathStyle(true);
            } else {
                builder.crossRegionAccessEnabled(true);
            }
            s3 = builder.build();
        }
        return s3;
    }

    KinesisClient kinesis(Region streamRegion) {
        return kinesis.computeIfAbsent(streamRegion, r -> {
            KinesisClientBuilder builder = KinesisClient.builder().region(r).credentialsProvider(credentials).httpClient(http);
            if (kinesisEndpoint != null) {
                builder.endpointOverride(kinesisEndpoint);
            }
            return builder.build();
        });
    }

    @Override
    public synchronized void close() {
        List<SdkAutoCloseable> clients = new ArrayList<>(kinesis.values());
        if (sqs != null) {
            clients.add(sqs);
        }
        if (s3 != null) {
            clients.add(s3);
        }
        clients.forEach(SdkAutoCloseable::close);
        http.close();
    }
}
