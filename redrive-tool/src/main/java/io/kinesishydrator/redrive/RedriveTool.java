package io.kinesishydrator.redrive;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line: {@code redrive} replays the dead-letter queue. */
@Command(name = "redrive-tool", subcommands = {RedriveCommand.class, CommandLine.HelpCommand.class},
        description = {
                "Puts records back into Kinesis, resending only the entries PutRecords did not take.",
                "%nEndpoints, region and credentials come from the AWS SDK's standard settings (AWS_REGION, AWS_PROFILE,"
                        + " AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL_SQS, ...) unless an option overrides them."},
        footer = {"%nExit codes: 0 done, 1 done but something was left (see the summary), 2 could not run (the error says why)."})
public final class RedriveTool implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new RedriveTool());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: redrive");
    }
}
