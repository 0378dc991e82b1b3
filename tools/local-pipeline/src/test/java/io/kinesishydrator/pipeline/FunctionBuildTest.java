package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CodeUri without built code is built as sam build builds it: by its Makefile when the Metadata says so, else by its pom.xml. */
class FunctionBuildTest {
    private static final String HANDLER = "com.example.Handler::handleRequest";

    @TempDir
    Path project;
    @TempDir
    Path builds;

    @Test
    void aPomIsBuiltWithTheClassesAtTheRootAndTheRuntimeDependenciesInLibOnceUntilASourceChanges() throws IOException {
        mavenProject();
        List<String> progress = new ArrayList<>();

        Path folder = FunctionCode.folder(function(Optional.empty()), builds, progress::add);

        assertThat(folder).isEqualTo(builds.resolve("Consumer").toAbsolutePath());
        assertThat(folder.resolve("com/example/Handler.class")).isRegularFile();
        assertThat(folder.resolve("greeting.txt")).hasContent("hello");
        assertThat(fileNames(folder.resolve("lib")))
                .contains("com.fasterxml.jackson.jr.jackson-jr-objects-2.20.1.jar", "com.fasterxml.jackson.core.jackson-core-2.20.1.jar")
                .noneMatch(name -> name.contains("junit") || name.contains("opentest4j"));
        assertThat(progress).containsExactly("building Consumer (mvn package of " + project.resolve("pom.xml") + ") ...");
        FileTime built = Files.getLastModifiedTime(builds.resolve("Consumer.build.log"));

        FunctionCode.folder(function(Optional.empty()), builds, progress::add);

        assertThat(progress).hasSize(1);
        assertThat(Files.getLastModifiedTime(builds.resolve("Consumer.build.log"))).isEqualTo(built);
    }

    @Test
    void aPomThatDoesNotCompileIsAnErrorNamingTheBuildLog() throws IOException {
        mavenProject();
        Files.writeString(project.resolve("src/main/java/com/example/Handler.java"), "not java");

        assertThatThrownBy(() -> FunctionCode.folder(function(Optional.empty()), builds, line -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("building Consumer (mvn ")
                .hasMessageEndingWith("failed; its output: " + builds.resolve("Consumer.build.log"));
        assertThat(builds.resolve("Consumer.build.log")).content().contains("Handler.java");
    }

    @Test
    void makefileMetadataBuildsByMakeEvenBesideAPom() throws IOException {
        mavenProject();
        Files.writeString(project.resolve("Makefile"), """
                build-Consumer:
                \tmkdir -p $(ARTIFACTS_DIR)/com/example
                \ttouch $(ARTIFACTS_DIR)/com/example/Handler.class
                """);

        Path folder = FunctionCode.folder(function(Optional.of("makefile")), builds, line -> { });

        assertThat(folder.resolve("com/example/Handler.class")).isRegularFile();
        assertThat(folder.resolve("lib")).doesNotExist();
        assertThat(project.resolve("target")).doesNotExist();
    }

    @Test
    void aCodeUriWithNeitherBuiltCodeNorMakefileMetadataNorAPomIsAnErrorSayingWhatWasLookedFor() {
        assertThatThrownBy(() -> FunctionCode.folder(function(Optional.of("esbuild")), builds, line -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Consumer's CodeUri " + project + " holds no built code (lib/*.jar), its Metadata no"
                        + " BuildMethod: makefile, and the folder no pom.xml to build it with");
    }

    @Test
    void theRepositorysFunctionsAreBuiltByTheirMakefile() {
        PipelineTemplate template = PipelineTemplate.read(RepositoryFunctions.TEMPLATE, "ConsumerFunction", Map.of());

        assertThat(FunctionBuild.of(template.consumer())).isEqualTo(FunctionBuild.MAKEFILE);
        assertThat(FunctionBuild.of(template.hydrate().orElseThrow())).isEqualTo(FunctionBuild.MAKEFILE);
    }

    /** A handler, a resource, one runtime dependency and one test dependency, all in the local repository already. */
    private void mavenProject() throws IOException {
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>handler</artifactId>
                  <version>1.0.0</version>
                  <properties>
                    <maven.compiler.release>21</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>com.fasterxml.jackson.jr</groupId>
                      <artifactId>jackson-jr-objects</artifactId>
                      <version>2.20.1</version>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>5.13.4</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.3</version></plugin>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
                    </plugins>
                  </build>
                </project>
                """);
        Path sources = Files.createDirectories(project.resolve("src/main/java/com/example"));
        Files.writeString(sources.resolve("Handler.java"), """
                package com.example;

                public class Handler {
                    public String handleRequest(String input) {
                        return com.fasterxml.jackson.jr.ob.JSON.class.getSimpleName() + input;
                    }
                }
                """);
        Path resources = Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(resources.resolve("greeting.txt"), "hello");
    }

    private SamFunction function(Optional<String> buildMethod) {
        return new SamFunction("Consumer", HANDLER, 512, Duration.ofSeconds(30), project, buildMethod, null);
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
