package io.kinesishydrator.hydrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Priming runs every operation the hydrate uses through the function's clients, yet sends nothing to their
 * endpoint and never asks their credentials provider. The endpoint here is a local HTTP server that counts
 * what reaches it.
 */
class SnapStartPrimingTest {
    private HttpServer endpoint;
    private final AtomicInteger requestsReceived = new AtomicInteger();
    private final List<String> operationsRun = new CopyOnWriteArrayList<>();
    private final AtomicInteger credentialLookups = new AtomicInteger();
    private final List<Region> regionsAsked = new CopyOnWriteArrayList<>();
    private KinesisClient kinesis;
    private SqsClient sqs;

    @BeforeEach
    void clientsOnACountingEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            requestsReceived.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        endpoint.start();
        URI uri = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort());
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operationsRun.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        AwsCredentialsProvider functionCredentials = () -> {
            credentialLookups.incrementAndGet();
            return software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("function", "secret");
        };
        kinesis = KinesisClient.builder().endpointOverride(uri).region(Region.EU_WEST_1).credentialsProvider(functionCredentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
        sqs = SqsClient.builder().endpointOverride(uri).region(Region.EU_WEST_1).credentialsProvider(functionCredentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
    }

    @AfterEach
    void stop() {
        kinesis.close();
        sqs.close();
        endpoint.stop(0);
    }

    private SnapStartPriming priming() {
        return new SnapStartPriming(region -> {
            regionsAsked.add(region);
            return kinesis;
        }, sqs);
    }

    @Test
    void runsEveryOperationOfTheHydrateWithoutReachingTheEndpointOrTheCredentials() {
        priming().beforeCheckpoint(null);

        assertThat(operationsRun).containsExactly("GetShardIterator", "GetRecords", "SendMessageBatch");
        assertThat(requestsReceived).hasValue(0);
        assertThat(credentialLookups).hasValue(0);
        assertThat(regionsAsked).containsExactly(Region.EU_WEST_1);
    }

    @Test
    void leavesTheClientsPointedAtTheirOwnEndpoint() {
        priming().beforeCheckpoint(null);

        try {
            sqs.sendMessageBatch(request -> request.queueUrl("http://127.0.0.1/000000000000/dlq")
                    .entries(entry -> entry.id("0").messageBody("{}")));
        } catch (SdkException refusedByTheTestServer) {
            // The server answers 500 to everything; that the request arrived is what counts.
        }
        assertThat(requestsReceived).hasValueGreaterThan(0);
        assertThat(credentialLookups).hasValueGreaterThan(0);
    }

    @Test
    void isRegisteredWithoutACheckpointingRuntime() {
        SnapStartPriming.register(region -> kinesis, sqs);

        assertThat(requestsReceived).hasValue(0);
        assertThat(operationsRun).isEmpty();
    }
}
