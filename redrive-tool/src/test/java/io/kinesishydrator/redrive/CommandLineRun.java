package io.kinesishydrator.redrive;

import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.LocalAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One run of the tool's command line, in this JVM, with what it printed. */
record CommandLineRun(int exit, String out, String err) {

    /** {@code redrive} with {@code options}, against the local servers. */
    static CommandLineRun redrive(LocalAws aws, List<String> options) {
        return withLocalCredentials(Stream.of(List.of("redrive"), options, kinesisAndSqsOptions(aws)));
    }

    /** The options that point a command at kinesis-mock and ElasticMQ. */
    private static List<String> kinesisAndSqsOptions(LocalAws aws) {
        return List.of("--region", LocalCredentials.REGION.id(),
                "--kinesis-endpoint-url", aws.kinesisMock().endpoint().toString(),
                "--sqs-endpoint-url", aws.elasticMq().endpoint().toString());
    }

    /** With the local servers' credentials where the SDK's default chain looks first. */
    private static CommandLineRun withLocalCredentials(Stream<List<String>> args) {
        System.setProperty("aws.accessKeyId", LocalCredentials.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalCredentials.SECRET_ACCESS_KEY);
        return of(args.flatMap(List::stream).toArray(String[]::new));
    }

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RedriveTool.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new CommandLineRun(exit, out.toString(), err.toString());
    }

    /** Everything printed, for assertion messages. */
    String printed() {
        return out + err;
    }
}
