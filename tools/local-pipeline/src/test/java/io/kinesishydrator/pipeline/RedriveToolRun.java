package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.redrive.RedriveTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code make redrive-tool ARGS="redrive ..."}, as the demo prints it, run in the test's JVM. */
final class RedriveToolRun {
    private RedriveToolRun() {
    }

    /** Redrives {@code pipeline}'s dead-letter queue into its stream; returns what the tool printed. */
    static String redrive(LocalPipeline pipeline) {
        System.setProperty("aws.accessKeyId", LocalCredentials.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalCredentials.SECRET_ACCESS_KEY);
        StringWriter printed = new StringWriter();
        CommandLine redriveTool = new CommandLine(new RedriveTool());
        redriveTool.setOut(new PrintWriter(printed, true));
        redriveTool.setErr(new PrintWriter(printed, true));
        List<String> args = new ArrayList<>(List.of("redrive"));
        args.addAll(pipeline.redriveOptions());

        int exit = redriveTool.execute(args.toArray(String[]::new));

        assertThat(exit).as(printed.toString()).isZero();
        return printed.toString();
    }
}
