package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateReaderTest {
    // Surefire runs in the module directory; the template that deploys is the repository's.
    private static final Path DEPLOYED_TEMPLATE = Path.of("../..", "template.yaml");

    @TempDir
    Path directory;

    @Test
    void readsTheDeployedTemplateParameterDefaults() {
        EventSourceMappingSettings settings = SamTemplateReader.consumerStreamSettings(DEPLOYED_TEMPLATE, "ConsumerFunction");

        assertThat(settings).isEqualTo(new EventSourceMappingSettings(100, Duration.ofSeconds(1), 3, true,
                Duration.ofSeconds(3600), 1, "TRIM_HORIZON", true, true));
    }

    @Test
    void withoutAFunctionNamedTheConsumerIsTheFirstFunctionWithAStreamEventInTemplateOrder() throws IOException {
        Path template = write("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  ScheduledJob:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
                  TableConsumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Changes: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn}}
                  StreamConsumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Orders: {Type: Kinesis, Properties: {Stream: arn}}
                """);

        assertThat(SamTemplateReader.firstStreamConsumer(template)).isEqualTo("TableConsumer");
    }

    @Test
    void aTemplateWithoutAStreamConsumerIsAnErrorListingItsFunctions() throws IOException {
        Path template = write("""
                Resources:
                  ScheduledJob:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
                """);

        assertThatThrownBy(() -> SamTemplateReader.firstStreamConsumer(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no function has an event of Type Kinesis or DynamoDB")
                .hasMessageEndingWith("its functions are ScheduledJob");
    }

    @Test
    void absentOptionalSettingsTakeAwsDefaults() throws IOException {
        Path template = write("""
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Stream:
                          Type: Kinesis
                          Properties:
                            Stream: !GetAtt Stream.Arn
                            StartingPosition: LATEST
                """);

        EventSourceMappingSettings settings = SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction");

        assertThat(settings).isEqualTo(new EventSourceMappingSettings(100, Duration.ZERO, -1, false, null, 1, "LATEST",
                false, false));
        assertThat(settings.hasMaximumRecordAge()).isFalse();
        assertThat(settings.hasRetryLimit()).isFalse();
    }

    @Test
    void readsLiteralsLongFormRefsAndStringNumbers() throws IOException {
        Path template = write("""
                Parameters:
                  Retries:
                    Type: Number
                    Default: "7"
                  Position:
                    Type: String
                    Default: LATEST
                  Bisect:
                    Type: String
                    Default: "false"
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Queue:
                          Type: SQS
                          Properties:
                            Queue: {"Fn::GetAtt": [Queue, Arn]}
                        Stream:
                          Type: Kinesis
                          Properties:
                            Stream:
                              Fn::GetAtt: [Stream, Arn]
                            StartingPosition:
                              Ref: Position
                            BatchSize: "25"
                            MaximumBatchingWindowInSeconds: 300
                            MaximumRetryAttempts: {"Ref": "Retries"}
                            BisectBatchOnFunctionError:
                              Ref: Bisect
                            MaximumRecordAgeInSeconds: " 60 "
                            ParallelizationFactor: 10
                            FunctionResponseTypes: [ReportBatchItemFailures]
                            DestinationConfig:
                              OnFailure:
                                Type: SQS
                                Destination:
                                  Fn::GetAtt: [DeadLetters, Arn]
                """);

        EventSourceMappingSettings settings = SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction");

        assertThat(settings).isEqualTo(new EventSourceMappingSettings(25, Duration.ofSeconds(300), 7, false,
                Duration.ofSeconds(60), 10, "LATEST", true, true));
    }

    @Test
    void loadsEveryShortFormTagWhereverItAppears() throws IOException {
        Path template = write("""
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: !Not [!Condition IsProd]
                  Either: !Or [!Condition IsProd, !And [!Condition NotProd, !Equals [a, b]]]
                Parameters:
                  Stage: {Type: String, Default: dev}
                  Size: {Type: Number, Default: 42}
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Description: !Sub "${AWS::StackName} consumer"
                      CodeUri: !Join ["/", [!Select [0, !Split [",", "a,b"]], !Base64 x]]
                      Tags:
                        Zone: !Select [0, !GetAZs ""]
                        Cidr: !Select [0, !Cidr [10.0.0.0/16, 2, 8]]
                        Imported: !ImportValue shared-value
                        Mapped: !FindInMap [Map, !Ref "AWS::Region", Key]
                        Chosen: !If [IsProd, !GetAtt Db.Endpoint.Address, !Ref "AWS::NoValue"]
                      Other: !Transform {Name: AWS::Include, Parameters: {Location: s3://bucket/file}}
                      Events:
                        Stream:
                          Type: Kinesis
                          Properties:
                            Stream: !GetAtt Stream.Arn
                            StartingPosition: TRIM_HORIZON
                            BatchSize: !Ref Size
                """);

        assertThat(SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction").batchSize()).isEqualTo(42);
    }

    @Test
    void aShortFormTagIsItsLongFormWhenASettingUsesIt() throws IOException {
        Path template = kinesisEvent("BatchSize: !If [IsProd, 10, 20]");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(template + ": ConsumerFunction event Stream: BatchSize must be a whole number, "
                        + "got the intrinsic function Fn::If");
    }

    @Test
    void aRefToAMissingParameterIsNamed() throws IOException {
        Path template = kinesisEvent("BatchSize: !Ref Missing");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BatchSize is !Ref Missing, which is not declared under Parameters");
    }

    @Test
    void aRefToAParameterWithoutDefaultIsNamed() throws IOException {
        Path template = write("""
                Parameters:
                  Size:
                    Type: Number
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Stream:
                          Type: Kinesis
                          Properties:
                            StartingPosition: LATEST
                            BatchSize: !Ref Size
                """);

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BatchSize is !Ref Size, but parameter Size has no Default");
    }

    @Test
    void aRefToAResourceCannotBeKnownLocally() throws IOException {
        Path template = kinesisEvent("BatchSize: !Ref ConsumerFunction");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .hasMessageContaining("BatchSize is !Ref ConsumerFunction, a resource");
    }

    @Test
    void aMissingFunctionIsNamedWithTheFunctionsThatExist() throws IOException {
        Path template = kinesisEvent("BatchSize: 10");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "OtherFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(template + " has no resource OtherFunction under Resources; its functions are ConsumerFunction");
    }

    @Test
    void aFunctionWithoutAStreamEventIsNamed() throws IOException {
        Path template = write("""
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Topic:
                          Type: SNS
                          Properties:
                            Topic: !Ref Topic
                """);

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(template + ": ConsumerFunction has no event of Type Kinesis or DynamoDB under Properties.Events");
    }

    @Test
    void aMissingStartingPositionIsNamed() throws IOException {
        Path template = write("""
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Stream:
                          Type: Kinesis
                """);

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .hasMessageContaining("StartingPosition is missing");
    }

    @Test
    void aMissingFileIsNamed() {
        Path template = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template " + template + " does not exist");
    }

    @Test
    void textThatIsNotYamlIsNamedWithWhereItBreaks() throws IOException {
        Path template = write("Resources: {ConsumerFunction: [unclosed\n");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("template " + template + " is not valid YAML: ")
                .hasMessageContaining("line ");
    }

    @Test
    void yamlThatIsNotATemplateIsNamed() throws IOException {
        Path scalar = write("just some words");
        Path empty = write("");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(scalar, "ConsumerFunction"))
                .hasMessage("template " + scalar + " is not a YAML mapping of template sections, got 'just some words'");
        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(empty, "ConsumerFunction"))
                .hasMessage("template " + empty + " is empty");
    }

    @Test
    void anUnknownTagIsNamedWithWhereItIs() throws IOException {
        Path template = kinesisEvent("BatchSize: !Bogus 10");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("template " + template + " uses unknown tag !Bogus (line 10, column 24)")
                .hasMessageContaining("!GetAtt");
    }

    @Test
    void aRepeatedKeyIsRejectedAsCloudFormationDoes() throws IOException {
        Path template = kinesisEvent("BatchSize: 10\n            BatchSize: 20");

        assertThatThrownBy(() -> SamTemplateReader.consumerStreamSettings(template, "ConsumerFunction"))
                .hasMessageContaining("duplicate key BatchSize");
    }

    @Test
    void outOfRangeValuesAreNamedWithTheirSetting() throws IOException {
        assertThatThrownBy(() -> settingsWith("BatchSize: 0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("ConsumerFunction event Stream: BatchSize must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> settingsWith("MaximumBatchingWindowInSeconds: 301"))
                .hasMessageEndingWith("MaximumBatchingWindowInSeconds must be between 0 and 300, got 301");
        assertThatThrownBy(() -> settingsWith("MaximumRetryAttempts: -2"))
                .hasMessageEndingWith("MaximumRetryAttempts must be between -1 and 10000, got -2");
        assertThatThrownBy(() -> settingsWith("MaximumRecordAgeInSeconds: 30"))
                .hasMessageEndingWith("MaximumRecordAgeInSeconds must be -1 (no limit) or between 60 and 604800, got 30");
        assertThatThrownBy(() -> settingsWith("ParallelizationFactor: 0"))
                .hasMessageEndingWith("ParallelizationFactor must be between 1 and 10, got 0");
        assertThatThrownBy(() -> settingsWith("BatchSize: 99999999999"))
                .hasMessageEndingWith("BatchSize is out of range, got 99999999999");
    }

    @Test
    void wronglyTypedValuesAreNamedWithTheirSetting() {
        assertThatThrownBy(() -> settingsWith("BatchSize: ten"))
                .hasMessageEndingWith("BatchSize must be a whole number, got 'ten'");
        assertThatThrownBy(() -> settingsWith("BatchSize: 1.5"))
                .hasMessageEndingWith("BatchSize must be a whole number, got 1.5");
        assertThatThrownBy(() -> settingsWith("BisectBatchOnFunctionError: maybe"))
                .hasMessageEndingWith("BisectBatchOnFunctionError must be true or false, got 'maybe'");
        assertThatThrownBy(() -> settingsWith("FunctionResponseTypes: ReportBatchItemFailures"))
                .hasMessageEndingWith("FunctionResponseTypes must be a list, got 'ReportBatchItemFailures'");
        assertThatThrownBy(() -> settingsWith("FunctionResponseTypes: [Other]"))
                .hasMessageEndingWith("FunctionResponseTypes must be a list of ReportBatchItemFailures, got 'Other'");
        assertThatThrownBy(() -> settingsWith("DestinationConfig: {OnFailure: {Type: SNS}}"))
                .hasMessageEndingWith("DestinationConfig.OnFailure has no Destination");
    }

    @Test
    void theOnFailureDestinationTypeIsReadAsWrittenOrEmptyWithoutOne() throws IOException {
        assertThat(SamTemplateReader.consumerOnFailureType(DEPLOYED_TEMPLATE, "ConsumerFunction")).contains("SNS");
        assertThat(SamTemplateReader.consumerOnFailureType(
                kinesisEvent("DestinationConfig: {OnFailure: {Type: S3, Destination: arn:aws:s3:::failures}}"), "ConsumerFunction"))
                .contains("S3");
        assertThat(SamTemplateReader.consumerOnFailureType(
                kinesisEvent("DestinationConfig: {OnFailure: {Destination: arn:aws:sqs:us-east-1:000000000000:failures}}"),
                "ConsumerFunction")).isEmpty();
        assertThat(SamTemplateReader.consumerOnFailureType(kinesisEvent("BatchSize: 10"), "ConsumerFunction")).isEmpty();
        assertThatThrownBy(() -> SamTemplateReader.consumerOnFailureType(
                kinesisEvent("DestinationConfig: {OnFailure: {Type: [SQS], Destination: x}}"), "ConsumerFunction"))
                .hasMessageEndingWith("DestinationConfig.OnFailure.Type must be SNS, SQS or S3, got a list");
    }

    @Test
    void booleansMayBeStrings() throws IOException {
        assertThat(settingsWith("BisectBatchOnFunctionError: \"true\"").bisectBatchOnFunctionError()).isTrue();
        assertThat(settingsWith("BisectBatchOnFunctionError: 'False'").bisectBatchOnFunctionError()).isFalse();
    }

    private EventSourceMappingSettings settingsWith(String setting) throws IOException {
        return SamTemplateReader.consumerStreamSettings(kinesisEvent(setting), "ConsumerFunction");
    }

    /** A template whose consumer has one Kinesis event with {@code settings} (indented by the caller past the first line). */
    private Path kinesisEvent(String settings) throws IOException {
        return write("""
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Stream:
                          Type: Kinesis
                          Properties:
                            StartingPosition: TRIM_HORIZON
                            %s
                """.formatted(settings));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(directory, "template", ".yaml"), yaml);
    }
}
