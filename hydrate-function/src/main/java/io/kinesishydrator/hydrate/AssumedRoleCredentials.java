package io.kinesishydrator.hydrate;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The credentials of the {@link CrossAccountRole}, from STS AssumeRole with the function's own credentials, and
 * renewed before they expire. The only class that uses STS: it is loaded, and STS with it, when the first
 * stream of the role's account is read, never for the function's own streams. A failure to assume the role
 * names it, so that the dead-letter message that reports the unread range says which role could not be assumed.
 * STS's endpoint comes from the standard configuration ({@code AWS_ENDPOINT_URL_STS}), its region is the
 * function's.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider {
    /** AssumeRole's limit on a session name's length. */
    private static final int MAX_SESSION_NAME = 64;

    private final CrossAccountRole role;
    private final AwsCredentialsProvider assumeRole;

    private AssumedRoleCredentials(CrossAccountRole role, AwsCredentialsProvider assumeRole) {
        this.role = role;
        this.assumeRole = assumeRole;
    }

    /**
     * @param sessionName the session's name in the stream account's CloudTrail: the function's name
     */
    static AwsCredentialsProvider of(CrossAccountRole role, String sessionName, SdkHttpClient http) {
        StsClient sts = StsClient.builder().httpClient(http).build();
        String session = sessionName.substring(0, Math.min(sessionName.length(), MAX_SESSION_NAME));
        return new AssumedRoleCredentials(role, StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(role.arn()).roleSessionName(session))
                .build());
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return assumeRole.resolveCredentials();
        } catch (RuntimeException failure) {
            throw SdkClientException.create("could not assume role " + role.arn() + ": " + failure.getMessage(), failure);
        }
    }
}
