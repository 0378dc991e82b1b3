package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads each record's {@code messageId} and {@code body} from Lambda's SQS event JSON, with Jackson's streaming
 * parser, as {@link SnsEventReader} reads SNS events. Each body is one OnFailure record; the message id is what
 * a batch item failure names.
 */
public final class SqsEventReader {
    private SqsEventReader() {
    }

    /** One message of the event; {@code body} is null when absent. */
    public record QueuedMessage(String messageId, String body) {
    }

    public static List<QueuedMessage> messages(InputStream input) throws IOException {
        EventJson.Records<QueuedMessage> read = EventJson.read(input, "an SQS event", SqsEventReader::messageOfRecord);
        return read == null || read.records() == null ? List.of() : read.records();
    }

    private static QueuedMessage messageOfRecord(JsonParser json) throws IOException {
        String messageId = null;
        String body = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("messageId") && value == JsonToken.VALUE_STRING) {
                messageId = json.getText();
            } else if (field.equals("body") && value == JsonToken.VALUE_STRING) {
                body = json.getText();
            } else {
                json.skipChildren();
            }
        }
        if (messageId == null) {
            throw new IOException("a record of the SQS event has no messageId, so a failure could not be reported for it");
        }
        return new QueuedMessage(messageId, body);
    }
}
