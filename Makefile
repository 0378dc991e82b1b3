# Entry points for people and for `sam build` (template.yaml: Metadata: BuildMethod: makefile).
# Lambda's java21 runtime runs release-21 bytecode, which only JDK 21+ compiles: scripts/jdk-home finds one.
JAVA_HOME := $(shell ./scripts/jdk-home)
export JAVA_HOME
MVN := mvn -B -ntp
# Flags for the JVMs started below. ElasticMQ's pekko, which the demo and the benchmarks embed, calls
# sun.misc.Unsafe's memory methods, which JDK 24+ warns about unless they are allowed; the flag that allows them
# exists from JDK 23 on, and JDK 21 and 22 refuse to start with it. (Maven's own JVM takes it from .mvn/jvm.config.)
JDK_MAJOR := $(shell sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(JAVA_HOME)/release")
JAVA_FLAGS := $(if $(filter 21 22,$(JDK_MAJOR)),,--sun-misc-unsafe-memory-access=allow)

.PHONY: test demo redrive-tool bench build-ConsumerFunction build-DynamoDbConsumerFunction build-HydrateFunction \
  build-IdempotencyLayer

test:
	$(MVN) verify

# The whole failure flow on local servers; options after ARGS=, e.g. make demo ARGS="--on-failure sqs --records 1000".
# DynamoDB Local, which plays a table's stream, loads SQLite's native library from the folder the build copies it to.
demo:
	$(MVN) -q -pl tools/local-pipeline -am -DskipTests package dependency:copy-dependencies -DincludeScope=runtime
	"$(JAVA_HOME)/bin/java" $(JAVA_FLAGS) -Ds3mock.jar=tools/local-pipeline/target/s3mock/s3mock.jar \
	  --enable-native-access=ALL-UNNAMED -Dsqlite4java.library.path=tools/local-pipeline/target/sqlite-native \
	  -cp "tools/local-pipeline/target/classes:tools/local-pipeline/target/dependency/*" \
	  io.kinesishydrator.pipeline.LocalPipelineCommand $(ARGS)

# Consumer throughput (JMH), cold start and sizes, the hydrate's calls against local servers, and one summary table; options as -Dbench.* in ARGS.
bench:
	$(MVN) -q -pl tools/benchmarks -am -DskipTests package
	"$(JAVA_HOME)/bin/java" $(JAVA_FLAGS) $(ARGS) -cp "tools/benchmarks/target/classes:tools/benchmarks/target/dependency/*" \
	  io.kinesishydrator.bench.Bench

# Puts the dead-letter queue's records back into Kinesis: make redrive-tool ARGS="--help".
redrive-tool:
	$(MVN) -q -pl redrive-tool -am -DskipTests package dependency:copy-dependencies -DincludeScope=runtime
	"$(JAVA_HOME)/bin/java" -cp "redrive-tool/target/classes:redrive-tool/target/dependency/*" \
	  io.kinesishydrator.redrive.RedriveTool $(ARGS)

# The deployed consumers run the example processors: the example's classes, with consumer-function's jar in lib/.
build-ConsumerFunction:
	$(call lambda-artifact,examples/order-processor)

# The DynamoDB stream consumer is the same build as the Kinesis one, with another handler.
build-DynamoDbConsumerFunction:
	$(call lambda-artifact,examples/order-processor)

build-HydrateFunction:
	$(call lambda-artifact,hydrate-function)

# The idempotency store and the DynamoDB client it needs, in java/lib, which the java21 runtime puts on the
# function's classpath. The consumer's own jars are not repeated: the module takes them as provided, and its
# package phase copies only its runtime dependencies to target/layer (see idempotency-dynamodb/pom.xml).
build-IdempotencyLayer:
	rm -rf idempotency-dynamodb/target/layer
	$(MVN) -q -pl idempotency-dynamodb -am -Dmaven.test.skip=true package
	mkdir -p $(ARTIFACTS_DIR)/java/lib
	cp idempotency-dynamodb/target/layer/java/lib/*.jar idempotency-dynamodb/target/idempotency-dynamodb-*.jar \
	  $(ARTIFACTS_DIR)/java/lib/

# Lays a function out as the java21 runtime loads it (and as sam's own Maven builder would):
# classes at the root of ARTIFACTS_DIR, every runtime dependency as a jar in lib/, emptied first so that a folder
# built again (make bench reuses its own) holds only the jars of this build.
define lambda-artifact
	rm -rf $(ARTIFACTS_DIR)/lib
	mkdir -p $(ARTIFACTS_DIR)
	$(MVN) -q -pl $(1) -am -Dmaven.test.skip=true package dependency:copy-dependencies \
	  -DincludeScope=runtime -DoutputDirectory=$(ARTIFACTS_DIR)/lib
	cp -R $(1)/target/classes/. $(ARTIFACTS_DIR)/
endef
