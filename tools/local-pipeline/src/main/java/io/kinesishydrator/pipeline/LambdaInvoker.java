package io.kinesishydrator.pipeline;

/** A function as an event source invokes it: the event goes in as JSON, and a response or a function error comes back. */
interface LambdaInvoker {

    /** One invocation; never throws for what the function does, which comes back as a function error. */
    Result invoke(String eventJson);

    /** Lambda's description of a failed invocation, as its {@code errorType} and {@code errorMessage}. */
    record FunctionError(String errorType, String errorMessage) {
    }

    /** What an invocation returned: the response JSON, or the function error the runtime reported. */
    record Result(String response, FunctionError functionError) {
        static Result response(String response) {
            return new Result(response, null);
        }

        static Result error(String errorType, String errorMessage) {
            return new Result(null, new FunctionError(errorType, errorMessage));
        }

        boolean failed() {
            return functionError != null;
        }
    }
}
