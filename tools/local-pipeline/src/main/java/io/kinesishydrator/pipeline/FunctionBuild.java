package io.kinesishydrator.pipeline;

import io.kinesishydrator.local.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How {@code sam build} builds a function whose {@code CodeUri} holds no built code, run locally into a folder laid
 * out as the java21 runtime loads it: classes at its root, jars in its {@code lib/}.
 */
enum FunctionBuild {
    /** {@code Metadata: BuildMethod: makefile}: the {@code CodeUri}'s Makefile target {@code build-<LogicalId>}. */
    MAKEFILE {
        @Override
        List<String> command(SamFunction function, Path folder) {
            return List.of("make", "--no-print-directory", "build-" + function.logicalId(), "ARTIFACTS_DIR=" + folder);
        }

        @Override
        String summary(SamFunction function) {
            return "make build-" + function.logicalId();
        }
    },
    /**
     * A {@code pom.xml} in {@code CodeUri}, as aws-lambda-builders' JavaMavenWorkflow builds it
     * (aws_lambda_builders/workflows/java_maven/: workflow.py, maven.py, actions.py): {@code mvn clean install} in a
     * scratch copy of {@code CodeUri}, then {@code mvn dependency:copy-dependencies -DincludeScope=runtime
     * -Dmdep.prependGroupId=true}, then {@code target/classes} copied to the artifacts folder and
     * {@code target/dependency} to its {@code lib/}.
     *
     * <p>Here the {@code mvn} on the PATH, with this process's {@code JAVA_HOME}, runs on the {@code CodeUri}'s pom
     * without {@code clean}, which would wipe the project's own {@code target/} (so a class whose source was deleted
     * stays until the project is cleaned); {@code package} rather than {@code install}, since only
     * {@code target/classes} is read and installing would only add the jar to the local repository; tests skipped,
     * as they are {@code mvn verify}'s job and would slow every start after a change.
     */
    MAVEN {
        @Override
        List<String> command(SamFunction function, Path folder) {
            return List.of("mvn", "-B", "-ntp", "-q", "-f", function.codeUri().resolve(POM).toString(), "-DskipTests",
                    "package", "dependency:copy-dependencies", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true",
                    "-DoutputDirectory=" + folder.resolve("lib"));
        }

        @Override
        String summary(SamFunction function) {
            return "mvn package of " + function.codeUri().resolve(POM);
        }

        @Override
        void layOut(SamFunction function, Path folder) throws IOException {
            Path classes = function.codeUri().resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                throw new IllegalStateException("building " + function.logicalId() + " with Maven left no " + classes);
            }
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = folder.resolve(classes.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    };

    static final String POM = "pom.xml";
    private static final long TIMEOUT_MINUTES = 15;

    /** The build {@code sam build} would choose for the function; neither is an error naming what was looked for. */
    static FunctionBuild of(SamFunction function) {
        if (function.buildMethod().filter("makefile"::equals).isPresent()) {
            return MAKEFILE;
        }
        if (Files.isRegularFile(function.codeUri().resolve(POM))) {
            return MAVEN;
        }
        throw new IllegalArgumentException(function.logicalId() + "'s CodeUri " + function.codeUri()
                + " holds no built code (lib/*.jar), its Metadata no BuildMethod: makefile, and the folder no " + POM
                + " to build it with");
    }

    abstract List<String> command(SamFunction function, Path folder);

    /** The build in a few words, for the progress line. */
    abstract String summary(SamFunction function);

    /** What the command leaves to do to lay the code out in {@code folder}. */
    void layOut(SamFunction function, Path folder) throws IOException {
    }

    /** Builds the function afresh into {@code folder}, in its {@code CodeUri} folder, the output going to {@code log}. */
    void run(SamFunction function, Path folder, Path log) {
        List<String> command = command(function, folder);
        try {
            // A previous build's files go first, as sam build starts from an empty artifacts folder.
            Folders.deleteRecursively(folder);
            Files.createDirectories(folder);
            Process build = new ProcessBuilder(command).directory(function.codeUri().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!build.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new IllegalStateException("building " + function.logicalId() + " took over " + TIMEOUT_MINUTES
                        + " minutes; its output: " + log);
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("building " + function.logicalId() + " (" + String.join(" ", command)
                        + " in " + function.codeUri() + ") failed; its output: " + log);
            }
            layOut(function, folder);
        } catch (IOException cannotRun) {
            throw new IllegalStateException("cannot build " + function.logicalId() + " with " + command.get(0) + ": "
                    + cannotRun.getMessage(), cannotRun);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + function.logicalId(), interrupted);
        }
    }

}
