package io.kinesishydrator.redrive;

import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** Where the tool connects and as whom: the SDK's standard settings, unless an option says otherwise. */
final class ConnectionOptions {
    @Option(names = "--region", paramLabel = "REGION",
            description = "Region of the queue and of streams given by name (default: AWS_REGION, or the profile's).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile in ~/.aws to take credentials and region from (default: AWS_PROFILE, or the SDK's default chain).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Endpoint for every service the command calls, for local servers (default: AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_S3, or AWS's).")
    URI endpointUrl;

    @Option(names = "--kinesis-endpoint-url", paramLabel = "URL", description = "Endpoint for Kinesis only.")
    URI kinesisEndpointUrl;

    /**
     * Clients with the region and credentials resolved now, so that a missing one is a clear error before any
     * work; {@code sqsEndpointUrl} and {@code s3EndpointUrl}, when not null, override {@code --endpoint-url} for
     * SQS and S3.
     */
    AwsClients connect(URI sqsEndpointUrl, URI s3EndpointUrl) {
        return new AwsClients(resolveRegion(), resolveCredentials(),
                kinesisEndpointUrl != null ? kinesisEndpointUrl : endpointUrl,
                sqsEndpointUrl != null ? sqsEndpointUrl : endpointUrl,
                s3EndpointUrl != null ? s3EndpointUrl : endpointUrl);
    }

    private Region resolveRegion() {
        if (region != null) {
            return Region.of(region);
        }
        try {
            return DefaultAwsRegionProviderChain.builder().profileName(profile).build().getRegion();
        } catch (SdkClientException none) {
            throw new ToolException("no AWS region: set AWS_REGION, a region in the profile, or --region");
        }
    }

    private AwsCredentialsProvider resolveCredentials() {
        AwsCredentialsProvider credentials = profile != null
                ? ProfileCredentialsProvider.create(profile) : DefaultCredentialsProvider.builder().build();
        try {
            credentials.resolveCredentials();
            return credentials;
        } catch (SdkClientException none) {
            throw new ToolException("no AWS credentials" + (profile == null ? "" : " from profile " + profile) + ": "
                    + String.valueOf(none.getMessage()).lines().findFirst().orElse("") + ". The tool carries no STS or SSO module: for a role"
                    + " or SSO profile, export its credentials first (eval \"$(aws configure export-credentials --format env)\")", none);
        }
    }
}
