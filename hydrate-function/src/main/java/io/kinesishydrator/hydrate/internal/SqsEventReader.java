package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.common.JsonFields;
import io.kinesishydrator.common.MalformedEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads each record's {@code messageId} and {@code body} from Lambda's SQS event JSON, with Jackson's streaming
 * parser, by {@link SnsEventReader}'s rules: the structure whole or refused, a body that is an object or an array
 * kept as its JSON text, other fields skipped whatever they hold. Each body is one OnFailure record; the message
 * id is what a batch item failure names, so a record without one is refused.
 */
public final class SqsEventReader {
    private SqsEventReader() {
    }

    /** One message of the event; {@code body} is null when absent. */
    public record QueuedMessage(String messageId, String body) {
    }

    public static List<QueuedMessage> messages(InputStream input) throws IOException {
        EventJson.Records<QueuedMessage> read = EventJson.read(new InputStreamReader(input, StandardCharsets.UTF_8),
                "an SQS event", SqsEventReader::messageOfRecord);
        if (read == null || read.records() == null) {
            return List.of();
        }
        int absent = read.records().indexOf(null);
        if (absent >= 0) {
            throw new MalformedEventException("record " + absent + " of the SQS event is null, so a failure could not be reported for it");
        }
        return read.records();
    }

    private static QueuedMessage messageOfRecord(JsonParser json) throws IOException {
        String messageId = null;
        String body = null;
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "messageId" -> messageId = JsonFields.text(json, value, field);
                case "body" -> body = JsonFields.textOrJson(json, value);
                default -> json.skipChildren();
            }
        }
        if (messageId == null) {
            throw new MalformedEventException("the record has no messageId, so a failure could not be reported for it");
        }
        return new QueuedMessage(messageId, body);
    }
}
