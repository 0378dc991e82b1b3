package io.kinesishydrator.pipeline;

import java.nio.file.Path;
import java.util.Map;

/** The repository's template.yaml with its functions built as make demo builds them, for tests that run the whole flow. */
final class RepositoryFunctions {
    static final Path TEMPLATE = Path.of("../../template.yaml");
    private static final Path BUILDS = Path.of("target", "local-pipeline", "functions");

    private RepositoryFunctions() {
    }

    /** The consumer and the hydrate, built once for all tests (again only when a source changed), logging to {@code logs}. */
    static LocalPipeline.PipelineFunctions of(Map<String, String> parameterOverrides, Path logs) {
        PipelineTemplate template = PipelineTemplate.read(TEMPLATE, "ConsumerFunction", parameterOverrides);
        SamFunction hydrate = template.hydrate().orElseThrow();
        synchronized (RepositoryFunctions.class) {
            return new LocalPipeline.PipelineFunctions(template, FunctionCode.folder(template.consumer(), BUILDS, line -> { }),
                    FunctionCode.folder(hydrate, BUILDS, line -> { }), logs);
        }
    }
}
